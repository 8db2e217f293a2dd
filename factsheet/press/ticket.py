"""The job ticket: one page a print shop reads before quoting, saying how to print the shop edition.

It states what the PDF itself cannot say plainly to the person at the counter: the trimmed size and bleed,
the colour set-up, whether and how to print duplex (which edge to flip on), where to fold or cut, and a
suggested stock. Everything comes from the layout and the PDF's own boxes, never typed in by hand, so the
ticket cannot disagree with the file it travels with. The stock is a suggestion, labelled as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factsheet.press.editions import CMYK_PROFILE_NAME, HOME, MAX_TOTAL_INK, SHOP
from factsheet.press.layouts import DEFAULT_LAYOUT, LAYOUTS, PAPERS, POINTS_PER_INCH, Layout, LayoutName, PaperName


@dataclass(frozen=True)
class Ticket:
    """What the ticket says, line by line."""

    title: str
    file_name: str
    layout: LayoutName
    pages: int
    trim: str
    bleed: str
    colour: str
    sides: str
    finishing: str
    stock: str
    contact: str

    def rows(self) -> list[tuple[str, str]]:
        """The ticket's labelled lines, in the order a print shop asks for them."""
        return [
            ("File", self.file_name),
            ("Job", f"{self.title} ({self.layout}, {self.pages} page(s))"),
            ("Trimmed size", self.trim),
            ("Bleed", self.bleed),
            ("Colour", self.colour),
            ("Printing", self.sides),
            ("Finishing", self.finishing),
            ("Stock (suggested)", self.stock),
            ("Quantity", "________"),
            ("Contact", self.contact),
        ]


def make_ticket(
    title: str,
    pdf_name: str,
    layout: Layout,
    paper: PaperName,
    contact: str,
    crop_marks: bool,
    *,
    mirrored: bool = False,
) -> Ticket:
    """The ticket for the shop edition of `layout` on `paper`, printed to the file `pdf_name` (`mirrored`: in
    a right-to-left language, whose panels and folds mirror)."""
    width, height = (points / POINTS_PER_INCH for points in layout.page_points(paper))
    bleed = PAPERS[paper].bleed_inches
    folds = layout.fold_lines(paper, mirrored=mirrored)
    finishing = (layout.mirrored_finishing if mirrored else None) or layout.finishing
    if folds:
        places = ", ".join(f"{round(points / POINTS_PER_INCH, 4):g} in" for points in folds[1])
        finishing += f"; folds on the inside page at {places} from the left edge"
    if layout.cards is not None:
        finishing += f" (each card {layout.cards.card_inches[0]} × {layout.cards.card_inches[1]} in)"
    marks = "crop marks outside the bleed" if crop_marks else "no crop marks (trim to the PDF's TrimBox)"
    return Ticket(
        title=title,
        file_name=pdf_name,
        layout=layout.name,
        pages=layout.pages,
        trim=f"{width:.4g} × {height:.4g} in ({width * 25.4:.0f} × {height * 25.4:.0f} mm), {layout.sheet(paper).name}",
        bleed=f"{bleed:.3g} in ({bleed * 25.4:.0f} mm) on every side, backgrounds run into it; {marks}",
        colour=f"CMYK, output intent {CMYK_PROFILE_NAME}, total ink at most {MAX_TOTAL_INK}%; {SHOP.label}",
        sides=layout.duplex,
        finishing=finishing,
        stock=layout.stock,
        contact=contact,
    )


def render_ticket(ticket: Ticket, paper: PaperName, date: str, origin: Path, *, isolate: bool = True) -> bytes:
    """The ticket as a one-page tagged PDF on the job's paper (Letter or A4); `preflight_ticket` checks it."""
    from factsheet.render.html import RenderedHtml
    from factsheet.render.pdf import PdfOptions, render_pdf
    from factsheet.render.templates import make_environment, render_template
    from factsheet.resources import TEMPLATES_DIR

    environment = make_environment([TEMPLATES_DIR], sandboxed=False, filters={})
    page = LAYOUTS[DEFAULT_LAYOUT]
    context = {"ticket": ticket, "date": date, "page_size": page.page_css(paper)}
    html = render_template(environment, "job-ticket.html", context)
    rendered = RenderedHtml(html, (), TEMPLATES_DIR.as_uri() + "/", label="job ticket", pages=1)
    return render_pdf(
        rendered, allowed_roots=(TEMPLATES_DIR,), origin=origin, isolate=isolate, options=PdfOptions(date=date)
    )


def preflight_ticket(pdf: bytes, paper: PaperName, where: Path) -> int:
    """Preflight a job ticket as a home-edition page of `paper`; its page count, or every problem raised."""
    from factsheet.errors import FactsheetError
    from factsheet.press.preflight import preflight

    report = preflight(pdf, where, page_size=LAYOUTS[DEFAULT_LAYOUT].page_points(paper), edition=HOME)
    if not report.ok:
        raise FactsheetError(report.problems)
    return report.pages
