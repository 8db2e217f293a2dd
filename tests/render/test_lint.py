"""The design lint finds a display line that ends on one short word, on a real WeasyPrint layout, and the
example builds every layout without one."""

from __future__ import annotations

from pathlib import Path

from factsheet.pipeline import BuildRequest, build
from factsheet.press.layouts import LAYOUTS
from factsheet.render.lint import runts
from factsheet.render.weasy.loading import load_weasyprint
from factsheet.resources import EXAMPLE_SHEET, TEMPLATES_DIR

INTER = (TEMPLATES_DIR / "fonts" / "Inter-Regular.otf").as_uri()


def laid_out(html: str) -> object:
    """The HTML laid out by WeasyPrint with a bundled font, so the breaks are the same on every machine."""
    load_weasyprint()
    import weasyprint

    face = f'<style>@font-face {{ font-family: Bundled; src: url("{INTER}"); }}</style>'
    return weasyprint.HTML(string=face + html).render()


def test_a_headline_ending_on_one_word_is_found_and_a_full_one_is_not() -> None:
    runt = laid_out('<h1 style="width: 3.2in; font: 28pt Bundled">Ban police facial recognition in York</h1>')
    assert runts(runt) == (("the headline", "York"),)
    glued = laid_out('<h1 style="width: 3.2in; font: 28pt Bundled">Ban police facial recognition in\u00a0York</h1>')
    assert runts(glued) == ()
    label = laid_out('<p class="label" style="width: 2in; font: 12pt Bundled">requests processed in 2019</p>')
    assert runts(label) == (("the key figure's label", "2019"),)
    face = (TEMPLATES_DIR / "fonts" / "NotoSansCJKTC-Regular-Subset.otf").as_uri()
    han = f'<style>@font-face {{ font-family: Han; src: url("{face}"); }}</style>'
    han += '<p class="label" style="width: 1in; font: 12pt Han">{}</p>'
    assert runts(laid_out(han.replace("{}", "一" * 13))) == (("the key figure's label", "一"),)
    assert runts(laid_out(han.replace("{}", "一" * 15))) == ()


def test_the_example_has_no_one_word_display_line_on_any_layout(tmp_path: Path) -> None:
    request = BuildRequest(
        papers=("letter", "a4"), layouts=tuple(name for name in LAYOUTS if not LAYOUTS[name].bilingual)
    )
    built = build(EXAMPLE_SHEET, request, output_dir=tmp_path)
    assert [problem.message for problem in built.render_warnings if "last line is one word" in problem.message] == []
