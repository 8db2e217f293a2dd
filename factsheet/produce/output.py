"""One output, start to finish: fill the layout's template, print it, finish it for its edition, preflight it;
or impose a flyer two-up, or write a print shop's job ticket.

The stages for one PDF in order; the pipeline plans which PDFs to make and the pool runs this for each.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.errors import FactsheetError, Location, Problem
from factsheet.press.editions import HOME, Edition
from factsheet.press.layouts import LAYOUTS, PAPERS, Layout, PaperName
from factsheet.resources import TEMPLATES_DIR
from factsheet.sheet.model import CallToAction

if TYPE_CHECKING:
    from factsheet.batch.plan import Job
    from factsheet.pipeline import CheckResult
    from factsheet.render.html import RenderedHtml


@dataclass(frozen=True)
class RenderedOutput:
    """A finished PDF, its page count (from preflight, which read it back), how long it took, and for a merge
    variant printed in full rather than composed into its batch's shared page, why."""

    pdf: bytes
    pages: int
    seconds: float
    note: str = ""
    scale: float | None = None
    """The type factor copyfitting printed it at (kept in the manifest for the next build)."""
    warnings: tuple[Problem, ...] = ()
    """A page or panel left sparse even in the largest type the layout allows."""


def render_job(checked: CheckResult, job: Job, *, draft: bool, isolate: bool = False) -> RenderedOutput:
    """The PDF a planned job asks for. A pool worker is already isolated; `isolate` is for callers that are not."""
    started = time.perf_counter()
    if job.ticket:
        return RenderedOutput(_ticket(checked, job, isolate), 1, time.perf_counter() - started)
    pdf, pages, note, scale, warnings = render_document(
        checked,
        layout=job.layout,
        paper=job.paper,
        edition=job.edition,
        draft=draft,
        action=job.action,
        row=job.row,
        isolate=isolate,
        name=job.output,
        crop_marks=job.crop_marks,
        cross_check=job.cross_check,
        batch=batch_key(job, draft) if job.row is not None and not isolate else None,
        language=job.language,
        scale_hint=job.scale_hint,
    )
    if job.imposition:
        from factsheet.press.impose import two_up
        from factsheet.press.preflight import preflight

        sheet = PAPERS[job.paper].sheet.points
        pdf = two_up(pdf, sheet)
        report = preflight(pdf, job.output, page_size=(max(sheet), min(sheet)), tagged=False)
        if not report.ok:
            raise FactsheetError(report.problems)
        pages = report.pages
    return RenderedOutput(pdf, pages, time.perf_counter() - started, note, scale, warnings)


def batch_key(job: Job, draft: bool) -> str:
    """What a merge variant shares with the others of its batch: every input but its own row, and how it is
    printed. Variants with one key are composed into one shared page (see variable.py)."""
    shared = {name: value for name, value in job.inputs.items() if name not in ("row", "action")}
    return json.dumps([str(job.sheet_path), job.layout.name, job.paper, job.edition.name, draft, shared])


def render_document(
    checked: CheckResult,
    *,
    layout: Layout = LAYOUTS["onepager"],
    paper: PaperName = "letter",
    edition: Edition = HOME,
    draft: bool = False,
    action: CallToAction | None = None,
    row: Mapping[str, str] | None = None,
    isolate: bool = True,
    name: Path | None = None,
    crop_marks: bool = False,
    cross_check: bool = True,
    batch: str | None = None,
    language: str | None = None,
    scale_hint: float | None = None,
) -> tuple[bytes, int, str, float, tuple[Problem, ...]]:
    """One PDF of a checked sheet, its page count, a note ('' or why a merge variant was printed in full), the
    type factor copyfitting chose (`scale_hint`: the one found before for the same inputs) and warnings about
    pages or panels it left sparse.
    `isolate` renders in a child process with limits; `name` is the output file, named in preflight problems;
    `crop_marks` adds marks to an edition with bleed; `batch` (a merge variant printed in this process) names
    the batch whose shared page the variant is composed into. `language` prints the sheet's translation into
    it, which the check loaded."""
    from factsheet.press.preflight import preflight
    from factsheet.press.prepress import finish
    from factsheet.render.copyfit import at_scale
    from factsheet.render.pdf import PdfOptions, print_fitted, render_pdf

    rendered = sheet_html(
        checked, layout=layout, paper=paper, edition=edition, draft=draft, language=language, action=action, row=row
    )
    options = PdfOptions(
        variant=edition.pdf_variant,
        date=checked.located.sheet.as_of.isoformat(),
        attachments=checked.archive_files() if edition.attaches_evidence else (),
    )
    roots = (TEMPLATES_DIR, checked.campaign.folder)
    origin = checked.translations[language].po_file if language else checked.sheet_path
    note = ""
    warnings: tuple[Problem, ...] = ()
    if row is None:
        fitted = print_fitted(
            rendered,
            type_scale=layout.type_scale,
            hint=scale_hint,
            allowed_roots=roots,
            origin=origin,
            isolate=isolate,
            options=options,
        )
        pdf, scale = fitted.pdf, fitted.scale
        warnings = sparse_warnings(fitted.empty, layout, paper, origin)
    else:
        scale = variant_scale(
            checked,
            layout=layout,
            paper=paper,
            edition=edition,
            draft=draft,
            language=language,
            row=row,
            hint=scale_hint,
        )
        scaled = at_scale(rendered, scale)
        if batch is None:
            pdf = render_pdf(scaled, allowed_roots=roots, origin=origin, isolate=isolate, options=options)
        else:
            from factsheet.render.variable import print_variant

            def print_here(html: RenderedHtml) -> bytes:
                return render_pdf(html, allowed_roots=roots, origin=origin, isolate=False, options=options)

            pdf, note = print_variant(scaled, batch, print_here)
    bleed = PAPERS[paper].bleed_points
    pdf = finish(
        pdf,
        bleed=bleed if edition.bleed else None,
        crop_marks=crop_marks,
        folds=layout.fold_lines(paper),
        archive=edition.attaches_evidence,
    )
    where, size = name or checked.sheet_path, layout.page_points(paper)
    report = preflight(
        pdf,
        where,
        page_size=size,
        edition=edition,
        bleed=bleed,
        cross_check=cross_check,
        folds=layout.fold_lines(paper),
    )
    if not report.ok:
        raise FactsheetError(report.problems)
    return pdf, report.pages, note, scale, warnings


def sparse_warnings(
    empty: Sequence[tuple[str, float]], layout: Layout, paper: PaperName, origin: Path
) -> tuple[Problem, ...]:
    """A warning for each page or panel more than SPARSE_SHARE empty after copyfitting: it will look
    unfinished on paper."""
    from factsheet.render.fit import SPARSE_SHARE

    smaller = "a smaller layout (halfpage, or card)" if layout.name != "card" else "fewer cards"
    return tuple(
        Problem(
            Location.of(origin),
            f"{where} of the {layout.name} layout on {layout.sheet(paper).name} is {share:.0%} empty, "
            "even in the largest type the layout allows",
            f"add to what it shows (a key figure, a quote, a section) or print {smaller}",
            severity="warning",
        )
        for where, share in empty
        if share > SPARSE_SHARE
    )


_VARIANT_SCALES: dict[str, float] = {}
"""The type factor of the mail-merge variants of each sheet, layout, paper, edition and language this process
prints. Every variant shares the page (and a batch composes them into one shared page), so the factor is
found once (see variant_scale); a variant built alone gets the same factor."""
MAX_BATCHES = 16


def sheet_html(
    checked: CheckResult,
    *,
    layout: Layout,
    paper: PaperName,
    edition: Edition,
    draft: bool = False,
    language: str | None = None,
    action: CallToAction | None = None,
    row: Mapping[str, str] | None = None,
) -> RenderedHtml:
    """The filled template of a checked sheet for one output (a merge variant passes its action and row)."""
    from factsheet.render.html import render_html

    return render_html(
        checked.located,
        checked.sources,
        checked.files,
        paper=paper,
        layout=layout,
        edition=edition,
        draft=draft,
        campaign_templates=checked.campaign.templates,
        action=action,
        row=row,
        printed=checked.report.printed,
        translation=checked.translations[language] if language else None,
        checked_by=checked.coalition,
    )


def variant_scale(
    checked: CheckResult,
    *,
    layout: Layout,
    paper: PaperName,
    edition: Edition,
    draft: bool,
    language: str | None,
    row: Mapping[str, str],
    hint: float | None = None,
) -> float:
    """The type factor every merge variant of this sheet, layout, paper, edition and language prints at:
    measured on the sheet's own page (its call to action as written; a template may print the row elsewhere
    too) one bisection step smaller, so rows with a longer call to action still fit; `hint` is one found
    before (in the manifest, or by another worker). Kept for the process (see _VARIANT_SCALES)."""
    from factsheet.render.copyfit import PRECISION
    from factsheet.render.pdf import find_scale

    key = json.dumps([str(checked.sheet_path), layout.name, paper, edition.name, draft, language])
    scale = _VARIANT_SCALES.get(key) or hint
    if not scale:
        own_page = sheet_html(
            checked, layout=layout, paper=paper, edition=edition, draft=draft, language=language, row=row
        )
        origin = checked.translations[language].po_file if language else checked.sheet_path
        found = find_scale(
            own_page,
            type_scale=layout.type_scale,
            allowed_roots=(TEMPLATES_DIR, checked.campaign.folder),
            origin=origin,
            variant=edition.pdf_variant,
        )
        scale = max(layout.type_scale[0], round(found - PRECISION, 4))
    if key not in _VARIANT_SCALES and len(_VARIANT_SCALES) >= MAX_BATCHES:
        del _VARIANT_SCALES[next(iter(_VARIANT_SCALES))]
    _VARIANT_SCALES[key] = scale
    return scale


def _ticket(checked: CheckResult, job: Job, isolate: bool) -> bytes:
    """A print-shop job ticket for the PDF this job's output sits beside."""
    from factsheet.press.ticket import make_ticket, render_ticket

    sheet = checked.located.sheet
    details = (sheet.contact.name, sheet.contact.email, sheet.contact.phone) if sheet.contact else ()
    contact = ", ".join(value for value in details if value) or "(not given in the sheet)"
    pdf_name = job.output.name.removesuffix("-ticket.pdf") + ".pdf"
    ticket = make_ticket(sheet.title, pdf_name, job.layout, job.paper, contact, job.crop_marks)
    return render_ticket(ticket, job.paper, sheet.as_of.isoformat(), job.output, isolate=isolate)
