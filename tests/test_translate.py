"""Translations: the PO workflow, numbers that must survive, quotes printed with their original, and handouts
built in other scripts read back from the real PDF."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from pypdf import PdfReader

from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildRequest, build, check, locate
from factsheet.translate.catalog import extract, status, update
from factsheet.translate.numbers import number_problem
from tests.conftest import line_of, run_cli

EXAMPLE_LANGUAGES = ("es", "zh-Hant", "ko", "bn", "ar")


def po_file(campaign: Path, code: str) -> Path:
    return campaign.parent / "translations" / f"{code}.po"


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as opened:
        return read_po(opened)


def set_msgstr(po: Path, context: str, text: str) -> int:
    """Replace one entry's translation in the PO file; returns the line of its msgstr."""
    lines = po.read_text(encoding="utf-8").splitlines()
    start = next(index for index, line in enumerate(lines) if line == f'msgctxt "{context}"')
    at = next(index for index in range(start, len(lines)) if lines[index].startswith("msgstr"))
    end = at + 1
    while end < len(lines) and lines[end].startswith('"'):
        end += 1
    lines[at:end] = [f'msgstr "{text}"']
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def test_extract_writes_every_field_with_its_path_english_and_description(campaign: Path) -> None:
    (campaign.parent / "translations" / "fr.po").unlink(missing_ok=True)
    path, count = extract(locate(campaign), "fr")
    catalog = read_catalog(path)
    entries = {message.context: message for message in catalog if message.id}
    assert count == len(entries) > 30
    label = entries["facts[0].label"]
    assert label.id == "facial recognition requests processed by the NYPD in 2019"
    assert label.string == ""
    assert label.auto_comments == ["what the key figure counts, printed under it"]
    assert label.locations == [("sheet.yaml", line_of(campaign, "label: facial recognition requests"))]
    assert "quotes[0].speaker" not in entries, "names are printed as written, not translated"
    assert "Reviewed: no" in path.read_text(encoding="utf-8")
    with pytest.raises(FactsheetError, match="already exists"):
        extract(locate(campaign), "fr")


def test_update_marks_an_entry_whose_english_changed_fuzzy_and_status_reports_it(
    campaign: Path, edit_sheet: Callable[[str, str], Path]
) -> None:
    edit_sheet("heading: Why a ban", "heading: Why we need a ban")
    path, added, changed, removed = update(locate(campaign), "es")
    assert (added, changed, removed) == (0, 1, 0)
    entry = next(message for message in read_catalog(path) if message.context == "sections[2].heading")
    assert entry.fuzzy
    assert '#| msgid "Why a ban"\nmsgctxt "sections[2].heading"\nmsgid "Why we need a ban"' in path.read_text("utf-8")
    assert entry.string == "Por qué una prohibición"
    report = next(report for report in status(locate(campaign)) if report.language == "es")
    assert report.fuzzy == ["sections[2].heading"]
    assert report.translated == report.total - 1
    with pytest.raises(FactsheetError) as refused:
        build(
            campaign,
            BuildRequest(layouts=("trifold",), papers=("letter",), languages=("es",)),
            output_dir=campaign.parent / "out",
        )
    (problem,) = refused.value.problems
    assert (Path(problem.location.file).name, problem.location.line) == ("es.po", line_of(path, 'msgstr "Por qué una'))
    assert "sections[2].heading" in problem.message and "fuzzy" in problem.message
    assert not (campaign.parent / "out").exists()


def test_a_translation_that_changes_a_number_is_refused_at_its_po_line(campaign: Path) -> None:
    po = po_file(campaign, "es")
    line = set_msgstr(
        po,
        "facts[0].text",
        "Según estadísticas oficiales, la NYPD procesó 9580 solicitudes de reconocimiento facial en 2019.",
    )
    checked = check(campaign, languages=("es",))
    (problem,) = checked.translation_problems
    assert (Path(problem.location.file).resolve(), problem.location.line) == (po.resolve(), line)
    assert "drops 9,850" in problem.message and "9580" in problem.message
    assert "9.850" in problem.hint or "9850" in problem.hint
    assert not checked.ok


def test_a_translation_that_drops_a_mail_merge_column_is_refused(campaign: Path) -> None:
    line = set_msgstr(po_file(campaign, "ko"), "merge_action.heading", "전화하세요")
    (problem,) = check(campaign, languages=("ko",)).translation_problems
    assert problem.location.line == line
    assert "{name}" in problem.message


def test_a_character_the_languages_fonts_lack_is_refused_before_rendering(campaign: Path) -> None:
    line = set_msgstr(po_file(campaign, "zh-Hant"), "sections[1].heading", "NYPD 怎麼說 𠀀")
    (problem,) = check(campaign, languages=("zh-Hant",)).translation_problems
    assert problem.location.line == line
    assert "U+20000" in problem.message and "empty box" in problem.message


@pytest.mark.parametrize(
    ("english", "translation", "locale", "ok"),
    [
        ("processed 9,850 requests in 2019", "procesó 9.850 solicitudes en 2019", "es", True),
        ("processed 9,850 requests in 2019", "procesó 9850 solicitudes en 2019", "es", True),
        ("processed 9,850 requests in 2019", "procesó 9,850 solicitudes en 2019", "es", False),
        ("processed 9,850 requests in 2019", "a traité 9 850 demandes en 2019", "fr", True),
        ("processed 9,850 requests in 2019", "عالجت ٩٬٨٥٠ طلبًا في عام ٢٠١٩", "ar", True),
        ("processed 9,850 requests in 2019", "عالجت ٩٬٨٥١ طلبًا في عام ٢٠١٩", "ar", False),
        ("processed 9,850 requests in 2019", "২০১৯ সালে ৯,৮৫০টি অনুরোধ", "bn", True),
        ("a budget of 1,234,567 dollars", "১২,৩৪,৫৬৭ ডলারের বাজেট", "bn", True),
        ("a budget of 1,234,567 dollars", "১২,৩৪,৫৬৮ ডলারের বাজেট", "bn", False),
        ("On August 7, 2020, officers came", "2020年8月7日，警員來到", "zh_Hant", True),
        ("On August 7, 2020, officers came", "2020年9月7日，警員來到", "zh_Hant", False),
        ("more than 11,000 searches", "11,000건이 넘는 검색", "ko", True),
        ("more than 11,000 searches", "1,100건이 넘는 검색", "ko", False),
        ("Senate Bill 579", "проект закона 579 Сената", "ru", True),
        ("Senate Bill 579", "projet de loi du Sénat", "fr", False),
    ],
)
def test_numbers_are_compared_by_value_in_the_languages_own_format(
    english: str, translation: str, locale: str, ok: bool
) -> None:
    assert (number_problem(english, translation, Locale.parse(locale)) is None) is ok


def test_a_draft_prints_the_english_of_what_is_not_translated_yet(campaign: Path, tmp_path: Path) -> None:
    set_msgstr(po_file(campaign, "es"), "sections[1].heading", "")
    request = BuildRequest(layouts=("trifold",), papers=("letter",), languages=("es",), draft=True)
    (pdf,) = build(campaign, request, output_dir=tmp_path).paths
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "What the NYPD says" in text
    assert "Lo que le pasó a Derrick Ingram" in text


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example's trifold in every example language, built once through the one build path."""
    from factsheet.resources import EXAMPLE_SHEET

    output = tmp_path_factory.mktemp("translated")
    request = BuildRequest(layouts=("trifold",), papers=("letter",), languages=EXAMPLE_LANGUAGES)
    paths = build(EXAMPLE_SHEET, request, output_dir=output).paths
    return {code: next(path for path in paths if f"-{code}-" in path.name) for code in EXAMPLE_LANGUAGES}


def test_every_example_language_builds_with_its_code_in_the_name(translated: dict[str, Path]) -> None:
    assert sorted(path.name for path in translated.values()) == sorted(
        f"banthescan-{code}-trifold-letter.pdf" for code in EXAMPLE_LANGUAGES
    )


def test_a_translated_quote_is_labelled_and_keeps_its_original_verbatim(translated: dict[str, Path]) -> None:
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(translated["es"]).pages)
    text = text.replace("- ", "").replace("‐ ", "")
    assert "«Si logramos que Nueva York prohíba esta tecnología" in text
    assert "Traducido del inglés. Original:" in text
    original = "If we can get New York to ban this technology, that shows that it’s possible to ban it almost anywhere."
    assert original.replace(" ", "") in text.replace(" ", "")
    assert "aún no revisada por un hablante nativo" in text


def test_the_handout_declares_its_language_and_direction(translated: dict[str, Path]) -> None:
    for code, path in translated.items():
        reader = PdfReader(path)
        assert str(reader.trailer["/Root"]["/Lang"]) == code
    assert _uncompressed_structure(translated["es"]).count("/Lang (en)") >= 5, "each original quote is tagged English"


def _uncompressed_structure(pdf: Path) -> str:
    import pikepdf

    with pikepdf.open(pdf) as document:
        found = []

        def walk(node: pikepdf.Object, depth: int = 0) -> None:
            if depth > 60 or not isinstance(node, pikepdf.Dictionary):
                return
            if "/Lang" in node:
                found.append(f"/Lang ({node.Lang})")
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
                walk(kid, depth + 1)

        walk(document.Root.StructTreeRoot)
        return " ".join(found)


def test_chinese_text_extracts_in_reading_order(translated: dict[str, Path]) -> None:
    text = "".join(page.extract_text() for page in PdfReader(translated["zh-Hant"]).pages).replace("\n", "")
    order = [
        "Derrick Ingram 遭遇了什麼",
        "2020年8月7日",
        "NYPD 證實在調查中使用了人臉辨識",
        "NYPD 怎麼說",
        "為什麼要禁止",
        "他們的話",
    ]
    positions = [text.find(piece) for piece in order]
    assert -1 not in positions, list(zip(order, positions, strict=True))
    assert positions == sorted(positions)


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed: it reads RTL in order"
)
def test_arabic_text_extracts_in_logical_order_with_latin_names_inside(translated: dict[str, Path]) -> None:
    import subprocess

    layout = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(translated["ar"]), "-"], capture_output=True, text=True, check=True
    )
    text = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", layout.stdout)
    assert "ما الذي حدث لـ Derrick Ingram" in text
    assert "ماذا تقول NYPD" in text
    assert "٢٠٢٠" in text


def test_korean_lines_end_only_between_words(translated: dict[str, Path]) -> None:
    from factsheet.resources import EXAMPLE_SHEET
    from factsheet.translate.languages import STRINGS_FOLDER

    po = EXAMPLE_SHEET.parent / "translations" / "ko.po"
    labels = (STRINGS_FOLDER / "ko.yaml").read_text("utf-8")

    def bare(word: str) -> str:
        return re.sub(r"[^\w{}]+", "", re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]", "", word))

    words = {bare(word) for message in read_catalog(po) for word in f"{message.string} {labels}".split()}
    lines = [line for page in PdfReader(translated["ko"]).pages for line in page.extract_text().splitlines()]
    hangul = re.compile(r"[\uac00-\ud7af]")
    last_words = [bare(line.split()[-1]) for line in lines if line.split()]
    dates = re.compile(r"^\d+[년월일]$")
    broken = [word for word in last_words if hangul.search(word) and word not in words and not dates.match(word)]
    assert len(lines) > 40
    assert not broken


def test_a_bengali_handout_passes_pdf_ua_with_every_glyph_mapped(tmp_path: Path) -> None:
    """Bengali draws some characters with several glyphs; WeasyPrint would map the extra ones to nothing,
    which PDF/UA checkers reject (the build's preflight runs one)."""
    import pikepdf

    from factsheet.resources import EXAMPLE_SHEET

    request = BuildRequest(layouts=("card",), papers=("letter",), languages=("bn",))
    (pdf,) = build(EXAMPLE_SHEET, request, output_dir=tmp_path).paths
    with pikepdf.open(pdf) as document:
        maps = [
            font.ToUnicode.read_bytes()
            for font in document.objects
            if isinstance(font, pikepdf.Dictionary) and font.get("/Type") == "/Font" and "/ToUnicode" in font
        ]
    assert maps
    assert not [cmap for cmap in maps if re.search(rb"<[0-9a-f]{4}> <>", cmap)]


def test_build_and_translate_commands(campaign: Path, tmp_path: Path) -> None:
    code, out, err = run_cli("translate", "status", str(campaign))
    assert code == 0
    assert re.search(r"^es\s+38/38 translated, 0 missing, 0 fuzzy: ready to build", out, re.MULTILINE)
    (campaign.parent / "translations" / "pl.po").unlink()
    code, out, err = run_cli("translate", "extract", str(campaign), "--lang", "pl")
    assert code == 0 and "translations/pl.po: 38 entries to translate" in out
    code, out, err = run_cli("build", str(campaign), "--layout", "card", "--lang", "pl", "-o", str(tmp_path))
    assert code == 1
    assert "pl.po" in err and "is not translated into Polish" in err
    code, out, err = run_cli("build", str(campaign), "--lang", "xx")
    assert code == 2 and "'xx' is not a language factsheet prints" in err


def test_korean_words_and_rtl_hashtags_are_wrapped_in_text_never_in_markup() -> None:
    """WeasyPrint ignores `word-break: keep-all`; without the spans Korean breaks inside words."""
    from factsheet.errors import Location
    from factsheet.render.scripts import mark_script_runs
    from factsheet.translate.languages import language

    html = (
        '<html><head><style>p::before { content: "한국어"; }</style></head><body class="x">'
        '<p title="경찰의 금지">뉴욕에서 경찰의 얼굴 인식 #BantheScan&#160;및 사용</p>'
        "<svg><text>한국</text></svg></body></html>"
    )
    korean = mark_script_runs(html, language("ko", Location.of(Path("x"))))
    assert '<p title="경찰의 금지"><span class="kw">뉴욕에서</span> <span class="kw">경찰의</span>' in korean
    assert '<span class="kw">사용</span></p><svg><text>한국</text>' in korean
    assert 'content: "한국어"' in korean
    arabic = mark_script_runs(html.replace("뉴욕에서", "انضموا إلى"), language("ar", Location.of(Path("x"))))
    assert '<bdi dir="ltr">#BantheScan</bdi>&#160;' in arabic


def test_a_script_font_reaches_every_worker_forked_after_an_in_process_render(tmp_path: Path) -> None:
    """WeasyPrint skips writing a font file already in its folder; workers forked from a process that had
    rendered shared that folder, so the second batch's workers never registered the Bengali font."""
    from factsheet.produce.document import render_document
    from factsheet.resources import EXAMPLE_SHEET

    render_document(check(EXAMPLE_SHEET), isolate=False)
    request = BuildRequest(layouts=("card",), papers=("letter",), languages=("bn",), force=True)
    for attempt in ("first", "second"):
        (pdf,) = build(EXAMPLE_SHEET, request, output_dir=tmp_path / attempt).paths
        text = PdfReader(pdf).pages[0].extract_text()
        assert "৯,৮৫০" in text, attempt


def test_embedded_font_names_are_plain_pdf_names(translated: dict[str, Path]) -> None:
    """A font's family reaches its PDF BaseFont; a bracket there would end the name and corrupt the file."""
    import pikepdf

    for path in translated.values():
        with pikepdf.open(path) as document:
            names = [
                str(font.BaseFont)
                for font in document.objects
                if isinstance(font, pikepdf.Dictionary) and font.get("/Type") == "/Font"
            ]
        assert names
        assert all(re.fullmatch(r"/[A-Z]{6}\+[A-Za-z0-9-]+", name) for name in names), names


def test_the_bilingual_sheet_prints_the_english_front_and_the_translation_back(tmp_path: Path) -> None:
    from factsheet.resources import EXAMPLE_SHEET

    request = BuildRequest(layouts=("bilingual",), papers=("letter",), languages=("ar",))
    (pdf,) = build(EXAMPLE_SHEET, request, output_dir=tmp_path).paths
    assert pdf.name == "banthescan-ar-bilingual-letter.pdf"
    front, back = (page.extract_text().replace("\u00a0", " ") for page in PdfReader(pdf).pages)
    assert "Ban police facial recognition in New York" in front and "الشرطة" not in front
    assert "الشرطة" in back and "Ban police facial recognition" not in back
    assert _uncompressed_structure(pdf).count("/Lang (ar)") >= 1
    with pytest.raises(FactsheetError, match="bilingual layout prints the sheet with one of its translations"):
        build(EXAMPLE_SHEET, BuildRequest(layouts=("bilingual",), papers=("letter",)), output_dir=tmp_path / "x")


def write_source(campaign: Path, name: str, language_code: str, body: str) -> None:
    front = f'---\npublisher: Example\ntitle: "Test source"\nlanguage: {language_code}\n---\n\n'
    (campaign.parent / "sources" / f"{name}.txt").write_text(front + body + "\n", encoding="utf-8")


def test_sources_in_other_scripts_quote_with_their_own_quotation_marks(
    campaign: Path, edit_sheet: Callable[[str, str], Path], tmp_path: Path
) -> None:
    """«» and 「」 mark quoted speech as “” do; the narration around them is still the reporter's; the English
    handout prints a Chinese quote in the Chinese font (the glyph check follows the quoted source's language)."""
    write_source(campaign, "diario", "es", "Albert Fox Cahn declaró: «Ningún departamento merece esa confianza», ayer.")
    write_source(campaign, "baozhi", "zh-Hant", "Albert Fox Cahn 表示：「沒有任何警察部門能被信任」。他昨天發言。")
    quotes = "".join(
        f"  - text: {text}\n    speaker: Albert Fox Cahn\n    role: Executive Director\n    source: {source}\n"
        for text, source in [
            ("Ningún departamento merece esa confianza", "diario"),
            ("沒有任何警察部門能被信任", "baozhi"),
        ]
    )
    edit_sheet("quotes:\n", "quotes:\n" + quotes)
    checked = check(campaign)
    assert checked.ok, [str(problem) for problem in checked.problems if problem.severity == "error"]
    (pdf,) = build(campaign, BuildRequest(papers=("letter",), layouts=("halfpage",)), output_dir=tmp_path).paths
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "沒有任何警察部門能被信任" in text
    import pikepdf

    with pikepdf.open(pdf) as document:
        fonts = [
            str(font.BaseFont)
            for font in document.objects
            if isinstance(font, pikepdf.Dictionary) and "/BaseFont" in font
        ]
    assert any("Noto-Sans-CJK-TC" in name for name in fonts), fonts
    edit_sheet("  - text: 沒有任何警察部門能被信任\n", "  - text: 他昨天發言\n")
    (problem,) = [problem for problem in check(campaign).problems if problem.severity == "error"]
    assert "not inside quotation marks" in problem.message


def test_with_fontconfig_limited_to_the_bundled_fonts_every_language_prints_the_same(tmp_path: Path) -> None:
    """No system font may hide tofu: built where fontconfig knows no font but the ones factsheet loads, each
    handout embeds only bundled fonts and its pages match the reference images made on this machine."""
    import os
    import subprocess
    import sys

    import pikepdf

    from factsheet.resources import EXAMPLE_SHEET
    from tests.test_visual import compare_with_references

    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    languages = [argument for code in EXAMPLE_LANGUAGES for argument in ("--lang", code)]
    command = [sys.executable, "-m", "factsheet", "build", str(EXAMPLE_SHEET), "--layout", "trifold", *languages]
    command += ["--paper", "letter", "-o", str(tmp_path / "out")]
    environment = {**os.environ, "FONTCONFIG_FILE": str(config)}
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300, check=False)
    assert finished.returncode == 0, finished.stderr
    for code in EXAMPLE_LANGUAGES:
        pdf = tmp_path / "out" / f"banthescan-{code}-trifold-letter.pdf"
        with pikepdf.open(pdf) as document:
            fonts = {
                str(font.BaseFont).split("+")[-1]
                for font in document.objects
                if isinstance(font, pikepdf.Dictionary) and "/BaseFont" in font
            }
        assert all(name.startswith("Inter") or "-factsheet" in name for name in fonts), fonts
        compare_with_references(pdf, update_references=False)
