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
from collections.abc import Iterable
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


def font_family(path: Path) -> str:
    """The family the font belongs to, as a stylesheet names it (typographic family, else the legacy one)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        names = font["name"]
        return str(names.getDebugName(16) or names.getDebugName(1) or path.stem)


def family_characters(families: Iterable[str]) -> frozenset[int]:
    """Every code point some bundled font of these families has a glyph for."""
    wanted = set(families)
    families_by_file = bundled_families()
    found = [characters for name, characters in bundled_characters().items() if families_by_file[name] in wanted]
    return frozenset().union(*found)


@cache
def bundled_families() -> dict[str, str]:
    """Each bundled font's family by file name, from the shipped table where it still describes the file."""
    table = _shipped_table()
    return {
        path.name: str(table[path.name]["family"]) if _current(table, path) else font_family(path)
        for path in bundled_fonts()
    }


def _current(table: dict[str, dict[str, Any]], path: Path) -> bool:
    entry = table.get(path.name)
    return entry is not None and entry.get("bytes") == path.stat().st_size and "family" in entry


@cache
def bundled_characters() -> dict[str, frozenset[int]]:
    """Each bundled font's characters by file name, from the shipped table where it still describes the file."""
    table = _shipped_table()
    characters = {}
    for path in bundled_fonts():
        if _current(table, path):
            characters[path.name] = _from_ranges(table[path.name]["ranges"])
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
            "family": font_family(path),
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
