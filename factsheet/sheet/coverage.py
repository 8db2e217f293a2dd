"""Which characters each bundled font has glyphs for, read once when the fonts change rather than on every run.

Decoding the character maps of the bundled fonts takes about a tenth of a second, a large share of a cold
`factsheet check`; with the larger fonts of other scripts it would be more. `templates/fonts/coverage.json` holds
each font's characters as ranges, with the file's size and SHA-256; a font whose size no longer matches is read
afresh, and a test recomputes the table from the fonts so it cannot fall out of date unnoticed. Regenerate it
with `python -m factsheet.sheet.coverage` after adding or replacing a font.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from factsheet.resources import TEMPLATES_DIR

FONT_FOLDER = TEMPLATES_DIR / "fonts"
COVERAGE_FILE = FONT_FOLDER / "coverage.json"


def font_characters(path: Path) -> frozenset[int]:
    """Every code point the font file maps to a glyph (its best Unicode character map)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


@cache
def bundled_characters() -> dict[str, frozenset[int]]:
    """Each bundled font's characters by file name, from the shipped table where it still describes the file."""
    table = _shipped_table()
    characters = {}
    for path in bundled_fonts():
        entry = table.get(path.name)
        if entry is not None and entry.get("bytes") == path.stat().st_size:
            characters[path.name] = _from_ranges(entry["ranges"])
        else:
            characters[path.name] = font_characters(path)
    return characters


def bundled_fonts() -> list[Path]:
    return sorted(FONT_FOLDER.glob("*.[ot]tf"))


def coverage_table() -> dict[str, dict[str, Any]]:
    """The table as it should be for the fonts in the folder now."""
    table = {}
    for path in bundled_fonts():
        data = path.read_bytes()
        table[path.name] = {
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "ranges": _to_ranges(font_characters(path)),
        }
    return table


def _shipped_table() -> dict[str, dict[str, Any]]:
    try:
        loaded = json.loads(COVERAGE_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _to_ranges(characters: frozenset[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for code in sorted(characters):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges


def _from_ranges(ranges: list[list[int]]) -> frozenset[int]:
    return frozenset(code for start, end in ranges for code in range(start, end + 1))


if __name__ == "__main__":
    lines = [f"{json.dumps(name)}: {json.dumps(entry, sort_keys=True)}" for name, entry in coverage_table().items()]
    COVERAGE_FILE.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"wrote {COVERAGE_FILE}")
