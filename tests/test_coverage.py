"""The shipped glyph-coverage table is what the bundled fonts really hold, and a stale entry is never trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factsheet.sheet import coverage


def test_shipped_table_matches_the_bundled_fonts() -> None:
    shipped = json.loads(coverage.COVERAGE_FILE.read_text(encoding="utf-8"))
    assert shipped == coverage.coverage_table(), "run `python -m factsheet.sheet.coverage` after changing a font"


def test_an_entry_for_a_different_file_is_read_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = coverage.bundled_fonts()[0]
    stale = {font.name: {"bytes": font.stat().st_size + 1, "sha256": "0" * 64, "ranges": [[65, 65]]}}
    table = tmp_path / "coverage.json"
    table.write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(coverage, "COVERAGE_FILE", table)
    coverage.bundled_characters.cache_clear()
    try:
        characters = coverage.bundled_characters()[font.name]
    finally:
        coverage.bundled_characters.cache_clear()
    assert characters == coverage.font_characters(font)
    assert ord("a") in characters
