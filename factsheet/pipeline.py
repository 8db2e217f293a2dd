"""The order of the stages, written down once: load, validate, verify, render HTML, render PDF, write.

Each stage is a module with one job; this file only wires them. Batch work belongs on top of `build()`,
never inside a stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from factsheet.errors import FactsheetError, Location, errors_only
from factsheet.sheet.load import load_yaml_file
from factsheet.verify.lock import LOCK_FILE_NAME, write_lock
from factsheet.sheet.model import CallToAction
from factsheet.press.layouts import bleed_points, fold_lines, output_name, sheet_points, sheet_size
from factsheet.resources import EXAMPLE_SHEET, TEMPLATES_DIR
from factsheet.verify.sources import Source, load_sources
from factsheet.sheet.validate import LocatedSheet, validate_sheet
from factsheet.verify.gate import VerificationReport, verify
from factsheet.write import publish_all, refuse_overwriting_inputs

SHEET_FILE_NAME = "sheet.yaml"
SOURCES_FOLDER = "sources"
CAMPAIGN_TEMPLATES_FOLDER = "templates"


@dataclass(frozen=True)
class CheckResult:
    """A valid sheet, its sources, and the verdict of the misquote gate."""

    sheet_path: Path
    located: LocatedSheet
    sources: dict[str, Source]
    report: VerificationReport


@dataclass(frozen=True)
class BuildResult:
    """The PDFs written and the verification report they were built under."""

    outputs: tuple[Path, ...]
    report: VerificationReport


def resolve_sheet(sheet: Path | None) -> Path:
    """The sheet file meant: the example when none is given, `sheet.yaml` inside a campaign folder."""
    if sheet is None:
        return EXAMPLE_SHEET
    if sheet.is_dir():
        sheet = sheet / SHEET_FILE_NAME
    if not sheet.is_file():
        raise FactsheetError.at(
            Location.of(sheet),
            "there is no sheet file here",
            f"give the path of a sheet YAML file, or of a campaign folder holding {SHEET_FILE_NAME}",
        )
    return sheet


def check(sheet: Path | None = None, *, recording: bool = False) -> CheckResult:
    """Load, validate and verify a sheet. Raises FactsheetError for an unreadable or invalid sheet.

    `recording` leaves out the archive-fingerprint comparison (see `record`)."""
    sheet_path = resolve_sheet(sheet)
    loaded = load_yaml_file(sheet_path)
    sources = load_sources(sheet_path.parent / SOURCES_FOLDER)
    located = validate_sheet(loaded, sources.keys())
    return CheckResult(sheet_path, located, sources, verify(located, sources, recording=recording))


def record(sheet: Path | None = None) -> Path:
    """Record the fingerprints of the campaign's sources in sources.lock, after checking the sheet passes.

    Recording marks the archive as reviewed; refusing to record a failing sheet keeps a tampered source
    from being blessed along with the misquote it was edited to support."""
    checked = check(sheet, recording=True)
    if not checked.report.ok:
        raise FactsheetError(errors_only(checked.report.problems))
    return write_lock(checked.sheet_path.parent, checked.sources)


def build(
    sheet: Path | None = None,
    *,
    papers: tuple[str, ...] = ("letter",),
    output_dir: Path = Path("output"),
    layout: str = "onepager",
    draft: bool = False,
    edition: str = "home",
    crop_marks: bool = False,
) -> BuildResult:
    """Check the sheet, then render one PDF per paper size. A sheet that fails verification is not rendered
    unless `draft` is set, and then every page carries a DRAFT: NOT VERIFIED mark. `edition` is home, shop
    (`crop_marks` optional) or archive."""
    checked = check(sheet)
    if not checked.report.ok and not draft:
        raise FactsheetError(errors_only(checked.report.problems))
    slug = checked.located.sheet.slug
    paths = [output_dir / output_name(slug, layout, sheet_size(layout, paper)[0], edition) for paper in papers]
    documents = [
        (
            path,
            render_document(
                checked, layout=layout, paper=paper, draft=draft, name=path, edition=edition, crop_marks=crop_marks
            ),
        )
        for path, paper in zip(paths, papers, strict=True)
    ]
    refuse_overwriting_inputs((path for path, _pdf in documents), input_files(checked))
    outputs = tuple(publish_all(documents))
    return BuildResult(outputs, checked.report)


def render_document(
    checked: CheckResult,
    *,
    layout: str = "onepager",
    paper: str = "letter",
    draft: bool = False,
    action: CallToAction | None = None,
    row: Mapping[str, str] | None = None,
    isolate: bool = True,
    name: Path | None = None,
    edition: str = "home",
    crop_marks: bool = False,
) -> bytes:
    """One PDF of a checked sheet: fill the layout's template, print it, preflight it. `isolate` renders in a
    child process with limits (a batch worker, already isolated, passes False); `name` is the output file,
    named in preflight problems; `edition` is home, shop or archive (see editions.py), and `crop_marks` adds
    marks to the shop edition."""
    from factsheet.press.editions import PDF_VARIANT
    from factsheet.sheet.glyphs import missing_glyphs
    from factsheet.press.preflight import preflight
    from factsheet.press.prepress import finish
    from factsheet.render.html import render_html
    from factsheet.render.pdf import PdfOptions, render_pdf

    unprintable = missing_glyphs(checked.located)
    if unprintable:
        raise FactsheetError(unprintable)
    rendered = render_html(
        checked.located,
        checked.sources,
        paper=paper,
        layout=layout,
        draft=draft,
        campaign_templates=_campaign_templates(checked.sheet_path),
        action=action,
        row=row,
        edition=edition,
    )
    roots = (TEMPLATES_DIR, checked.sheet_path.parent)
    options = PdfOptions(
        variant=PDF_VARIANT[edition],
        date=checked.located.sheet.as_of.isoformat(),
        attachments=evidence_files(checked) if edition == "archive" else (),
    )
    pdf = render_pdf(rendered, allowed_roots=roots, origin=checked.sheet_path, isolate=isolate, options=options)
    pdf = finish(
        pdf,
        bleed=bleed_points(paper) if edition == "shop" else None,
        crop_marks=crop_marks,
        folds=fold_lines(layout, paper),
        archive=edition == "archive",
    )
    report = preflight(
        pdf,
        name or checked.sheet_path,
        page_size=sheet_points(layout, paper),
        edition=edition,
        bleed=bleed_points(paper),
    )
    if not report.ok:
        raise FactsheetError(report.problems)
    return pdf


def evidence_files(checked: CheckResult) -> tuple[tuple[str, bytes], ...]:
    """What the archive edition attaches: the sheet, the lock file and every archived source, by their path
    in the campaign folder, so anyone holding the PDF can re-run the check."""
    campaign = checked.sheet_path.parent
    paths = [checked.sheet_path, campaign / LOCK_FILE_NAME, *(source.path for source in checked.sources.values())]
    return tuple((path.relative_to(campaign).as_posix(), path.read_bytes()) for path in paths if path.is_file())


def _campaign_templates(sheet_path: Path) -> Path | None:
    """The campaign's own templates folder, if it has one (its templates run sandboxed)."""
    folder = sheet_path.parent / CAMPAIGN_TEMPLATES_FOLDER
    return folder if folder.is_dir() else None


def input_files(checked: CheckResult) -> list[Path]:
    """Every file a handout is made from, none of which an output may replace."""
    campaign = checked.sheet_path.parent
    return [
        checked.sheet_path,
        campaign / LOCK_FILE_NAME,
        *(source.path for source in checked.sources.values()),
        *(path for path in TEMPLATES_DIR.rglob("*") if path.is_file()),
        *(path for path in (campaign / CAMPAIGN_TEMPLATES_FOLDER).rglob("*") if path.is_file()),
    ]
