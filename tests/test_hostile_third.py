"""Hostile input, third pass: a translation is sheet input (hidden characters, magnitude words, a quote's
original by its path, merge placeholders and nothing else), and a captured page writes only values."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from factsheet.cli import main
from factsheet.pipeline import check
from factsheet.render.html import render_html
from factsheet.sheet.merge_fill import fill
from factsheet.verify.sources import load_source
from tests.capture_site import TEST_PARAGRAPHS, TITLE, add
from tests.pages.news import news_page
from tests.test_translate import po_file, set_msgstr


def problems_of(campaign: Path, code: str) -> list[tuple[int | None, int | None, str]]:
    return [
        (problem.location.line, problem.location.column, problem.message)
        for problem in check(campaign, languages=(code,)).translation_problems
    ]


def test_a_direction_override_around_a_translated_figure_is_refused_at_its_column(campaign: Path) -> None:
    line = set_msgstr(po_file(campaign, "es"), "facts[0].figure", "\u202e0589\u202c")
    [(at, column, message)] = problems_of(campaign, "es")
    assert (at, column) == (line, len('msgstr "') + 1)
    assert message == (
        "facts[0].figure: the translation contains an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE)"
    )


def test_a_zero_width_space_in_a_translated_title_is_refused(campaign: Path) -> None:
    line = set_msgstr(po_file(campaign, "es"), "title", "Prohibir el reconocimiento\u200b facial")
    [(at, column, message)] = problems_of(campaign, "es")
    assert (at, column) == (line, len('msgstr "Prohibir el reconocimiento') + 1)
    assert "U+200B ZERO WIDTH SPACE" in message


def test_a_look_alike_letter_in_a_translation_is_refused_but_latin_inside_chinese_is_not(campaign: Path) -> None:
    set_msgstr(po_file(campaign, "es"), "title", "Prohibir el rеconocimiento facial")
    [(_at, _column, message)] = problems_of(campaign, "es")
    assert "a look-alike letter from another script (U+0435 CYRILLIC SMALL LETTER IE)" in message
    assert problems_of(campaign, "zh-Hant") == []


def test_a_magnitude_word_changes_a_translated_number(campaign: Path) -> None:
    set_msgstr(po_file(campaign, "es"), "facts[0].figure", "9.850 millones")
    [(_at, _column, message)] = problems_of(campaign, "es")
    assert message == (
        "facts[0].figure: the translation drops 9,850 and has 9.850 (read in Spanish as 9,850,000,000), which "
        "the English does not"
    )


def test_two_quotes_translated_alike_keep_their_own_originals(campaign: Path) -> None:
    po = po_file(campaign, "es")
    same = "Las mismas palabras, traducidas igual (prueba)."
    set_msgstr(po, "quotes[0].text", same)
    set_msgstr(po, "quotes[1].text", same)
    checked = check(campaign, languages=("es",))
    sheet = checked.located.sheet
    html = render_html(checked.located, checked.sources, checked.files, translation=checked.translations["es"]).html
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    first = text.index(sheet.quotes[0].text[:40])
    second = text.index(sheet.quotes[1].text[:40])
    assert first != second
    assert text.index(sheet.quotes[0].speaker) > first and text.index(sheet.quotes[1].speaker) > second


def test_a_merge_placeholder_reaching_into_python_is_refused_and_never_evaluated(campaign: Path) -> None:
    line = set_msgstr(po_file(campaign, "es"), "merge_action.heading", "Llame a {name.__class__.__mro__}")
    [(at, _column, message)] = problems_of(campaign, "es")
    assert at == line
    assert message.startswith("merge_action.heading: the translation must keep {name} exactly as written")
    assert fill("Llame a {name.__class__.__mro__} {name} {{x}}", {"name": "Ana"}) == (
        "Llame a {name.__class__.__mro__} Ana {x}"
    )


def test_a_stray_brace_in_a_translation_is_refused_at_check(campaign: Path) -> None:
    set_msgstr(po_file(campaign, "es"), "merge_action.heading", "Llame a {name} {")
    [(_at, _column, message)] = problems_of(campaign, "es")
    assert "the translation must keep {name} exactly as written, and no other braces" in message


def test_a_page_language_attribute_cannot_write_front_matter(campaign: Path, tmp_path: Path) -> None:
    page = news_page(TITLE, TEST_PARAGRAPHS).replace(
        b"<html", b'<html lang="es&#10;kind: statement&#10;speaker: Test Speaker"', 1
    )
    saved = tmp_path / "hostile.html"
    saved.write_bytes(page)
    result = add(campaign, str(saved), "--id", "test-article")
    assert result.exit_code == 0, result.output
    source = load_source(campaign.parent / "sources" / "test-article.txt")
    assert (source.meta.kind, source.meta.speaker, source.meta.language) == ("article", None, None)
    saved.write_bytes(news_page(TITLE, TEST_PARAGRAPHS).replace(b"<html", b'<html lang="en_US"', 1))
    assert add(campaign, str(saved), "--id", "test-article-2").exit_code == 0


def test_a_page_claiming_another_outlet_keeps_only_where_it_came_from(campaign: Path, site: str) -> None:
    from tests.capture_site import Site

    page = news_page(TITLE, TEST_PARAGRAPHS, publisher="Claimed Outlet (TEST)", published=None, url=None).replace(
        b"</head>", b'<link rel="canonical" href="https://claimed.example.org/2019/03/07/story"></head>', 1
    )
    Site.pages["/copied-story"] = (200, "text/html; charset=utf-8", page, {})
    result = CliRunner().invoke(main, ["source", "add", f"{site}/copied-story", "--id", "copy", str(campaign.parent)])
    assert result.exit_code == 0, result.output
    source = load_source(campaign.parent / "sources" / "copy.txt")
    assert source.meta.url == f"{site}/copied-story"
    assert source.meta.publisher is None and source.meta.published is None
    assert "The page names https://claimed.example.org/2019/03/07/story as its address and 'Claimed Outlet (TEST)'" in (
        source.meta.note or ""
    )


def test_a_build_leaves_no_font_folder_in_the_temp_folder(campaign: Path, tmp_path: Path) -> None:
    """Run as a user runs it, in a process of its own with a temp folder of its own."""
    import os
    import subprocess
    import sys

    temp = tmp_path / "temp"
    temp.mkdir()
    command = [sys.executable, "-m", "factsheet", "build", str(campaign), "--paper", "letter", "--layout", "onepager"]
    command += ["--layout", "card", "-o", str(tmp_path / "out")]
    done = subprocess.run(command, env={**os.environ, "TMPDIR": str(temp)}, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert [path.name for path in temp.iterdir() if path.name.startswith("weasyprint-")] == []


def test_a_capture_too_large_for_a_source_is_refused_before_anything_is_written(campaign: Path, tmp_path: Path) -> None:
    before = sorted(path.name for path in (campaign.parent / "sources").iterdir())
    lock = (campaign.parent / "sources.lock").read_bytes()
    saved = tmp_path / "huge.html"
    saved.write_bytes(news_page(TITLE, [f"TEST paragraph {number}. " + "word " * 400 for number in range(600)]))
    result = add(campaign, str(saved), "--id", "huge")
    assert result.exit_code == 1 and "more than a source may hold (1,000 KB)" in result.output
    assert sorted(path.name for path in (campaign.parent / "sources").iterdir()) == before
    assert (campaign.parent / "sources.lock").read_bytes() == lock


def test_an_id_with_a_line_break_or_a_fifo_to_replace_is_refused_before_downloading(campaign: Path, site: str) -> None:
    import os

    result = add(campaign, f"{site}/slow", "--id", "bad-id\n")
    assert result.exit_code == 1 and "cannot be a source id" in result.output
    fifo = campaign.parent / "sources" / "piped.txt"
    os.mkfifo(fifo)
    result = add(campaign, f"{site}/slow", "--id", "piped", "--replace")
    assert result.exit_code == 1 and "a link or a special file" in result.output


def test_broken_addresses_and_answers_are_plain_messages(campaign: Path, site: str) -> None:
    for address, message in (
        (f"{site}/a page with spaces", "a web address cannot contain spaces or line breaks"),
        (f"{site}/x\r\nX-Injected: 1", "a web address cannot contain spaces or line breaks"),
        ("http://[::1/broken", "this is not a valid web address"),
        (f"{site}/short", "the site stopped sending before the whole page arrived"),
    ):
        result = add(campaign, address, "--id", "broken")
        assert result.exit_code == 1, address
        assert message in result.output and "Traceback" not in result.output, result.output


def test_an_archive_whose_attached_stream_ends_in_a_carriage_return_is_valid(campaign: Path, tmp_path: Path) -> None:
    """About one compressed stream in 256 ends in CR; the archive edition attaches every source, so a source
    whose compressed bytes end that way is made here, and the build (which validates PDF/A) must pass."""
    from factsheet.pipeline import BuildRequest, build
    from factsheet.render.weasy.compression import compressed

    extra = campaign.parent / "sources" / "carriage.txt"
    head = "---\ntitle: Test source for a stream ending in CR (invented)\n---\n\nTEST text, variant "
    number = next(n for n in range(100_000) if compressed(f"{head}{n}.\n".encode()).endswith(b"\r"))
    extra.write_text(f"{head}{number}.\n", encoding="utf-8")
    built = build(campaign, BuildRequest(papers=("letter",), edition="archive"), output_dir=tmp_path / "out")
    assert built.paths and built.paths[0].stat().st_size > 0


def test_a_translation_linking_out_of_the_campaign_or_a_plural_entry_is_a_message(
    campaign: Path, tmp_path: Path
) -> None:
    po = po_file(campaign, "es")
    po.write_text(
        po.read_text(encoding="utf-8")
        + '\nmsgctxt "stray"\nmsgid "one request"\nmsgid_plural "{n} requests"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["translate", "update", "--lang", "es", str(campaign)])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    outside = tmp_path / "elsewhere.po"
    outside.write_bytes(po.read_bytes())
    po.unlink()
    po.symlink_to(outside)
    result = CliRunner().invoke(main, ["check", str(campaign), "--lang", "es"])
    assert result.exit_code == 1 and "a link to a file or folder outside the campaign" in result.output


def test_a_share_translated_as_a_bare_number_is_refused() -> None:
    from babel import Locale

    from factsheet.translate.numbers import number_problem

    spanish = Locale.parse("es")
    assert number_problem("attendance rose 90%", "la asistencia subió un 90", spanish) == (
        "the translation writes 0 percentage(s) where the English has 1",
        "keep each '%' of the English with its number, written the Spanish way",
    )
    assert number_problem("attendance rose 90 percent", "subió un 90 por ciento", spanish) is None
    assert number_problem("90%", "٩٠٪", Locale.parse("ar")) is None


def test_a_redirect_from_a_public_address_into_a_private_network_is_refused() -> None:
    import urllib.request
    from email.message import Message

    import pytest

    from factsheet.capture.fetch import _HttpOnlyRedirects, _is_local
    from factsheet.errors import FactsheetError

    assert _is_local("http://127.0.0.1:8000/") and _is_local("http://10.1.2.3/") and _is_local("http://[::1]/")
    assert not _is_local("http://93.184.216.34/")
    request = urllib.request.Request("http://93.184.216.34/article")
    with pytest.raises(FactsheetError, match="an address on this computer or a private network"):
        _HttpOnlyRedirects().redirect_request(request, None, 302, "Found", Message(), "http://169.254.169.254/")  # type: ignore[arg-type]
