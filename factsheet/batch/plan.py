"""The output matrix: what a build request asks of a checked sheet, as one job per PDF to make.

A request either takes the sheet's declared outputs (mail merges included) or names what to print instead:
each `--layout` on each `--paper`, an edition, or a CSV file to merge. Every job carries the digests of what
its PDF is made from, so the manifest can tell which jobs are already up to date.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from factsheet.batch.manifest import digest, file_digest, folder_digest
from factsheet.batch.merge import Variant, merge_variants
from factsheet.campaign import output_name, ticket_path
from factsheet.errors import FactsheetError, Location, Problem
from factsheet.press.editions import EDITIONS, Edition, EditionName
from factsheet.press.layouts import LAYOUTS, Imposition, Layout, LayoutName, PaperName
from factsheet.resources import TEMPLATES_DIR
from factsheet.sheet.model import CallToAction, Output
from factsheet.version import __version__

if TYPE_CHECKING:
    from factsheet.pipeline import CheckResult


@dataclass(frozen=True)
class BuildRequest:
    """What to build. Empty `papers` and `layouts` and no `merge` mean the sheet's declared outputs, mail
    merges included; naming papers or layouts prints each layout on each paper instead (declared layouts and
    papers fill in what is not named). `edition`, `crop_marks` and `job_ticket` apply to every output."""

    papers: tuple[PaperName, ...] = ()
    layouts: tuple[LayoutName, ...] = ()
    edition: EditionName | None = None
    crop_marks: bool = False
    job_ticket: bool = False
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
class Job:
    """One PDF to make: from which sheet, in which layout, paper and edition, where it goes, what it is made
    of (`inputs`: digests by name), and for a merge variant its row and filled-in call to action."""

    sheet_path: Path
    layout: Layout
    paper: PaperName
    edition: Edition
    output: Path
    inputs: dict[str, str]
    action: CallToAction | None = None
    row: dict[str, str] | None = None
    combined: Path | None = None
    imposition: Imposition | None = None
    crop_marks: bool = False
    ticket: bool = False
    merge_file: Path | None = None
    language: str | None = None
    """The language the job prints in when it is not the sheet's own (its translation is in the check)."""
    scale_hint: float | None = None
    """The type factor copyfitting found for this output when it was last built from the same inputs."""
    cross_check: bool = True
    """Whether preflight also has Ghostscript render this output's ink (where installed): one output of each
    kind in a batch is enough, since every variant of it is painted in the same colours."""


def plan_jobs(checked: CheckResult, request: BuildRequest, output_dir: Path) -> list[Job]:
    """Every job the request makes of one checked sheet, in order: each output's papers, then its rows. Two
    declared outputs that a `--layout` or `--lang` makes the same PDF are built once."""
    jobs: list[Job] = []
    common = _common_inputs(checked, request.draft)
    planned: dict[Path, dict[str, str]] = {}
    for output, variants, merge_file in _outputs(checked, request):
        for language in _languages(checked, output, request.languages):
            for job in _expand(checked, output, output_dir, common, variants, merge_file, language):
                if planned.get(job.output) == job.inputs:
                    continue
                planned[job.output] = job.inputs
                jobs.append(job)
    kinds: set[tuple[str, str, str]] = set()
    for index, job in enumerate(jobs):
        kind = (job.layout.name, job.paper, job.edition.name)
        if kind in kinds:
            jobs[index] = replace(job, cross_check=False)
        kinds.add(kind)
    return jobs


def _outputs(checked: CheckResult, request: BuildRequest) -> Iterator[tuple[Output, Sequence[Variant], Path | None]]:
    """The outputs asked for, each with its merge variants and its CSV file."""
    located = checked.located
    declared = located.sheet.outputs
    sheet_location = Location.of(checked.sheet_path)
    if request.merge is not None:
        index = next((index for index, output in enumerate(declared) if output.merge), 0)
        papers = list(request.papers) or (declared[index].papers if declared[index].merge else ["letter"])
        variants = merge_variants(located, request.merge, request.name, located.yaml.locate(("outputs", index)))
        for layout in request.layouts or ("onepager",):
            fields: dict[str, Any] = {"layout": layout, "papers": papers, "merge": str(request.merge)}
            fields |= {"name": request.name, "combine": request.combine, "imposition": request.imposition}
            fields["job_ticket"] = request.job_ticket
            yield _output(fields, request, sheet_location), variants, request.merge
        return
    chosen = bool(request.papers or request.layouts)
    for index, output in enumerate(declared):
        location = located.yaml.locate(("outputs", index)) if "outputs" in located.yaml.data else sheet_location
        if output.merge is not None and chosen:
            continue
        for layout in request.layouts or (output.layout,):
            fields = {**output.model_dump(), "layout": layout, "papers": list(request.papers or output.papers)}
            if chosen:
                fields["languages"] = []
            if request.imposition:
                fields["imposition"] = request.imposition
            if output.merge is None and request.edition:
                fields["job_ticket"] = request.job_ticket
            variants = checked.variants.get(index, [])
            yield _output(fields, request, location), variants, checked.files.merges.get(index)


def _output(fields: dict[str, Any], request: BuildRequest, location: Location) -> Output:
    """An output with the request's edition applied, checked like a declared one (some combinations cannot be
    printed: crop marks at home, a job ticket per merge row)."""
    if request.edition:
        fields |= {"edition": request.edition, "crop_marks": request.crop_marks}
    try:
        return Output.model_validate(fields)
    except ValidationError as error:
        problems = [
            Problem(location, detail["msg"], str((detail.get("ctx") or {}).get("hint", "")))
            for detail in error.errors(include_url=False)
        ]
        raise FactsheetError(problems) from None


def _languages(checked: CheckResult, output: Output, request_languages: Sequence[str]) -> list[str | None]:
    """The languages one output prints in, None for the sheet's own; a bilingual output prints each translation
    (with the sheet's language on its front) and needs at least one."""
    sheet_language = checked.located.sheet.language
    codes = requested_languages(sheet_language, output, request_languages)
    if LAYOUTS[output.layout].bilingual:
        codes = [code for code in codes if code != sheet_language]
        if not codes:
            raise FactsheetError.at(
                Location.of(checked.sheet_path),
                "the bilingual layout prints the sheet with one of its translations, and none was asked for",
                "add --lang CODE (es, zh-Hant, ...) or `languages: [es]` to the output",
            )
    return [None if code == sheet_language else code for code in codes]


def requested_languages(sheet_language: str, output: Output, request_languages: Sequence[str]) -> list[str]:
    """The languages an output prints in: the request's, else the output's declared ones, else the sheet's
    (a request naming papers or layouts prints the sheet's language unless it names languages too)."""
    return list(dict.fromkeys(request_languages or output.languages or [sheet_language]))


def _expand(
    checked: CheckResult,
    output: Output,
    output_dir: Path,
    common: dict[str, str],
    variants: Sequence[Variant],
    merge_file: Path | None,
    language: str | None,
) -> Iterator[Job]:
    if language is not None:
        common = {**common, "language": language, "translation": checked.translations[language].digest}
    layout, edition = LAYOUTS[output.layout], EDITIONS[output.edition]
    base = {**common, "layout": layout.name, "imposition": output.imposition or "", "edition": edition.name}
    base["crop marks"] = str(output.crop_marks)
    suffix = f"-{language}" if language else ""
    slug = checked.located.sheet.slug + suffix
    for paper in output.papers:
        label = f"2up-{paper}" if output.imposition else layout.sheet(paper).name
        job = Job(
            checked.sheet_path,
            layout,
            paper,
            edition,
            output_dir / output_name(slug, layout, label, edition),
            {**base, "paper": paper},
            imposition=output.imposition,
            crop_marks=output.crop_marks,
            merge_file=merge_file,
            language=language,
        )
        if output.merge is None:
            yield job
            if output.job_ticket:
                yield replace(job, output=ticket_path(job.output), inputs={**job.inputs, "ticket": "yes"}, ticket=True)
            continue
        merged = output_dir / output_name(slug, layout, f"merged-{label}", edition)
        for variant in variants:
            inputs = {**job.inputs, "row": digest(json.dumps(variant.row.values, sort_keys=True).encode())}
            inputs["action"] = digest(variant.action.model_dump_json().encode())
            yield replace(
                job,
                output=output_dir / output_name(variant.name + suffix, layout, label, edition),
                inputs=inputs,
                action=variant.action,
                row=variant.row.values,
                combined=merged if output.combine else None,
            )


def _common_inputs(checked: CheckResult, draft: bool) -> dict[str, str]:
    """Digests of everything a sheet's PDFs are made from, by a name the user recognises."""
    campaign = checked.campaign
    inputs = {"factsheet": __version__, "draft": str(draft)}
    for name, path in campaign.inputs(checked.files.by_name()).items():
        if path not in checked.files.merges.values():
            inputs[name] = file_digest(path)
    inputs["built-in templates"] = folder_digest(TEMPLATES_DIR)
    inputs["campaign templates"] = folder_digest(campaign.templates) if campaign.templates else ""
    return inputs


def refuse_duplicate_outputs(jobs: Sequence[Job]) -> None:
    """Two outputs of one build may not share a file name (two sheets with one slug, say)."""
    seen: dict[Path, Job] = {}
    problems = []
    for job in jobs:
        if job.output in seen:
            problems.append(
                Problem(
                    Location.of(job.sheet_path),
                    f"two outputs would both be written to {job.output.name}",
                    f"give the sheets different slugs (the other is {seen[job.output].sheet_path})",
                )
            )
        seen[job.output] = job
    if problems:
        raise FactsheetError(problems)
