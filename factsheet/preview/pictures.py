"""The handout's pages as pictures for the preview: rendered from the real PDF with pypdfium2."""

from __future__ import annotations

import io

PAGE_PIXELS = 1_400
"""The longer side of a page picture: sharp on a high-density screen at the size the page is shown."""


def page_pictures(pdf: bytes) -> tuple[tuple[bytes, ...], tuple[tuple[int, int], ...]]:
    """Each page of the PDF as a PNG, its longer side PAGE_PIXELS wide, with the pictures' sizes."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    pictures: list[bytes] = []
    sizes: list[tuple[int, int]] = []
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            image = page.render(scale=PAGE_PIXELS / max(width, height)).to_pil().convert("RGB")
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", compress_level=1)
            pictures.append(buffer.getvalue())
            sizes.append(image.size)
            page.close()
    finally:
        document.close()
    return tuple(pictures), tuple(sizes)
