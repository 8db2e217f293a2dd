"""Raw WeasyPrint beside factsheet: printing the HTML factsheet would print, as a script would, so every
factsheet figure has a raw figure measured in the same run; and the example merge rows."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factsheet.pipeline import CheckResult
from factsheet.press.editions import HOME, Edition
from factsheet.press.layouts import LAYOUTS, PaperName
from factsheet.produce.document import sheet_html, variant_scale
from factsheet.render.copyfit import at_scale
from factsheet.render.html import RenderedHtml
from factsheet.render.pdf import find_scale
from factsheet.resources import TEMPLATES_DIR
from factsheet.sheet.merge import Variant

HEADER = "district,name,phone,event_date,event_place,url\n"
RAW_SCRIPT = """
import json, sys
import weasyprint
from weasyprint.text.fonts import FontConfiguration
spec = json.load(open(sys.argv[1]))
fonts = FontConfiguration()
css = [weasyprint.CSS(string=t, base_url=spec["base_url"], font_config=fonts) for t in spec["stylesheets"]]
html = weasyprint.HTML(string=spec["html"], base_url=spec["base_url"])
html.write_pdf(sys.argv[2], stylesheets=css, font_config=fonts, pdf_tags=True, pdf_variant=spec["variant"])
"""


def write_rows(path: Path, count: int) -> Path:
    """Merge rows as labelled example data: invented districts and names, 555-01xx fictional numbers."""
    lines = [
        f"EXAMPLE District {n},Example Member {n} (EXAMPLE DATA),212-555-01{n % 100:02d},"
        f"EXAMPLE date,EXAMPLE venue,https://example.org/district-{n}\n"
        for n in range(1, count + 1)
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def variant_html(checked: CheckResult, variant: Variant, edition: Edition, paper: PaperName = "letter") -> RenderedHtml:
    """A merge variant's HTML at the type size factsheet prints variants at."""
    layout, row = LAYOUTS["onepager"], variant.row.values
    rendered = sheet_html(checked, layout=layout, paper=paper, edition=edition, action=variant.action, row=row)
    scale, _ = variant_scale(checked, layout=layout, paper=paper, edition=edition, draft=False, language=None, row=row)
    return at_scale(rendered, scale)


def fitted_scale_of(checked: CheckResult, rendered: RenderedHtml) -> float:
    """The type factor copyfitting gives this HTML as a one-page handout, so raw WeasyPrint prints what
    factsheet prints."""
    roots = (TEMPLATES_DIR, checked.campaign.folder)
    layout = LAYOUTS["onepager"]
    found = find_scale(rendered, type_scale=layout.type_scale, allowed_roots=roots, origin=checked.sheet_path)
    return found or layout.type_scale[0]


class RawPrinter:
    """WeasyPrint alone, as a script would call it: stylesheets parsed once, the same PDF flavour as factsheet."""

    def __init__(self, rendered: RenderedHtml, edition: Edition) -> None:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        self.fonts = FontConfiguration()
        self.profiles: dict[str, Any] = {}
        self.stylesheets = [
            weasyprint.CSS(string=css, base_url=rendered.base_url, font_config=self.fonts, color_profiles=self.profiles)
            for css in rendered.stylesheets
        ]
        self.edition = edition

    def print(self, rendered: RenderedHtml) -> bytes:
        import weasyprint

        html = weasyprint.HTML(string=rendered.html, base_url=rendered.base_url)
        document = html.render(
            stylesheets=self.stylesheets,
            font_config=self.fonts,
            color_profiles=self.profiles,
            pdf_tags=True,
            pdf_variant=self.edition.pdf_variant,
        )
        pdf = document.write_pdf(pdf_tags=True, pdf_variant=self.edition.pdf_variant)
        assert isinstance(pdf, bytes)
        return pdf


def raw_batch_rate(
    checked: CheckResult, variants: Sequence[Variant], *, workers: int, papers: Sequence[PaperName] = ("letter",)
) -> float:
    """PDFs per second of raw WeasyPrint on 100 variants' HTML per paper, split over `workers` forked processes
    (WeasyPrint imported and stylesheets parsed before the fork, which only helps the raw side)."""
    htmls = [variant_html(checked, variant, HOME, paper) for paper in papers for variant in variants[:100]]
    printers = {paper: RawPrinter(variant_html(checked, variants[0], HOME, paper), HOME) for paper in papers}
    count = len(htmls)
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    processes = [
        context.Process(target=_raw_share, args=(htmls[share::workers], printers, papers)) for share in range(workers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return count / (time.perf_counter() - started)


def _raw_share(htmls: Sequence[RenderedHtml], printers: dict[str, RawPrinter], papers: Sequence[str]) -> None:
    for rendered in htmls:
        paper = next(paper for paper in papers if f"paper-{paper}" in rendered.html)
        printers[paper].print(rendered)
    os._exit(0)
