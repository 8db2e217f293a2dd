"""What a campaign has learned about its printers, kept in `printers.yaml` beside its sheet.

One thing so far: whether a printer turns two-sided paper the way it is asked (`as-asked`) or on the other
edge (`swapped`), for portrait and for landscape sheets apart, which the flip-edge test sheet shows once.
Some drivers swap the edges for landscape pages; a tri-fold printed through one comes out upside down
inside. The file is small, written by `factsheet print --remember-flip`, and checked when it is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml

from factsheet.errors import FactsheetError, Location
from factsheet.reading import read_regular
from factsheet.write import publish_all

SETTINGS_FILE_NAME = "printers.yaml"
Flip = Literal["as-asked", "swapped"]
Orientation = Literal["portrait", "landscape"]
FLIPS: tuple[Flip, ...] = ("as-asked", "swapped")


def settings_path(campaign_folder: Path) -> Path:
    return campaign_folder / SETTINGS_FILE_NAME


def _read(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    broken = FactsheetError.at(
        Location.of(path),
        "this printer settings file is not the list factsheet writes",
        f"delete {path.name} and run the flip-edge test again: factsheet print --test-duplex",
    )
    try:
        data = yaml.safe_load(read_regular(path, 64_000).decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError):
        raise broken from None
    if data is None:
        return {}
    printers = data.get("printers") if isinstance(data, dict) else None
    if not isinstance(printers, dict) or not all(
        isinstance(name, str) and isinstance(entry, dict) for name, entry in printers.items()
    ):
        raise broken
    return {name: {str(key): str(value) for key, value in entry.items()} for name, entry in printers.items()}


def printer_flip(campaign_folder: Path, printer: str, orientation: Orientation) -> Flip:
    """How `printer` turns two-sided paper of this orientation, as the campaign last recorded it (as asked, if
    never tested)."""
    path = settings_path(campaign_folder)
    key = f"flip-{orientation}"
    flip = _read(path).get(printer, {}).get(key, "as-asked")
    if flip not in FLIPS:
        raise FactsheetError.at(
            Location.of(path),
            f"printer '{printer}' has {key}: {flip}, which is neither 'as-asked' nor 'swapped'",
            f"run the flip-edge test again and record what it shows: factsheet print --test-duplex --printer {printer}",
        )
    return flip


def remember_flip(campaign_folder: Path, printer: str, orientation: Orientation, flip: Flip) -> Path:
    """Record how `printer` turns two-sided paper of this orientation; the settings file's path."""
    path = settings_path(campaign_folder)
    printers = _read(path)
    printers[printer] = {**printers.get(printer, {}), f"flip-{orientation}": flip}
    header = (
        "# How this campaign's printers turn two-sided paper, learned from `factsheet print --test-duplex`.\n"
        "# flip-portrait, flip-landscape: as-asked (it turns the paper as it is told) or swapped (on the other edge).\n"
    )
    text = header + yaml.safe_dump({"printers": printers}, allow_unicode=True, sort_keys=True)
    publish_all([(path, text.encode("utf-8"))])
    return path
