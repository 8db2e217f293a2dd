"""Resource limits: page count, nesting, render time and memory each end in a plain message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from factsheet.errors import FactsheetError
from factsheet.isolation import run_isolated
from factsheet.pipeline import BuildRequest, build


def with_template(campaign: Path, html: str) -> None:
    folder = campaign.parent / "templates"
    folder.mkdir()
    (folder / "onepager.html").write_text(html, encoding="utf-8")


def message_of(campaign: Path, tmp_path: Path) -> str:
    with pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()
    (problem,) = caught.value.problems
    return problem.message


@pytest.mark.parametrize("pages", [60, 20_000])
def test_page_cap_stops_layout_at_the_cap(campaign: Path, tmp_path: Path, pages: int) -> None:
    """20,000 pages would take minutes to lay out and hit the time limit instead: layout stops at page 25."""
    with_template(
        campaign, f"{{% for i in range({pages}) %}}<p style='break-after: page'>{{{{ i }}}}</p>{{% endfor %}}"
    )
    assert message_of(campaign, tmp_path) == "the handout runs past 24 pages, the limit; layout was stopped there"


def test_deep_nesting(campaign: Path, tmp_path: Path) -> None:
    with_template(campaign, "<div>" * 400 + "x" + "</div>" * 400)
    assert message_of(campaign, tmp_path) == "the handout's HTML is nested too deeply to lay out"


def slow() -> bytes:
    time.sleep(30)
    return b""


def hungry() -> bytes:
    hoard = bytearray(3_000_000_000)
    return bytes(hoard[:1])


def test_time_limit(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(FactsheetError, match=r"rendering took longer than 0.5 seconds and was stopped"):
        run_isolated(slow, origin=tmp_path / "sheet.yaml", seconds=0.5)
    assert time.monotonic() - started < 10


def test_memory_ceiling(tmp_path: Path) -> None:
    with pytest.raises(FactsheetError, match=r"rendering needed more than 200 MB of memory and was stopped"):
        run_isolated(hungry, origin=tmp_path / "sheet.yaml", extra_memory=200_000_000)


def test_a_result_comes_back_from_the_child(tmp_path: Path) -> None:
    assert run_isolated(bytes, 3, origin=tmp_path / "sheet.yaml") == b"\x00\x00\x00"


def test_content_that_does_not_fit_the_layout_is_an_error_not_a_second_page(campaign: Path, tmp_path: Path) -> None:
    text = campaign.read_text(encoding="utf-8")
    extra = "  - heading: Extra\n    text: " + "More words than the page can hold. " * 60 + "\n"
    campaign.write_text(text.replace("  - heading: Why a ban\n", extra + "  - heading: Why a ban\n"), encoding="utf-8")
    message = message_of(campaign, tmp_path)
    assert message.startswith("the content does not fit the onepager layout's 1 page(s): about ")
    assert "too long: the section “Extra More words than the page…”" in message
