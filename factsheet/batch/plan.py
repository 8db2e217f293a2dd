"""Batch builds: every declared output of one or many sheets, mail-merge variants, in parallel, incrementally.

Sits on top of the pipeline and never inside a stage: `plan` turns sheets into jobs (layout × paper × merge
row), the manifest skips jobs whose inputs are unchanged, each sheet still stale is verified once, and a pool
of worker processes renders the rest. Workers are forked after planning, so they inherit the verified sheets,
and each keeps its parsed stylesheets and fonts for every job it renders; each runs under a memory ceiling and
a per-job time limit. Outputs are published together only when every job succeeded.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from types import FrameType
from typing import Any

from factsheet import __version__
from factsheet.errors import FactsheetError, Location, Problem, errors_only
from factsheet.press.impose import two_up
from factsheet.render.isolation import limit_memory
from factsheet.sheet.load import load_yaml_file
from factsheet.verify.lock import LOCK_FILE_NAME
from factsheet.batch.manifest import (
    Entry,
    changed_inputs,
    digest,
    file_digest,
    folder_digest,
    is_up_to_date,
    read_manifest,
    write_manifest,
)
from factsheet.batch.merge import DEFAULT_NAME, plan_variants, read_rows
from factsheet.sheet.model import CallToAction, MergeAction, Output, Sheet
from factsheet.press.layouts import SHEET_POINTS, output_name, sheet_size
from factsheet.pipeline import (
    CAMPAIGN_TEMPLATES_FOLDER,
    SHEET_FILE_NAME,
    SOURCES_FOLDER,
    CheckResult,
    check,
    input_files,
    render_document,
)
from factsheet.press.preflight import preflight
from factsheet.resources import TEMPLATES_DIR
from factsheet.press.ticket import make_ticket, render_ticket, ticket_path
from factsheet.sheet.validate import validate_sheet
from factsheet.verify.gate import VerificationReport
from factsheet.write import publish_all, refuse_overwriting_inputs

JOB_SECONDS = 60
WORKER_EXTRA_MEMORY = 1_500_000_000


@dataclass(frozen=True)
class Job:
    """One PDF to make: which sheet, layout and paper, which merge row, where it goes, what it is made of."""

    sheet_path: Path
    layout: str
    paper: str
    output: Path
    inputs: dict[str, str]
    action: CallToAction | None = None
    row: dict[str, str] | None = None
    combined: Path | None = None
    imposition: str | None = None
    edition: str = "home"
    crop_marks: bool = False
    ticket: bool = False


@dataclass(frozen=True)
class OutputReport:
    """One line of the summary table."""

    path: Path
    status: str
    pages: int
    size: int
    seconds: float
    changed: tuple[str, ...] = ()


@dataclass
class BatchResult:
    """Everything a batch did: each output's line, and the verification report of each sheet verified."""

    outputs: list[OutputReport] = field(default_factory=list)
    reports: dict[Path, VerificationReport] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def built(self) -> list[OutputReport]:
        return [report for report in self.outputs if report.status == "built"]


@dataclass(frozen=True)
class Request:
    """What to build from one sheet: its declared outputs, or overrides from the command line."""

    sheet: Path
    papers: tuple[str, ...] | None = None
    merge: Path | None = None
    name: str | None = None
    combine: bool = False
    include_declared_merges: bool = False
    layout: str | None = None
    imposition: str | None = None
    edition: str | None = None
    crop_marks: bool = False
    job_ticket: bool = False


def find_sheets(folder: Path) -> list[Path]:
    """Every campaign's sheet under `folder` (folders holding a sheet.yaml), in name order."""
    sheets = sorted(folder.glob(f"*/{SHEET_FILE_NAME}")) + sorted(folder.glob(SHEET_FILE_NAME))
    if not sheets:
        raise FactsheetError.at(
            Location.of(folder), "no campaign here", f"a campaign is a folder holding {SHEET_FILE_NAME}"
        )
    return sheets


def plan(requests: Sequence[Request], output_dir: Path, *, draft: bool = False) -> list[Job]:
    """Expand requests into jobs (layout × paper × merge row), checking every row and name first."""
    jobs: list[Job] = []
    for request in requests:
        loaded = load_yaml_file(request.sheet)
        sheet = validate_sheet(loaded, _source_ids(request.sheet)).sheet
        common = _sheet_inputs(request.sheet, sheet, draft)
        for index, output in enumerate(_outputs(request, sheet)):
            location = loaded.locate(("outputs", index)) if "outputs" in loaded.data else Location.of(request.sheet)
            jobs.extend(_expand(request, sheet, output, output_dir, common, loaded, location))
    _refuse_duplicate_outputs(jobs)
    return jobs


def build_batch(
    requests: Sequence[Request],
    output_dir: Path,
    *,
    workers: int | None = None,
    draft: bool = False,
    force: bool = False,
    progress: Callable[[OutputReport, int, int], None] | None = None,
) -> BatchResult:
    """Build every requested output that is out of date; publish all of them or none."""
    started = time.perf_counter()
    jobs = plan(requests, output_dir, draft=draft)
    manifest = read_manifest(output_dir)
    result = BatchResult()
    stale = []
    for job in jobs:
        entry = manifest.get(job.output.name)
        if not force and is_up_to_date(job.output, entry, job.inputs):
            assert entry is not None
            result.outputs.append(OutputReport(job.output, "up to date", entry.pages, entry.bytes, 0.0))
        else:
            stale.append(job)
    checked = _verify_sheets({job.sheet_path for job in stale}, draft, result)
    inputs = [path for result in checked.values() for path in input_files(result)]
    refuse_overwriting_inputs((job.output for job in stale), inputs)
    rendered = _render_all(stale, checked, draft, workers, progress, len(jobs))
    documents = [(job.output, rendered[index][0]) for index, job in enumerate(stale)]
    combined = _combined(jobs, stale, rendered)
    publish_all(documents + combined)
    for path, pdf in combined:
        result.outputs.append(OutputReport(path, "built", _page_count(pdf), len(pdf), 0.0, ("merge variants",)))
    for index, job in enumerate(stale):
        pdf, pages, seconds = rendered[index]
        entry = manifest.get(job.output.name)
        report = OutputReport(job.output, "built", pages, len(pdf), seconds, tuple(changed_inputs(entry, job.inputs)))
        result.outputs.append(report)
        manifest[job.output.name] = Entry(job.inputs, digest(pdf), pages, len(pdf))
    if stale:
        write_manifest(output_dir, manifest)
    order = {job.output: index for index, job in enumerate(jobs)}
    result.outputs.sort(key=lambda report: order.get(report.path, len(order)))
    result.seconds = time.perf_counter() - started
    return result


def _outputs(request: Request, sheet: Sheet) -> list[Output]:
    if request.merge is not None:
        merge_papers = next((output.papers for output in sheet.outputs if output.merge), ["letter"])
        papers = list(request.papers or merge_papers)
        return [
            Output.model_validate(
                {
                    "papers": papers,
                    "merge": str(request.merge),
                    "name": request.name,
                    "combine": request.combine,
                    "layout": request.layout or "onepager",
                    "imposition": request.imposition,
                    "edition": request.edition or "home",
                    "crop_marks": request.crop_marks,
                    "job_ticket": request.job_ticket,
                }
            )
        ]
    declared = [output for output in sheet.outputs if request.include_declared_merges or output.merge is None]
    if request.papers:
        declared = [output.model_copy(update={"papers": list(request.papers)}) for output in declared]
    if request.layout:
        declared = [output.model_copy(update={"layout": request.layout}) for output in declared]
    if request.imposition:
        declared = [output.model_copy(update={"imposition": request.imposition}) for output in declared]
    if request.edition:
        update = {"edition": request.edition, "crop_marks": request.crop_marks}
        declared = [
            output.model_copy(update={**update, "job_ticket": request.job_ticket and output.merge is None})
            for output in declared
        ]
    return declared


def _expand(
    request: Request,
    sheet: Sheet,
    output: Output,
    output_dir: Path,
    common: dict[str, str],
    loaded: Any,
    location: Location,
) -> Iterator[Job]:
    base = {
        **common,
        "layout": output.layout,
        "imposition": output.imposition or "",
        "edition": output.edition,
        "crop marks": str(output.crop_marks),
    }
    _check_output(output, location)
    if output.merge is None:
        for paper in output.papers:
            path = output_dir / output_name(sheet.slug, output.layout, _sheet_label(output, paper), output.edition)
            yield Job(
                request.sheet,
                output.layout,
                paper,
                path,
                {**base, "paper": paper},
                imposition=output.imposition,
                edition=output.edition,
                crop_marks=output.crop_marks,
            )
            if output.job_ticket:
                ticket = ticket_path(path)
                yield Job(
                    request.sheet,
                    output.layout,
                    paper,
                    ticket,
                    {**base, "paper": paper, "ticket": "yes"},
                    edition=output.edition,
                    crop_marks=output.crop_marks,
                    ticket=True,
                )
        return
    csv_path = Path(output.merge) if request.merge is not None else request.sheet.parent / output.merge
    header, rows = read_rows(csv_path)
    action = sheet.merge_action or MergeAction.model_validate(sheet.action.model_dump())
    action_path = ("merge_action",) if sheet.merge_action else ("action",)
    variants = plan_variants(
        slug=sheet.slug,
        rows=rows,
        header=header,
        csv_path=csv_path,
        action=action,
        action_location=loaded.locate(action_path),
        pattern=output.name or DEFAULT_NAME,
        pattern_location=location,
    )
    for paper in output.papers:
        size = _sheet_label(output, paper)
        merged = output_dir / output_name(sheet.slug, output.layout, f"merged-{size}", output.edition)
        combined = merged if output.combine else None
        for variant in variants:
            inputs = {**base, "paper": paper, "row": digest(json.dumps(variant.row.values, sort_keys=True).encode())}
            inputs["action"] = digest(variant.action.model_dump_json().encode())
            path = output_dir / output_name(variant.name, output.layout, size, output.edition)
            yield Job(
                request.sheet,
                output.layout,
                paper,
                path,
                inputs,
                variant.action,
                variant.row.values,
                combined,
                output.imposition,
                edition=output.edition,
                crop_marks=output.crop_marks,
            )


def _check_output(output: Output, location: Location) -> None:
    """Combinations that cannot be printed as asked, before anything is rendered."""
    if output.imposition and output.layout != "halfpage":
        raise FactsheetError.at(
            location, f"imposition '{output.imposition}' is for the halfpage layout", "use layout: halfpage"
        )
    if output.imposition and output.edition != "home":
        raise FactsheetError.at(
            location,
            f"imposition '{output.imposition}' is for home printers, not the {output.edition} edition",
            "leave out imposition: a print shop imposes the single flyer itself",
        )
    if output.crop_marks and output.edition != "shop":
        raise FactsheetError.at(location, "crop marks are for the print-shop edition", "add edition: shop")
    if output.job_ticket and output.edition != "shop":
        raise FactsheetError.at(location, "a job ticket is for the print-shop edition", "add edition: shop")
    if output.job_ticket and output.merge is not None:
        raise FactsheetError.at(
            location,
            "a job ticket is written for a single handout, not for each mail-merge row",
            "build the job ticket without --merge; it describes every row's PDF just the same",
        )


def _sheet_label(output: Output, paper: str) -> str:
    """The sheet named in an output's file name: an imposed flyer prints on the paper itself."""
    return f"2up-{paper}" if output.imposition else sheet_size(output.layout, paper)[0]


def _sheet_inputs(sheet_path: Path, sheet: Sheet, draft: bool) -> dict[str, str]:
    """Digests of everything a sheet's PDFs are made from, by a name the user recognises."""
    campaign = sheet_path.parent
    inputs = {
        "factsheet": __version__,
        "draft": str(draft),
        sheet_path.name: file_digest(sheet_path),
        "built-in templates": folder_digest(TEMPLATES_DIR),
        "campaign templates": folder_digest(campaign / CAMPAIGN_TEMPLATES_FOLDER),
        LOCK_FILE_NAME: file_digest(campaign / LOCK_FILE_NAME) if (campaign / LOCK_FILE_NAME).is_file() else "",
    }
    for source in sorted((campaign / SOURCES_FOLDER).glob("*.txt")):
        inputs[f"{SOURCES_FOLDER}/{source.name}"] = file_digest(source)
    files = [logo.file for logo in (sheet.logo, sheet.theme.logo) if logo is not None]
    for name in [*files, *(font.file for font in sheet.theme.fonts)]:
        if (campaign / name).is_file():
            inputs[name] = file_digest(campaign / name)
    return inputs


def _source_ids(sheet_path: Path) -> set[str]:
    return {path.stem for path in (sheet_path.parent / SOURCES_FOLDER).glob("*.txt")}


def _refuse_duplicate_outputs(jobs: Sequence[Job]) -> None:
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


def _verify_sheets(sheets: set[Path], draft: bool, result: BatchResult) -> dict[Path, CheckResult]:
    """Run the misquote gate once per sheet with work to do; any failure stops the whole batch."""
    checked: dict[Path, CheckResult] = {}
    problems: list[Problem] = []
    for sheet_path in sorted(sheets):
        try:
            checked[sheet_path] = check(sheet_path)
        except FactsheetError as error:
            problems.extend(error.problems)
            continue
        report = checked[sheet_path].report
        result.reports[sheet_path] = report
        if not report.ok and not draft:
            problems.extend(errors_only(report.problems))
    if problems:
        raise FactsheetError(problems)
    return checked


_WORK: tuple[list[Job], dict[Path, CheckResult], bool] = ([], {}, False)
"""The jobs, verified sheets and draft flag of the batch being rendered: set before the pool forks, so
workers inherit them instead of receiving them pickled."""


def _render_all(
    jobs: list[Job],
    checked: dict[Path, CheckResult],
    draft: bool,
    workers: int | None,
    progress: Callable[[OutputReport, int, int], None] | None,
    total: int,
) -> dict[int, tuple[bytes, int, float]]:
    """Render every job in a pool of forked workers; collect every failure before reporting."""
    global _WORK
    if not jobs:
        return {}
    _WORK = (jobs, checked, draft)
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    context = multiprocessing.get_context("fork")
    results: dict[int, tuple[bytes, int, float]] = {}
    problems: list[Problem] = []
    done = total - len(jobs)
    try:
        with ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker) as pool:
            futures: dict[Future[tuple[bytes, int, float]], int] = {
                pool.submit(_render_job, index): index for index in range(len(jobs))
            }
            for future in as_completed(futures):
                index = futures[future]
                try:
                    results[index] = future.result()
                except FactsheetError as error:
                    problems.extend(error.problems)
                    continue
                done += 1
                if progress is not None:
                    pdf, pages, seconds = results[index]
                    progress(OutputReport(jobs[index].output, "built", pages, len(pdf), seconds), done, total)
    finally:
        _WORK = ([], {}, False)
    if problems:
        raise FactsheetError(problems)
    return results


class _JobTimeoutError(Exception):
    """Raised inside a worker by its job timer."""


def _start_worker() -> None:
    """Each worker: a memory ceiling above what it already maps, and a clean signal for the job timer."""
    limit_memory(WORKER_EXTRA_MEMORY)
    signal.signal(signal.SIGALRM, _on_timeout)


def _on_timeout(signum: int, frame: FrameType | None) -> None:
    raise _JobTimeoutError


def _render_job(index: int) -> tuple[bytes, int, float]:
    jobs, checked, draft = _WORK
    job = jobs[index]
    result = checked[job.sheet_path]
    started = time.perf_counter()
    if job.ticket:
        return _render_ticket(job, result), 1, time.perf_counter() - started
    signal.setitimer(signal.ITIMER_REAL, JOB_SECONDS)
    try:
        pdf = render_document(
            result,
            layout=job.layout,
            paper=job.paper,
            draft=draft,
            action=job.action,
            row=job.row,
            isolate=False,
            name=job.output,
            edition=job.edition,
            crop_marks=job.crop_marks,
        )
    except _JobTimeoutError:
        raise FactsheetError.at(
            Location.of(job.output), f"rendering took longer than {JOB_SECONDS} seconds and was stopped", _LIMIT_HINT
        ) from None
    except MemoryError:
        raise FactsheetError.at(
            Location.of(job.output), "rendering ran out of memory and was stopped", _LIMIT_HINT
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if job.imposition:
        pdf = two_up(pdf, SHEET_POINTS[job.paper])
        sheet = SHEET_POINTS[job.paper]
        report = preflight(pdf, job.output, page_size=(max(sheet), min(sheet)), tagged=False)
        if not report.ok:
            raise FactsheetError(report.problems)
    return pdf, _page_count(pdf), time.perf_counter() - started


def _render_ticket(job: Job, checked: CheckResult) -> bytes:
    """A print-shop job ticket for the PDF this job's output sits beside."""
    sheet = checked.located.sheet
    details = (sheet.contact.name, sheet.contact.email, sheet.contact.phone) if sheet.contact else ()
    contact = ", ".join(value for value in details if value) or "(not given in the sheet)"
    pdf_name = job.output.name.removesuffix("-ticket.pdf") + ".pdf"
    ticket = make_ticket(sheet.title, pdf_name, job.layout, job.paper, contact, job.crop_marks)
    return render_ticket(ticket, job.paper, sheet.as_of.isoformat(), job.output, isolate=False)


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def _combined(
    jobs: Sequence[Job], stale: Sequence[Job], rendered: dict[int, tuple[bytes, int, float]]
) -> list[tuple[Path, bytes]]:
    """One PDF per combine group with every variant in row order, remade when any variant was rebuilt."""
    fresh = {job.output: rendered[index][0] for index, job in enumerate(stale)}
    groups: dict[Path, list[Job]] = {}
    for job in jobs:
        if job.combined is not None:
            groups.setdefault(job.combined, []).append(job)
    documents = []
    for combined, members in groups.items():
        if combined.is_file() and not any(member.output in fresh for member in members):
            continue
        documents.append((combined, _concatenate([fresh.get(m.output) or m.output.read_bytes() for m in members])))
    return documents


def _concatenate(pdfs: Sequence[bytes]) -> bytes:
    """The PDFs one after another, for printing in one go. The first one's catalog is kept, with its output
    intent, XMP metadata and language (every variant shares them; a print-shop PDF needs its CMYK output
    intent). The structure tags are dropped: each variant's tree numbers its own pages, and mixed together
    they would point a screen reader at the wrong page. The tagged PDFs are the variants themselves."""
    import pikepdf

    with pikepdf.open(BytesIO(pdfs[0])) as combined:
        for pdf in pdfs[1:]:
            with pikepdf.open(BytesIO(pdf)) as other:
                combined.pages.extend(other.pages)
        for key in ("/StructTreeRoot", "/MarkInfo"):
            if key in combined.Root:
                del combined.Root[key]
        for page in combined.pages:
            if "/StructParents" in page.obj:
                del page.obj["/StructParents"]
        buffer = BytesIO()
        combined.save(buffer, deterministic_id=True)
    return buffer.getvalue()


_LIMIT_HINT = "simplify the template or shorten the content"
