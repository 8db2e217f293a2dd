"""The flip-edge test sheet: one sheet, printed the way a layout prints, whose back tells which way the paper turned.

Side 2 is split in two halves, one upright and one upside down. After turning the sheet like a book's page,
the volunteer reads whichever half is the right way up, and it gives the command that records the answer
for the printer (`--remember-flip as-asked` or `swapped`). No guesswork about trays or drivers: the sheet
itself is the measurement. It is printed portrait or landscape like the layout it tests, since some drivers
turn the two differently.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from factsheet.press.layouts import LAYOUTS, POINTS_PER_INCH, Layout, LayoutName, PaperName
from factsheet.printing.job import MEDIA_NAMES, PrintJob, Sides, printed_sheet

MARGIN_INCHES = 0.6


def tested_sides(layout: Layout) -> Sides:
    """The flip edge a layout's two-sided jobs ask for (a one-page layout is tested as a portrait two-sided
    sheet would print)."""
    return "two-sided-short-edge" if layout.landscape else "two-sided-long-edge"


def test_sheet_path(output_dir: Path, layout: Layout, paper: PaperName) -> Path:
    orientation = "landscape" if layout.landscape else "portrait"
    return (
        output_dir / f"flip-edge-test-{orientation}-{printed_sheet(layout, paper, imposed=layout.imposable).name}.pdf"
    )


def render_test_sheet(printer: str, layout_name: LayoutName, paper: PaperName, *, manual: bool) -> bytes:
    """The test sheet's two pages as a PDF, for `printer`, printed as `layout_name` prints on `paper`."""
    from factsheet.render.html import RenderedHtml
    from factsheet.render.pdf import PdfOptions, render_pdf
    from factsheet.render.templates import make_environment, render_template
    from factsheet.resources import TEMPLATES_DIR

    layout = LAYOUTS[layout_name]
    sheet = printed_sheet(layout, paper, imposed=layout.imposable)
    height = (sheet.points[0] if layout.landscape else sheet.points[1]) / POINTS_PER_INCH - 2 * MARGIN_INCHES
    today = datetime.date.today().isoformat()
    context: dict[str, object] = {
        "printer": printer,
        "layout": layout_name,
        "media": MEDIA_NAMES[sheet.name],
        "orientation": "landscape" if layout.landscape else "portrait",
        "edge": "short" if layout.landscape else "long",
        "manual": manual,
        "page_size": f"{sheet.css} landscape" if layout.landscape else sheet.css,
        "body_height": f"{height - 0.01:.3f}in",
        "date": today,
    }
    environment = make_environment([TEMPLATES_DIR], sandboxed=False, filters={})
    html = render_template(environment, "duplex-test.html", context)
    rendered = RenderedHtml(html, (), TEMPLATES_DIR.as_uri() + "/", label="flip-edge test sheet", pages=2)
    origin = TEMPLATES_DIR / "duplex-test.html"
    return render_pdf(rendered, allowed_roots=(TEMPLATES_DIR,), origin=origin, options=PdfOptions(date=today))


def test_job(pdf: Path, printer: str | None, layout: Layout, paper: PaperName, *, colour: bool) -> PrintJob:
    """The job that prints the test sheet as the layout's own two-sided jobs print."""
    media = MEDIA_NAMES[printed_sheet(layout, paper, imposed=layout.imposable).name]
    return PrintJob(pdf, pdf.name, media, tested_sides(layout), colour, 1, printer)
