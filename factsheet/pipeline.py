"""The order of the stages, written down once, and the one build path the command line, the tests and Python
users all take.

`check()` runs every check of the input that needs no rendering: load, validate, the misquote gate, the files
the sheet names, the characters the fonts can print, the mail-merge rows. `build()` checks, plans every output
the request asks for, skips the ones whose inputs are unchanged, renders the rest in a pool of workers and
publishes them all or none. It refuses nothing `check()` passed except what only rendering can show: content
that does not fit its layout, or a template that breaks.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from factsheet.batch.exclusive import building_into
from factsheet.batch.manifest import Entry, changed_inputs, digest, is_up_to_date, read_manifest, write_manifest
from factsheet.batch.plan import BuildRequest, Job, beside_kinds, plan_jobs, refuse_duplicate_outputs
from factsheet.campaign import Campaign, find_sheets, resolve_sheet
from factsheet.errors import FactsheetError, Location, Problem, errors_only
from factsheet.press.editions import EditionName
from factsheet.press.layouts import Imposition, LayoutName, PaperName
from factsheet.produce.report import OutputReport, Progress
from factsheet.render.copyfit import FIT_VERSION
from factsheet.results import BuildResult, CheckResult
from factsheet.sheet.assets import named_files
from factsheet.sheet.coverage import family_characters
from factsheet.sheet.glyphs import covered_characters, missing_glyphs, theme_font_characters
from factsheet.sheet.load import load_yaml_file
from factsheet.sheet.merge import Variant, merge_variants
from factsheet.sheet.validate import LocatedSheet, validate_sheet
from factsheet.translate.languages import quoted_fonts
from factsheet.verify.gate import verify
from factsheet.verify.lock import write_lock
from factsheet.verify.sources import load_sources
from factsheet.write import publish_all, refuse_overwriting_inputs

if TYPE_CHECKING:
    from factsheet.translate.catalog import Translation

__all__ = ["BuildRequest", "BuildResult", "CheckResult", "build", "build_all", "check", "locate", "record"]


def check(sheet: Path | None = None, *, recording: bool = False, languages: Sequence[str] = ()) -> CheckResult:
    """Load, validate and verify a sheet, and check every file it names and every character it prints, and
    each translation its outputs declare (or `languages` asks for). Raises FactsheetError for an unreadable or
    invalid sheet. `recording` leaves out the archive-fingerprint comparison (see `record`)."""
    campaign = Campaign(resolve_sheet(sheet))
    loaded = load_yaml_file(campaign.sheet_path)
    sources = load_sources(campaign.sources_folder)
    located = validate_sheet(loaded, sources.keys())
    report = verify(located, sources, recording=recording)
    files, problems = named_files(located)
    beyond_language = theme_font_characters(files) | family_characters(quoted_fonts(located, sources))
    problems += missing_glyphs(located, covered_characters(located.sheet.language) | beyond_language)
    for index, output in enumerate(located.sheet.outputs if "outputs" in loaded.data else ()):
        try:
            beside_kinds(output, loaded.locate(("outputs", index)))
        except FactsheetError as error:
            problems += error.problems
    variants: dict[int, list[Variant]] = {}
    for index, csv_path in files.merges.items():
        output = located.sheet.outputs[index]
        try:
            variants[index] = merge_variants(located, csv_path, output.name, loaded.locate(("outputs", index)))
        except FactsheetError as error:
            problems += error.problems
    translations: dict[str, Translation] = {}
    wanted = [*languages] or [code for output in located.sheet.outputs for code in output.languages]
    if wanted:
        from factsheet.translate.catalog import load_translation
    for code in dict.fromkeys(wanted):
        if code == located.sheet.language:
            continue
        try:
            translations[code] = load_translation(located, code, also_covered=beyond_language)
        except FactsheetError as error:
            problems += error.problems
    return CheckResult(campaign, located, sources, report, files, variants, tuple(problems), translations)


def locate(sheet: Path | None = None) -> LocatedSheet:
    """The sheet loaded and validated, without the misquote gate: what translating it needs."""
    campaign = Campaign(resolve_sheet(sheet))
    return validate_sheet(load_yaml_file(campaign.sheet_path), load_sources(campaign.sources_folder).keys())


def record(sheet: Path | None = None, *, by: str) -> Path:
    """Record the fingerprints of the campaign's sources in sources.lock as reviewed by `by`, now, after
    checking the sheet passes (`verify.recording.source_changes` lists what is being recorded).

    Recording marks the archive as reviewed; refusing to record a failing sheet keeps a tampered source
    from being blessed along with the misquote it was edited to support."""
    from factsheet.verify.signoff import now

    checked = check(sheet, recording=True)
    if not checked.ok:
        raise FactsheetError(errors_only(checked.problems))
    return write_lock(checked.campaign.folder, checked.sources, " ".join(by.split()), now())


def build(
    sheet: Path | None = None,
    request: BuildRequest | None = None,
    *,
    output_dir: Path = Path("output"),
    progress: Progress | None = None,
    **fields: Unpack[RequestFields],
) -> BuildResult:
    """Build what `request` asks of one sheet (by default every output the sheet declares, mail merges
    included) into `output_dir`, skipping outputs whose inputs are unchanged since the last build. A sheet that
    fails verification is not rendered unless the request is a draft, and then every page is marked DRAFT.

    `fields` are a shorthand for the request's: `build(sheet, papers=("a4",), edition="shop")`; `layout="x"`
    is short for `layouts=("x",)`; lists are taken as tuples."""
    return _build([resolve_sheet(sheet)], _request(request, fields), output_dir, progress)


def build_all(
    folder: Path = Path("seeds"),
    request: BuildRequest | None = None,
    *,
    output_dir: Path = Path("output"),
    progress: Progress | None = None,
    **fields: Unpack[RequestFields],
) -> BuildResult:
    """`build()` for every campaign under `folder`, in one pool of workers, published together."""
    return _build(find_sheets(folder), _request(request, fields), output_dir, progress)


class RequestFields(TypedDict, total=False):
    """`build()`'s keyword shorthand for a BuildRequest's fields (see BuildRequest), plus `layout`."""

    papers: Sequence[PaperName]
    layouts: Sequence[LayoutName]
    layout: LayoutName
    edition: EditionName | None
    crop_marks: bool
    also: Sequence[str]
    imposition: Imposition | None
    merge: Path | None
    name: str | None
    combine: bool
    draft: bool
    force: bool
    jobs: int | None
    languages: Sequence[str]


def _request(request: BuildRequest | None, fields: RequestFields) -> BuildRequest:
    values: dict[str, object] = dict(fields)
    if "layout" in values:
        values["layouts"] = (values.pop("layout"),)
    values = {name: tuple(v) if isinstance(v, list | tuple) else v for name, v in values.items()}
    return replace(request or BuildRequest(), **values)  # type: ignore[arg-type]


def _build(sheets: Sequence[Path], request: BuildRequest, output_dir: Path, progress: Progress | None) -> BuildResult:
    with building_into(output_dir):
        return _build_locked(sheets, request, output_dir, progress)


def _build_locked(
    sheets: Sequence[Path], request: BuildRequest, output_dir: Path, progress: Progress | None
) -> BuildResult:
    from factsheet.batch.combine import gathered_outputs
    from factsheet.batch.pool import Interrupted, render_all
    from factsheet.press.concatenate import page_count
    from factsheet.produce.output import render_job

    started = time.perf_counter()
    result = BuildResult()
    problems: list[Problem] = []
    for sheet_path in sheets:
        checked = check(sheet_path, languages=request.languages)
        result.checks[sheet_path] = checked
        problems += errors_only(checked.input_problems)
        if not checked.report.ok and not request.draft:
            problems += errors_only(checked.report.problems)
    if problems:
        raise FactsheetError(problems)
    jobs = [job for checked in result.checks.values() for job in plan_jobs(checked, request, output_dir)]
    refuse_duplicate_outputs(jobs)
    if not request.draft:
        _refuse_unready_translations(result, jobs)
    manifest = read_manifest(output_dir)
    stale: list[Job] = []
    for job in jobs:
        entry = manifest.get(job.output.name)
        if not request.force and is_up_to_date(job.output, entry, job.inputs):
            assert entry is not None
            result.outputs.append(OutputReport(job.output, "up to date", entry.pages, entry.bytes, 0.0))
        else:
            same_inputs = entry is not None and entry.inputs == job.inputs and entry.fit == FIT_VERSION
            stale.append(replace(job, scale_hint=entry.scale) if same_inputs and entry is not None else job)
    result.rendered_sheets = {job.sheet_path for job in stale}
    protected = [path for checked in result.checks.values() for path in _input_paths(checked, jobs)]
    combined_paths = {job.gathering.path for job in jobs if job.gathering is not None}
    refuse_overwriting_inputs([*(job.output for job in stale), *combined_paths], protected)
    total = len(jobs) + len(combined_paths)
    try:
        rendered = render_all(stale, result.checks, render_job, request, progress, total, len(jobs) - len(stale))
    except Interrupted as stopped:
        _keep_finished(output_dir, manifest, stale, stopped.finished)
        raise FactsheetError.at(
            Location.of(output_dir),
            f"interrupted: {len(stopped.finished)} of the {len(stale)} outputs to build were finished and are kept "
            "(nothing half-written)",
            "run the same command again to go on from there: finished outputs are up to date",
        ) from None
    combined = gathered_outputs(jobs, {job.output: rendered[index].pdf for index, job in enumerate(stale)})
    publish_all([(job.output, rendered[index].pdf) for index, job in enumerate(stale)] + [c[:2] for c in combined])
    for index, job in enumerate(stale):
        done = rendered[index]
        entry = manifest.get(job.output.name)
        changed = tuple(changed_inputs(entry, job.inputs))
        result.outputs.append(
            OutputReport(job.output, "built", done.pages, len(done.pdf), done.seconds, changed, done.note)
        )
        result.render_warnings += done.warnings
        manifest[job.output.name] = Entry(
            job.inputs, digest(done.pdf), done.pages, len(done.pdf), done.scale, FIT_VERSION
        )
    finished = total - len(combined)
    for path, pdf, pages in combined:
        report = OutputReport(path, "built", pages, len(pdf), 0.0, ("merge variants",))
        result.outputs.append(report)
        finished += 1
        if progress is not None:
            progress(report, finished, total)
    for path in sorted(combined_paths - {made[0] for made in combined}):
        result.outputs.append(OutputReport(path, "up to date", page_count(path.read_bytes()), path.stat().st_size, 0.0))
    if stale:
        write_manifest(output_dir, manifest)
    _sort_as_requested(result, jobs)
    result.seconds = time.perf_counter() - started
    return result


def _keep_finished(output_dir: Path, manifest: dict[str, Entry], jobs: Sequence[Job], finished: dict[int, Any]) -> None:
    """On Ctrl-C, publish the outputs already rendered (each whole and checked) and record them in the manifest,
    so the next build skips them; gathered files are left for the build that finishes."""
    publish_all([(jobs[index].output, done.pdf) for index, done in sorted(finished.items())])
    for index, done in finished.items():
        job = jobs[index]
        manifest[job.output.name] = Entry(
            job.inputs, digest(done.pdf), done.pages, len(done.pdf), done.scale, FIT_VERSION
        )
    if finished:
        write_manifest(output_dir, manifest)


def _refuse_unready_translations(result: BuildResult, jobs: Sequence[Job]) -> None:
    """A translation the build prints must be complete and keep every number; one it does not print may
    still be in progress."""
    printed = {(job.sheet_path, job.language) for job in jobs if job.language}
    problems = [
        problem
        for sheet_path, code in sorted(printed)
        for problem in result.checks[sheet_path].translations[code].problems
    ]
    if problems:
        raise FactsheetError(problems)


def _input_paths(checked: CheckResult, jobs: Sequence[Job]) -> list[Path]:
    """Every file a build of this sheet reads, the merge files given on the command line included."""
    paths = [*checked.campaign.inputs(checked.files.by_name()).values(), *checked.campaign.template_files()]
    paths += [translation.po_file for translation in checked.translations.values()]
    return paths + [job.merge_file for job in jobs if job.merge_file is not None]


def _sort_as_requested(result: BuildResult, jobs: Sequence[Job]) -> None:
    """Outputs in the order they were asked for; combined merge PDFs last, as they were made."""
    order = {job.output: index for index, job in enumerate(jobs)}
    result.outputs.sort(key=lambda report: order.get(report.path, len(order)))
