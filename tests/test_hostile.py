"""Hostile input, second pass, through the real CLI: every file a build reads is protected and confined, every
command is bounded, and each refusal names its place while the campaign and output folders stay unchanged."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from factsheet.batch.exclusive import building_into
from factsheet.resources import TEMPLATES_DIR
from tests.conftest import line_of, run_cli

ROOT = Path(__file__).resolve().parent.parent


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def refused(arguments: list[str], *folders: Path) -> str:
    """Run the CLI; it must exit 1 with a message, no traceback, and leave every folder given unchanged."""
    before = [snapshot(folder) for folder in folders]
    code, _out, err = run_cli(*arguments)
    assert code == 1, err
    assert "Traceback" not in err
    assert [snapshot(folder) for folder in folders] == before
    return err


def declare(edit_sheet: Callable[[str, str], Path], lines: str) -> Path:
    return edit_sheet("keywords: [", f"{lines}\nkeywords: [")


def test_an_output_may_not_replace_the_logo(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = declare(edit_sheet, "logo:\n  file: banthescan-letter.pdf\n  alt: Test logo (invented for tests)")
    Image.new("RGB", (200, 100), "#d03c24").save(sheet.parent / "banthescan-letter.pdf", format="PNG")
    err = refused(["build", str(sheet), "--paper", "letter", "-o", str(sheet.parent)], sheet.parent)
    assert "banthescan-letter.pdf: error: writing the PDF here would overwrite one of the handout's own input" in err


def test_an_output_may_not_replace_a_theme_font(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = declare(edit_sheet, "theme:\n  fonts:\n    - family: Inter\n      file: banthescan-a4.pdf")
    shutil.copy(TEMPLATES_DIR / "fonts" / "Inter-Regular.otf", sheet.parent / "banthescan-a4.pdf")
    err = refused(["build", str(sheet), "--paper", "a4", "-o", str(sheet.parent)], sheet.parent)
    assert "would overwrite one of the handout's own input files" in err


def test_an_output_may_not_replace_the_merge_file(campaign: Path) -> None:
    (campaign.parent / "banthescan-merged-letter.pdf").write_bytes((campaign.parent / "merge-example.csv").read_bytes())
    text = campaign.read_text(encoding="utf-8").replace(
        "merge: merge-example.csv", "merge: banthescan-merged-letter.pdf"
    )
    campaign.write_text(text, encoding="utf-8")
    err = refused(["build", str(campaign), "-o", str(campaign.parent)], campaign.parent)
    assert "would overwrite one of the handout's own input files" in err


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../../../../etc/passwd", "link-out.csv"])
def test_a_merge_path_outside_the_campaign_is_not_read(campaign: Path, tmp_path: Path, target: str) -> None:
    (campaign.parent / "link-out.csv").symlink_to("/etc/passwd")
    campaign.write_text(
        campaign.read_text(encoding="utf-8").replace("merge: merge-example.csv", f"merge: {target}"), encoding="utf-8"
    )
    err = refused(["build", str(campaign), "-o", str(tmp_path / "out")], campaign.parent, tmp_path)
    assert f"sheet.yaml:{line_of(campaign, 'merge: ')}:12: error: '{target}' is outside the campaign folder" in err
    assert "root:" not in err


@pytest.mark.parametrize("folder", ["sources", "templates"])
def test_a_folder_linked_out_of_the_campaign_is_refused(campaign: Path, tmp_path: Path, folder: str) -> None:
    outside = tmp_path / "elsewhere"
    shutil.copytree(campaign.parent / "sources", outside)
    (outside / "onepager.html").write_text("<p>{{ sheet.title }}</p>", encoding="utf-8")
    if folder == "sources":
        shutil.rmtree(campaign.parent / "sources")
    (campaign.parent / folder).symlink_to(outside)
    err = refused(["build", str(campaign), "--paper", "letter", "-o", str(tmp_path / "out")], campaign.parent)
    assert "a link to a file outside the campaign folder" in err or "a link to a folder outside the campaign" in err


def test_a_fifo_or_a_device_is_never_read(campaign: Path, tmp_path: Path) -> None:
    fifo = campaign.parent / "rows.csv"
    os.mkfifo(fifo)
    err = refused(["build", str(campaign), "--merge", str(fifo), "-o", str(tmp_path / "out")], tmp_path)
    assert "rows.csv: error: this is not a regular file (a device, pipe or folder)" in err
    err = refused(["build", str(campaign), "--merge", "/dev/zero", "-o", str(tmp_path / "out")], tmp_path)
    assert "/dev/zero: error: this is not a regular file" in err
    campaign.write_text(
        campaign.read_text(encoding="utf-8").replace("merge: merge-example.csv", "merge: rows.csv"), encoding="utf-8"
    )
    err = refused(["check", str(campaign)], campaign.parent)
    assert "'rows.csv' does not exist" in err or "not a regular file" in err


def with_campaign_css(campaign: Path, css: str) -> None:
    folder = campaign.parent / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "onepager.css").write_text(css, encoding="utf-8")


def test_a_huge_data_address_in_campaign_css_is_refused(campaign: Path, tmp_path: Path) -> None:
    with_campaign_css(campaign, "body { background: url('data:image/png;base64," + "A" * 900_000 + "'); }")
    err = refused(["build", str(campaign), "--paper", "letter", "-o", str(tmp_path / "out")], tmp_path)
    assert "a data: address of" in err and "the limit is" in err


def test_campaign_css_has_a_size_limit(campaign: Path, tmp_path: Path) -> None:
    with_campaign_css(campaign, "/*" + "x" * 1_100_000 + "*/")
    err = refused(["build", str(campaign), "--paper", "letter", "-o", str(tmp_path / "out")], tmp_path)
    assert "onepager.css: error: this file is 1,100,004 bytes; the limit is 1,000,000" in err


def test_a_font_with_a_valid_signature_and_a_damaged_body_is_refused(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = declare(edit_sheet, "theme:\n  fonts:\n    - family: Inter\n      file: fonts/broken.otf")
    (sheet.parent / "fonts").mkdir()
    font = bytearray((TEMPLATES_DIR / "fonts" / "Inter-Regular.otf").read_bytes())
    font[len(font) // 2 : len(font) // 2 + 4000] = b"\x00" * 4000
    (sheet.parent / "fonts" / "broken.otf").write_bytes(bytes(font))
    err = refused(["check", str(sheet)], sheet.parent)
    assert "'fonts/broken.otf' has a font's signature but cannot be read as one (AssertionError: bad checksum" in err


def with_template(campaign: Path, name: str, html: str) -> Path:
    folder = campaign.parent / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(html, encoding="utf-8")
    return folder / name


def test_an_include_outside_the_folder_names_its_line(campaign: Path, tmp_path: Path) -> None:
    with_template(campaign, "onepager.html", "<p>one</p>\n<p>two</p>\n{% include '../../secret.html' %}\n")
    err = refused(["build", str(campaign), "--paper", "letter", "-o", str(tmp_path / "out")], tmp_path)
    assert "templates/onepager.html:3: error: template not found: ../../secret.html" in err


def test_a_template_that_includes_itself_names_its_line(campaign: Path, tmp_path: Path) -> None:
    with_template(campaign, "onepager.html", "<p>top</p>\n<p>{% include 'onepager.html' %}</p>\n")
    err = refused(["build", str(campaign), "--paper", "letter", "-o", str(tmp_path / "out")], tmp_path)
    assert "templates/onepager.html:2: error: template error: the template includes itself" in err


def test_the_output_cap_names_the_template_line(campaign: Path, tmp_path: Path) -> None:
    loops = "{% for i in range(2000) %}{% for j in range(2000) %}"
    html = f"<p>start</p>\n{loops}\n<p>{{{{ j }}}} and more</p>\n{{% endfor %}}{{% endfor %}}\n"
    with_template(campaign, "onepager.html", html)
    err = refused(["build", str(campaign), "--paper", "letter", "-o", str(tmp_path / "out")], tmp_path)
    assert "templates/onepager.html:3: error: template error: the template's output is larger than" in err


def test_a_sheet_too_large_to_print_is_blamed_not_the_template(campaign: Path, tmp_path: Path) -> None:
    """A template that prints the title twenty times is fine; a 120,000-character title makes it too large,
    and that is the sheet's doing."""
    with_template(campaign, "onepager.html", "{% for i in range(20) %}<h1>{{ sheet.title }}</h1>{% endfor %}\n")
    title = "Ban police facial recognition in New York"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(title, "Long title " * 11_000), encoding="utf-8")
    err = refused(["build", str(campaign), "--paper", "letter", "-o", str(tmp_path / "out")], tmp_path)
    assert f"sheet.yaml:{line_of(campaign, 'Long title')}:8: error: the sheet holds " in err


def test_a_tab_in_the_indentation_says_so(campaign: Path) -> None:
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("\ntag:", "\n\ttag:"), encoding="utf-8")
    err = refused(["check", str(campaign)], campaign.parent)
    assert "fix: indent with spaces, not tabs" in err


def test_another_build_writing_the_same_folder_is_told_so(campaign: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    with building_into(output):
        err = refused(["build", str(campaign), "--paper", "letter", "-o", str(output)], tmp_path)
    assert "out: error: another build is writing here" in err
    locks = set(Path(tempfile.gettempdir()).glob("factsheet-build-*.lock"))
    code, _out, err = run_cli("build", str(campaign), "--paper", "letter", "-o", str(output))
    assert code == 0, err
    assert set(Path(tempfile.gettempdir()).glob("factsheet-build-*.lock")) <= locks, "the lock file is removed"


def encrypted_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "locked.pdf"
    with pikepdf.new() as document:
        document.add_blank_page()
        document.save(path, encryption=pikepdf.Encryption(owner="owner", user="secret"))
    return path


def bomb_pdf(tmp_path: Path) -> Path:
    """About 1 MB that inflates to 1.5 GB of page content."""
    compressor = zlib.compressobj(9)
    chunk = b"0 0 m\n" * 174_763
    parts = [compressor.compress(chunk) for _ in range(1_500)]
    data = b"".join(parts) + compressor.flush()
    path = tmp_path / "bomb.pdf"
    with pikepdf.new() as document:
        page = document.add_blank_page()
        stream = pikepdf.Stream(document, data)
        stream.Filter = pikepdf.Name.FlateDecode
        page.obj.Contents = document.make_indirect(stream)
        document.save(path, compress_streams=False)
    return path


@pytest.mark.parametrize("command", ["preflight", "proof"])
def test_preflight_and_proof_refuse_encrypted_and_damaged_pdfs(command: str, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer garbage")
    for pdf, message in (
        (encrypted_pdf(tmp_path), "this PDF is encrypted"),
        (damaged, "this file is not a readable PDF"),
    ):
        err = refused([command, str(pdf), *(["-o", str(tmp_path / "proofs")] if command == "proof" else [])])
        assert f"{pdf.name}: error: {message}" in err
        assert not (tmp_path / "proofs").exists()


def test_preflight_of_a_pdf_that_inflates_to_gigabytes_is_bounded(tmp_path: Path) -> None:
    err = refused(["preflight", str(bomb_pdf(tmp_path))])
    assert "bomb.pdf:1: error: this page's drawing inflates to more than 100 MB" in err


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs a file-size limit (POSIX)")
def test_a_full_disk_while_preparing_fonts_is_a_message_not_a_traceback(campaign: Path, tmp_path: Path) -> None:
    import resource

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = subprocess.run(
        [sys.executable, "-m", "factsheet", "build", str(campaign), "--paper", "letter", "-o", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        preexec_fn=limit_file_size,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "could not write" in result.stderr
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").glob("*.pdf"))


def test_a_quote_of_many_cuts_against_a_repetitive_source_is_bounded(campaign: Path) -> None:
    """Every combination of eight pieces' places in 150,000 repeated words would take hours: the search stops
    after a budget of tries and says why, and a quote may not have more than eleven cuts."""
    sources = campaign.parent / "sources"
    (sources / "repeated.txt").write_text(
        "---\ntitle: Repeated words (invented for tests)\n---\n\n"
        + "“the the the the the the the the the,” Park said. " * 16_000,
        encoding="utf-8",
    )
    text = campaign.read_text(encoding="utf-8")
    many = " ... ".join(["the"] * 8) + " ... xyz"
    too_many = " ... ".join(["the"] * 13)
    quotes = "".join(
        f"  - text: {quote}\n    speaker: Park\n    role: Test (invented)\n    source: repeated\n"
        for quote in (many, too_many)
    )
    campaign.write_text(text.replace("quotes:\n", "quotes:\n" + quotes, 1), encoding="utf-8")
    err = refused(["check", str(campaign)], campaign.parent)
    assert "its cuts fit the source in too many ways to check; quote fewer, longer pieces" in err
    assert "it has 12 cuts and brackets; a quote may have 11" in err


def test_extreme_campaign_css_is_a_message_not_a_traceback(campaign: Path, tmp_path: Path) -> None:
    with_campaign_css(campaign, "p { letter-spacing: 1e300px; }")
    err = refused(["build", str(campaign), "--paper", "letter", "-o", str(tmp_path / "out")], tmp_path)
    assert "error: rendering stopped on an error inside the renderer (OverflowError: int too big to convert)" in err
