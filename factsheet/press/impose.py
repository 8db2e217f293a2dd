"""Imposition: several copies of a small handout on one sheet a home printer takes, with cut lines.

Two half-letter flyers print side by side on a landscape Letter sheet (two A5 on landscape A4), with a
dashed line to cut along. The pages are placed unscaled, so the flyer prints at its true size.
"""

from __future__ import annotations

from io import BytesIO

CUT_LINE_GREY = 0.5
CUT_LINE_WIDTH = 0.5


def two_up(pdf: bytes, sheet: tuple[float, float]) -> bytes:
    """Each page of `pdf` twice, side by side on a landscape `sheet` (width, height in points)."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation
    from pypdf.generic import NameObject, StreamObject

    reader = PdfReader(BytesIO(pdf))
    writer = PdfWriter()
    width, height = max(sheet), min(sheet)
    for page in reader.pages:
        page_width = float(page.mediabox.width)
        page_height = float(page.mediabox.height)
        left = (width - 2 * page_width) / 2
        bottom = (height - page_height) / 2
        target = writer.add_blank_page(width=width, height=height)
        for column in range(2):
            target.merge_transformed_page(page, Transformation().translate(left + column * page_width, bottom))
        middle = width / 2
        guide = PageObject.create_blank_page(width=width, height=height)
        stream = StreamObject()
        line = f"{middle:.2f} 0 m {middle:.2f} {height:.2f} l"
        stream.set_data(f"q {CUT_LINE_GREY} G {CUT_LINE_WIDTH} w [4 3] 0 d {line} S Q".encode())
        guide[NameObject("/Contents")] = writer._add_object(stream)
        target.merge_page(guide)
    writer.add_metadata({key: value for key, value in (reader.metadata or {}).items() if isinstance(value, str)})
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
