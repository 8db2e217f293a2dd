"""Where factsheet's own files live: built-in templates and the example campaign.

In a wheel they are packaged inside `factsheet/` (see pyproject's force-include); in a source checkout
(editable install, tests) they sit at the repository's top level. Everything else asks this module.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    return next((candidate for candidate in candidates if candidate.exists()), candidates[-1])


TEMPLATES_DIR = _first_existing(_PACKAGE / "templates", _PACKAGE.parent / "templates")
EXAMPLE_SHEET = _first_existing(
    _PACKAGE / "examples" / "banthescan" / "sheet.yaml", _PACKAGE.parent / "seeds" / "banthescan" / "sheet.yaml"
)
