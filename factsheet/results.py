"""What a check and a build return: the checked sheet with everything the gate found, and each output built.

Both cross stages (the batch, the preview and the command line read them), so they live apart from the
pipeline that fills them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.campaign import SIGNOFF_FILE_NAME, Campaign
from factsheet.errors import Problem, errors_only
from factsheet.produce.report import OutputReport
from factsheet.sheet.assets import NamedFiles
from factsheet.sheet.merge import Variant
from factsheet.sheet.validate import LocatedSheet
from factsheet.verify.gate import VerificationReport
from factsheet.verify.sources import Source

if TYPE_CHECKING:
    from factsheet.translate.catalog import Translation
    from factsheet.translate.languages import Language
    from factsheet.verify.review import PendingChange
    from factsheet.verify.signoff import CoalitionSignoff


@dataclass(frozen=True)
class CheckResult:
    """A valid sheet, its sources, the files it names, the verdict of the misquote gate, the variants of each
    declared mail merge (by output index), and any problem with its files, characters or merge rows
    (`input_problems`, which even a draft cannot print past)."""

    campaign: Campaign
    located: LocatedSheet
    sources: dict[str, Source]
    report: VerificationReport
    files: NamedFiles
    variants: dict[int, list[Variant]]
    input_problems: tuple[Problem, ...] = ()
    translations: dict[str, Translation] = field(default_factory=dict)
    """The sheet's translations its outputs (or the request) print in, by language code, each with the
    problems that refuse it in a build that is not a draft."""

    @property
    def translation_problems(self) -> tuple[Problem, ...]:
        return tuple(problem for translation in self.translations.values() for problem in translation.problems)

    @property
    def sheet_path(self) -> Path:
        return self.campaign.sheet_path

    @property
    def problems(self) -> tuple[Problem, ...]:
        return (*self.report.problems, *self.input_problems, *self.translation_problems)

    @property
    def ok(self) -> bool:
        return self.report.ok and not errors_only(self.input_problems) and not self.translation_problems

    def printed_in(self, language: str | None) -> Language:
        """The language an output prints in: a translation the check loaded, or (None) the sheet's own."""
        if language is not None:
            return self.translations[language].language
        from factsheet.translate.languages import language as language_named

        return language_named(self.located.sheet.language, self.located.yaml.locate(("language",)))

    def changes(self) -> list[PendingChange]:
        """Everything a person signs off in this sheet, with the approvals each has and needs."""
        from factsheet.verify.review import changes

        return changes(self.campaign.folder, self.report.signables, self.located.sheet.signoff)

    def fingerprint(self) -> str:
        """What a coalition signs: the sheet and every file it is checked against, and the approvals."""
        from factsheet.verify.review import sheet_fingerprint

        folder = self.campaign.folder
        inputs = [self.sheet_path, self.campaign.lock_path, *(source.path for source in self.sources.values())]
        inputs += [path for source in self.sources.values() if (path := source.evidence) is not None]
        inputs += sorted((folder / "translations").glob("*.po"))
        return sheet_fingerprint(folder, inputs)

    @cached_property
    def coalition(self) -> tuple[CoalitionSignoff, ...]:
        """The partners' sign-offs of the sheet exactly as it is now (an edit since voids one): the handout
        prints them as "Checked by"."""
        from factsheet.verify.review import current_coalition
        from factsheet.verify.signoff import read_signoff

        signoffs = read_signoff(self.campaign.folder)
        return current_coalition(signoffs, self.fingerprint()) if signoffs.coalition else ()

    def archive_files(self) -> tuple[tuple[str, bytes], ...]:
        """What the archive edition attaches: the sheet, the lock, every archived source and the evidence a
        capture kept of it, the translations printed and the sign-off, by their path in the campaign folder, so
        anyone holding the PDF can re-run the check and show what each page said the day it was captured."""
        campaign = self.campaign
        paths = [campaign.sheet_path, campaign.lock_path, *(source.path for source in self.sources.values())]
        paths += [evidence for source in self.sources.values() if (evidence := source.evidence) is not None]
        paths += [translation.po_file for translation in self.translations.values()]
        paths.append(campaign.folder / SIGNOFF_FILE_NAME)
        return tuple(
            (path.relative_to(campaign.folder).as_posix(), path.read_bytes()) for path in paths if path.is_file()
        )

    def summary(self) -> str:
        broken = len(errors_only(self.input_problems))
        summary = self.report.summary()
        if broken:
            summary += f" {broken} problem(s) with the sheet's files or characters."
        if self.translation_problems:
            summary += f" {len(self.translation_problems)} problem(s) in its translations."
        return summary


@dataclass
class BuildResult:
    """Everything a build did: each output's line in request order, the check of each sheet, the time taken."""

    outputs: list[OutputReport] = field(default_factory=list)
    checks: dict[Path, CheckResult] = field(default_factory=dict)
    seconds: float = 0.0
    rendered_sheets: set[Path] = field(default_factory=set)
    render_warnings: list[Problem] = field(default_factory=list)
    """What printing found: pages or panels left sparse even in the largest type their layout allows."""

    @property
    def built(self) -> list[OutputReport]:
        return [report for report in self.outputs if report.status == "built"]

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every output's path, built or already up to date, in the order they were asked for."""
        return tuple(report.path for report in self.outputs)

    @property
    def warnings(self) -> list[Problem]:
        """The warnings of each sheet something was rendered from (a build with nothing to do says nothing)."""
        checks = [self.checks[path] for path in sorted(self.rendered_sheets)]
        found = [problem for checked in checks for problem in checked.problems if problem.severity == "warning"]
        return found + self.render_warnings
