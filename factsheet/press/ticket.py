"""The job ticket: one page a print shop reads before quoting, saying how to print the shop edition.

It states what the PDF itself cannot say plainly to the person at the counter: the trimmed size and bleed,
the colour set-up, whether and how to print duplex (which edge to flip on), where to fold or cut, and a
suggested stock. Everything comes from the layout and the PDF's own boxes, never typed in by hand, so the
ticket cannot disagree with the file it travels with. The stock is a suggestion, labelled as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factsheet.press.layouts import BLEED_INCHES, CARD_INCHES, LAYOUTS, fold_lines, sheet_points, sheet_size

DUPLEX = {
    "twosided": "both sides, flip on the long edge",
    "trifold": "both sides, flip on the short edge (landscape sheet)",
    "card": "both sides, flip on the long edge; the backs are placed mirrored so each lands behind its front",
}
FINISHING = {
    "trifold": "letter fold (roll fold): fold the right-hand panel of the inside in first, then the left over it",
    "card": "cut into ten 3.5 × 2 in cards along the cut marks in the margins",
    "halfpage": "none",
}
SUGGESTED_STOCK = {
    "card": "14 pt / 350 g/m² card, matte or silk",
    "poster": "100 lb text / 150 g/m² silk",
    "trifold": "100 lb text / 150 g/m² silk (folds cleanly; score before folding on heavier stock)",
}
DEFAULT_STOCK = "80 lb text / 120 g/m² silk or uncoated"


@dataclass(frozen=True)
class Ticket:
    """What the ticket says, line by line."""

    title: str
    file_name: str
    layout: str
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


def make_ticket(title: str, pdf_name: str, layout: str, paper: str, contact: str, crop_marks: bool) -> Ticket:
    """The ticket for the shop edition of `layout` on `paper`, printed to the file `pdf_name`."""
    width, height = (points / 72 for points in sheet_points(layout, paper))
    bleed = BLEED_INCHES[paper]
    folds = fold_lines(layout, paper)
    finishing = FINISHING.get(layout, "trim to size")
    if folds:
        places = ", ".join(f"{round(points / 72, 4):g} in" for points in folds[1])
        finishing += f"; folds on the inside page at {places} from the left edge"
    if layout == "card":
        finishing += f" (each card {CARD_INCHES[0]} × {CARD_INCHES[1]} in)"
    marks = "crop marks outside the bleed" if crop_marks else "no crop marks (trim to the PDF's TrimBox)"
    sheet_name = sheet_size(layout, paper)[0]
    return Ticket(
        title=title,
        file_name=pdf_name,
        layout=layout,
        pages=LAYOUTS[layout],
        trim=f"{width:.4g} × {height:.4g} in ({width * 25.4:.0f} × {height * 25.4:.0f} mm), {sheet_name}",
        bleed=f"{bleed:.3g} in ({bleed * 25.4:.0f} mm) on every side, backgrounds run into it; {marks}",
        colour="CMYK, output intent factsheet CMYK (FOGRA39L, coated), total ink at most 300%; PDF/X-4",
        sides=DUPLEX.get(layout, "one side"),
        finishing=finishing,
        stock=SUGGESTED_STOCK.get(layout, DEFAULT_STOCK),
        contact=contact,
    )


def ticket_path(pdf_path: Path) -> Path:
    """The ticket travels beside its PDF: `banthescan-letter-shop.pdf` → `banthescan-letter-shop-ticket.pdf`."""
    return pdf_path.with_name(f"{pdf_path.stem}-ticket.pdf")


def render_ticket(ticket: Ticket, paper: str, date: str, origin: Path, *, isolate: bool = True) -> bytes:
    """The ticket as a one-page tagged PDF on the job's paper (Letter or A4)."""
    from factsheet.render.templates import make_environment, render_template
    from factsheet.errors import FactsheetError
    from factsheet.press.preflight import preflight
    from factsheet.render.html import RenderedHtml
    from factsheet.render.pdf import PdfOptions, render_pdf
    from factsheet.resources import TEMPLATES_DIR

    environment = make_environment([TEMPLATES_DIR], sandboxed=False, filters={})
    context = {"ticket": ticket, "date": date, "page_size": sheet_size("onepager", paper)[1]}
    html = render_template(environment, "job-ticket.html", context)
    rendered = RenderedHtml(html, (), TEMPLATES_DIR.as_uri() + "/", layout="job ticket", pages=1)
    pdf = render_pdf(
        rendered, allowed_roots=(TEMPLATES_DIR,), origin=origin, isolate=isolate, options=PdfOptions(date=date)
    )
    report = preflight(pdf, origin, page_size=sheet_points("onepager", paper), edition="home")
    if not report.ok:
        raise FactsheetError(report.problems)
    return pdf
