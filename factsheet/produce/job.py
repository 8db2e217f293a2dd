"""What a build is asked for and the jobs it plans: the two types every stage from planning to the preview
passes along, kept here below the batch that plans them and the pool that runs them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factsheet.press.editions import Edition, EditionName
from factsheet.press.layouts import Imposition, Layout, LayoutName, PaperName
from factsheet.produce.kinds import OutputKind
from factsheet.sheet.model import CallToAction


@dataclass(frozen=True)
class BuildRequest:
    """What to build. Empty `papers` and `layouts` and no `merge` mean the sheet's declared outputs, mail
    merges included; naming papers or layouts prints each layout on each paper instead (declared layouts and
    papers fill in what is not named). `edition`, `crop_marks` and `also` apply to every output: `also` names
    registered kinds written beside each handout (`ticket`, see produce/kinds.py)."""

    papers: tuple[PaperName, ...] = ()
    layouts: tuple[LayoutName, ...] = ()
    edition: EditionName | None = None
    crop_marks: bool = False
    also: tuple[str, ...] = ()
    imposition: Imposition | None = None
    merge: Path | None = None
    name: str | None = None
    combine: bool = False
    draft: bool = False
    force: bool = False
    jobs: int | None = None
    languages: tuple[str, ...] = ()
    """Languages to print every output in (the sheet's own, or ones it has translations into); empty means
    each output's declared `languages`, else the sheet's language."""


@dataclass(frozen=True)
class Gathering:
    """The one file a merge's variants are gathered into, and the kind that gathers them."""

    kind: OutputKind
    path: Path


@dataclass(frozen=True)
class Job:
    """One file to make: its kind, from which sheet, in which layout, paper and edition, where it goes, what
    it is made of (`inputs`: digests by name), and for a merge variant its row, filled-in call to action and
    the file its batch is gathered into."""

    kind: OutputKind
    sheet_path: Path
    layout: Layout
    paper: PaperName
    edition: Edition
    output: Path
    inputs: dict[str, str]
    action: CallToAction | None = None
    row: dict[str, str] | None = None
    gathering: Gathering | None = None
    imposition: Imposition | None = None
    crop_marks: bool = False
    merge_file: Path | None = None
    language: str | None = None
    """The language the job prints in when it is not the sheet's own (its translation is in the check)."""
    direction: str = "ltr"
    """The direction that language is written in: a right-to-left handout's panels and folds mirror."""
    scale_hint: float | None = None
    """The type factor copyfitting found for this output when it was last built from the same inputs."""
    cross_check: bool = True
    """Whether preflight also has Ghostscript render this output's ink (where installed): one output of each
    kind in a batch is enough, since every variant of it is painted in the same colours."""

    def batch_key(self, draft: bool) -> str:
        """What a merge variant shares with the others of its batch: every input but its own row, and how it
        is printed. Variants with one key share their type factor and are composed into one shared page."""
        import json

        shared = {name: value for name, value in self.inputs.items() if name not in ("row", "action")}
        return json.dumps([str(self.sheet_path), draft, shared], sort_keys=True)
