"""The kinds of output factsheet writes out of the box, registered in the output registry (kinds.py):

- `document`: the handout's PDF in its edition (home, shop or archive);
- `imposed`: a half-page flyer printed twice on one Letter or A4 sheet, with a cut line;
- `ticket`: the print shop's one-page job ticket, beside a shop-edition PDF;
- `combined`: every mail-merge variant of an output in one PDF, in row order.

Each producer imports what it renders with when it runs, so reading the registry costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from factsheet.errors import FactsheetError
from factsheet.press.editions import EDITIONS, SHOP
from factsheet.press.layouts import PAPERS, Layout, PaperName
from factsheet.produce.kinds import Made, OutputKind, register

if TYPE_CHECKING:
    from factsheet.press.ticket import Ticket
    from factsheet.produce.job import Job
    from factsheet.results import CheckResult
    from factsheet.sheet.outputs import Output


def make_document(checked: CheckResult, job: Job, draft: bool, isolate: bool) -> Made:
    """The handout's PDF for the job's layout, paper, edition and language (a merge variant with its row)."""
    from factsheet.produce.document import print_document

    pdf, note, scale, warnings = print_document(
        checked,
        layout=job.layout,
        paper=job.paper,
        edition=job.edition,
        draft=draft,
        action=job.action,
        row=job.row,
        isolate=isolate,
        crop_marks=job.crop_marks,
        batch=job.batch_key(draft) if job.row is not None and not isolate else None,
        language=job.language,
        scale_hint=job.scale_hint,
    )
    return Made(pdf, note, scale, warnings)


def check_document(job: Job, pdf: bytes) -> int:
    from factsheet.produce.document import preflight_document

    mirrored = job.layout.mirrored(job.direction)
    return preflight_document(
        pdf, job.output, job.layout, job.paper, job.edition, cross_check=job.cross_check, mirrored=mirrored
    )


def make_imposed(checked: CheckResult, job: Job, draft: bool, isolate: bool) -> Made:
    """The flyer, preflighted on its own, then printed twice side by side on the paper's sheet."""
    from factsheet.press.impose import two_up

    made = make_document(checked, job, draft, isolate)
    check_document(job, made.data)
    return Made(two_up(made.data, PAPERS[job.paper].sheet.points), made.note, made.scale, made.warnings)


def check_imposed(job: Job, pdf: bytes) -> int:
    from factsheet.press.preflight import preflight

    sheet = PAPERS[job.paper].sheet.points
    report = preflight(pdf, job.output, page_size=(max(sheet), min(sheet)), tagged=False)
    if not report.ok:
        raise FactsheetError(report.problems)
    return report.pages


def make_ticket(checked: CheckResult, job: Job, draft: bool, isolate: bool) -> Made:
    """A job ticket for the PDF this job's file sits beside, read off the layout and the paper."""
    from factsheet.press.ticket import render_ticket

    pdf_name = job.output.name.removesuffix(f"{TICKET.suffix}{TICKET.extension}") + ".pdf"
    ticket = ticket_for_file(checked, pdf_name, job.layout, job.paper, job.language, job.crop_marks)
    date = checked.located.sheet.as_of.isoformat()
    return Made(render_ticket(ticket, job.paper, date, job.output, isolate=isolate))


def ticket_for_file(
    checked: CheckResult, pdf_name: str, layout: Layout, paper: PaperName, language: str | None, crop_marks: bool
) -> Ticket:
    """What the ticket for the shop PDF named `pdf_name` says: the sheet's title and contact, the layout's
    size, folds (mirrored in a right-to-left language) and finishing."""
    from factsheet.press.ticket import make_ticket as ticket_for

    sheet = checked.located.sheet
    details = (sheet.contact.name, sheet.contact.email, sheet.contact.phone) if sheet.contact else ()
    contact = ", ".join(value for value in details if value) or "(not given in the sheet)"
    mirrored = layout.mirrored(checked.printed_in(language).direction)
    return ticket_for(sheet.title, pdf_name, layout, paper, contact, crop_marks, mirrored=mirrored)


def check_ticket(job: Job, pdf: bytes) -> int:
    from factsheet.press.ticket import preflight_ticket

    return preflight_ticket(pdf, job.paper, job.output)


def refuse_ticket(output: Output) -> tuple[str, str] | None:
    if EDITIONS[output.edition] is not SHOP:
        return "a job ticket is for the print-shop edition", "add edition: shop"
    if output.merge is not None:
        return (
            "a job ticket is written for a single handout, not for each mail-merge row",
            "build the job ticket without --merge; it describes every row's PDF just the same",
        )
    return None


def gather_variants(members: Sequence[Job], pdfs: Sequence[bytes]) -> bytes:
    """The merged file: the shared page stored once; for the print shop PDF/VT-1 with a part per row."""
    from factsheet.press.merged import merge_variants

    rows = [dict(member.row or {}) for member in members]
    return merge_variants(pdfs, rows, print_shop=members[0].edition is SHOP)


def check_gathered(job: Job, pdf: bytes) -> int:
    """The merged file's page count, after reading its document parts back (a print shop's)."""
    from factsheet.press.concatenate import page_count

    pages = page_count(pdf)
    if job.edition is SHOP:
        from factsheet.errors import Location
        from factsheet.press.document_parts import read_back

        _pages, _forms, parts = read_back(pdf)
        if len(parts) * job.layout.pages != pages:
            raise FactsheetError.at(
                Location.of(job.gathering.path if job.gathering else job.output),
                f"the merged print file's document parts ({len(parts)}) do not cover its {pages} pages",
                "this is a bug in factsheet: please report it",
            )
    return pages


DOCUMENT = register(
    OutputKind("document", "the handout, in its edition", "main", check_document, produce=make_document)
)
IMPOSED = register(
    OutputKind("imposed", "a flyer twice on one sheet, to cut", "main", check_imposed, produce=make_imposed)
)
TICKET = register(
    OutputKind(
        "ticket",
        "a one-page job ticket for the print shop",
        "beside",
        check_ticket,
        produce=make_ticket,
        suffix="-ticket",
        refuse=refuse_ticket,
    )
)
COMBINED = register(
    OutputKind("combined", "every merge variant in one PDF", "gathered", check_gathered, gather=gather_variants)
)
