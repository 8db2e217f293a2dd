"""`factsheet new`: a starter campaign that passes `check` and builds, every value a labelled placeholder."""

from __future__ import annotations

import shutil
from pathlib import Path

from factsheet.errors import FactsheetError, Location
from factsheet.resources import TEMPLATES_DIR
from factsheet.verify.lock import write_lock
from factsheet.verify.signoff import now
from factsheet.verify.sources import load_sources

STARTER = TEMPLATES_DIR / "starter"


def new_campaign(folder: Path) -> Path:
    """Create `folder` with a commented sheet.yaml and a sources/ folder; returns the sheet's path."""
    if folder.exists() and any(folder.iterdir()):
        raise FactsheetError.at(
            Location.of(folder),
            "this folder already exists and is not empty",
            "choose a new folder name; factsheet new never overwrites files",
        )
    shutil.copytree(STARTER, folder, dirs_exist_ok=True)
    write_lock(folder, load_sources(folder / "sources"), "factsheet new (the starter's placeholder source)", now())
    return folder / "sheet.yaml"
