"""A handout's PDF from a checked sheet: the filled template, printed and copyfitted, finished for its edition
(bleed, crop marks, folds, the archive's attachments) and preflighted. The `document` and `imposed` output
kinds are made here; a mail-merge variant is composed into its batch's shared page."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.caching import BoundedCache
from factsheet.errors import FactsheetError, Problem
from factsheet.press.editions import HOME, Edition
from factsheet.press.layouts import DEFAULT_LAYOUT, LAYOUTS, PAPERS, Layout, PaperName
from factsheet.produce.fitting import Printing, fit_handout, left_out, runt_warnings, sparse_warnings
from factsheet.render.variable import MAX_BATCHES
from factsheet.resources import TEMPLATES_DIR
from factsheet.sheet.model import CallToAction

if TYPE_CHECKING:
    from factsheet.render.html import RenderedHtml
    from factsheet.results import CheckResult


def render_document(
    checked: CheckResult,
    *,
    layout: Layout = LAYOUTS[DEFAULT_LAYOUT],
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
    """One PDF of a checked sheet, preflighted: the PDF, its page count, a note ('' or why a merge variant was
    printed in full), the type factor copyfitting chose and warnings about pages or panels it left sparse (see
    `print_document`); `name` is the output file preflight names, `cross_check` has Ghostscript render its ink."""
    pdf, note, scale, warnings = print_document(
        checked,
        layout=layout,
        paper=paper,
        edition=edition,
        draft=draft,
        action=action,
        row=row,
        isolate=isolate,
        crop_marks=crop_marks,
        batch=batch,
        language=language,
        scale_hint=scale_hint,
    )
    mirrored = layout.mirrored(checked.printed_in(language).direction)
    where = name or checked.sheet_path
    pages = preflight_document(pdf, where, layout, paper, edition, cross_check=cross_check, mirrored=mirrored)
    return pdf, pages, note, scale, warnings


def print_document(
    checked: CheckResult,
    *,
    layout: Layout,
    paper: PaperName,
    edition: Edition,
    draft: bool,
    action: CallToAction | None,
    row: Mapping[str, str] | None,
    isolate: bool,
    crop_marks: bool,
    batch: str | None,
    language: str | None,
    scale_hint: float | None,
) -> tuple[bytes, str, float, tuple[Problem, ...]]:
    """One PDF of a checked sheet, finished for its edition but not yet preflighted, with a note ('' or why a
    merge variant was printed in full), the type factor copyfitting chose (`scale_hint`: the one found before
    for the same inputs) and warnings about pages or panels it left sparse.
    `isolate` renders in a child process with limits; `crop_marks` adds marks to an edition with bleed; `batch`
    (a merge variant printed in this process) names the batch whose shared page the variant is composed into
    and whose type factor it shares. `language` prints the sheet's translation into it, which the check loaded."""
    from factsheet.press.prepress import finish
    from factsheet.render.copyfit import at_scale
    from factsheet.render.pdf import render_pdf

    rendered = sheet_html(
        checked, layout=layout, paper=paper, edition=edition, draft=draft, language=language, action=action, row=row
    )
    printing = Printing.of(checked, edition, language)
    options, roots, origin = printing.options, printing.roots, printing.origin
    note = ""
    warnings: tuple[Problem, ...] = ()
    if row is None:

        def html_for(shown: Layout) -> RenderedHtml:
            return sheet_html(
                checked, layout=shown, paper=paper, edition=edition, draft=draft, language=language, action=action
            )

        translated = language is not None
        fitted, shown = fit_handout(
            rendered, html_for, layout, printing, translated=translated, scale_hint=scale_hint, isolate=isolate
        )
        pdf, scale = fitted.pdf, fitted.scale
        warnings = sparse_warnings(fitted.empty, layout, paper, origin) + left_out(
            checked, layout, shown, origin, language
        )
        warnings += runt_warnings(fitted.runts, layout, origin)
    else:
        scale, shown = variant_scale(
            checked,
            layout=layout,
            paper=paper,
            edition=edition,
            draft=draft,
            language=language,
            row=row,
            hint=scale_hint,
            batch=batch,
        )
        if shown is not layout:
            rendered = sheet_html(
                checked,
                layout=shown,
                paper=paper,
                edition=edition,
                draft=draft,
                language=language,
                action=action,
                row=row,
            )
            warnings = left_out(checked, layout, shown, origin, language)
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
        folds=layout.fold_lines(paper, mirrored=layout.mirrored(checked.printed_in(language).direction)),
        archive=edition.attaches_evidence,
    )
    return pdf, note, scale, warnings


def preflight_document(
    pdf: bytes,
    where: Path,
    layout: Layout,
    paper: PaperName,
    edition: Edition,
    *,
    cross_check: bool = True,
    mirrored: bool = False,
) -> int:
    """Preflight a handout's PDF for its layout, paper and edition; its page count, or every problem raised."""
    from factsheet.press.preflight import preflight

    report = preflight(
        pdf,
        where,
        page_size=layout.page_points(paper),
        edition=edition,
        bleed=PAPERS[paper].bleed_points,
        cross_check=cross_check,
        folds=layout.fold_lines(paper, mirrored=mirrored),
    )
    if not report.ok:
        raise FactsheetError(report.problems)
    return report.pages


_VARIANT_SCALES: BoundedCache[str, tuple[float, Layout]] = BoundedCache(MAX_BATCHES)
"""The type factor of the mail-merge variants of each batch this process prints (by `Job.batch_key`). Every
variant shares the page (and a batch composes them into one shared page), so the factor is found once (see
variant_scale)."""


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
    batch: str | None = None,
) -> tuple[float, Layout]:
    """The type factor every merge variant of this sheet, layout, paper, edition and language prints at, and
    the layout as the variants show the sheet (a translation takes the layout's first fallback step that fits,
    as a handout alone does: see fitting.fit_handout): measured on the sheet's own page (its call to action as
    written; a template may print the row elsewhere too) one bisection step smaller, so rows with a longer call
    to action still fit; `hint` is a factor found before (in the manifest, or by another worker) for an
    untranslated sheet. Kept for the process by `batch` (see _VARIANT_SCALES)."""
    kept = _VARIANT_SCALES.get(batch) if batch else None
    if kept is not None:
        return kept
    if hint and not language:
        chosen = (hint, layout)
    else:
        chosen = _fitting_step(checked, layout, paper=paper, edition=edition, draft=draft, language=language, row=row)
    if batch:
        _VARIANT_SCALES.put(batch, chosen)
    return chosen


def _fitting_step(
    checked: CheckResult,
    layout: Layout,
    *,
    paper: PaperName,
    edition: Edition,
    draft: bool,
    language: str | None,
    row: Mapping[str, str],
) -> tuple[float, Layout]:
    """The variants' type factor and the layout as they show the sheet: the first of the layout and (for a
    translation) its fallback steps whose own page fits, one bisection step smaller; the last step at its
    smallest type when none does (the variant's print then says by how much it is over)."""
    from factsheet.render.copyfit import PRECISION
    from factsheet.render.pdf import find_scale

    lowest = layout.least_scale if language and layout.least_scale else layout.type_scale[0]
    candidates = (layout, *(layout.shortened() if language else ()))
    for shown in candidates:
        own_page = sheet_html(
            checked, layout=shown, paper=paper, edition=edition, draft=draft, language=language, row=row
        )
        found = find_scale(
            own_page,
            type_scale=layout.type_scale,
            allowed_roots=(TEMPLATES_DIR, checked.campaign.folder),
            origin=checked.translations[language].po_file if language else checked.sheet_path,
            edition=edition,
            floor_first=language is not None,
            least=layout.least_scale if language else None,
        )
        if found is not None:
            return max(lowest, round(found - PRECISION, 4)), shown
    return lowest, candidates[-1]
