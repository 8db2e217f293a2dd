"""What a campaign folder holds, written down once: where its sheet, sources, lock, templates, fonts, logo and
merge files are, every file a build of it reads, and how its outputs are named.

One list of inputs serves two jobs: no output may overwrite any of them, and the manifest records a digest of
each, so a changed logo rebuilds what uses it. Every path the sheet names is resolved and confined to the
campaign folder before a byte of it is read or hashed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factsheet.errors import FactsheetError, Location
from factsheet.press.editions import Edition
from factsheet.press.layouts import Layout
from factsheet.resources import EXAMPLE_SHEET, TEMPLATES_DIR

SHEET_FILE_NAME = "sheet.yaml"
SOURCES_FOLDER = "sources"
TEMPLATES_FOLDER = "templates"
LOCK_FILE_NAME = "sources.lock"
SIGNOFF_FILE_NAME = "signoff.yaml"


@dataclass(frozen=True)
class Campaign:
    """A campaign folder, found from its sheet file."""

    sheet_path: Path

    @property
    def folder(self) -> Path:
        return self.sheet_path.parent

    @property
    def sources_folder(self) -> Path:
        return self.folder / SOURCES_FOLDER

    @property
    def lock_path(self) -> Path:
        return self.folder / LOCK_FILE_NAME

    @property
    def templates(self) -> Path | None:
        """The campaign's own templates folder, if it has one (its templates run sandboxed). A folder that is
        a link out of the campaign is refused: its templates would otherwise be confined to wherever it points."""
        folder = self.folder / TEMPLATES_FOLDER
        if not folder.is_dir():
            return None
        if not folder.resolve().is_relative_to(self.folder.resolve()):
            raise FactsheetError.at(
                Location.of(folder),
                "the templates folder is a link to a folder outside the campaign",
                "copy the templates into the campaign folder instead of linking to them",
            )
        return folder

    def source_files(self) -> list[Path]:
        return sorted(self.sources_folder.glob("*.txt"))

    def template_files(self) -> list[Path]:
        """The built-in templates (fonts, colour profile and strings included), then the campaign's own."""
        folders = [TEMPLATES_DIR, *([self.templates] if self.templates else [])]
        return [path for folder in folders for path in sorted(folder.rglob("*")) if path.is_file()]

    def inputs(self, named: dict[str, Path]) -> dict[str, Path]:
        """Every file a build reads, by the name a user recognises: the sheet, the lock, each source, the
        templates, and the files the sheet names (`named`: logo, theme fonts, merge CSVs, already confined)."""
        files = {self.sheet_path.name: self.sheet_path}
        for name in (LOCK_FILE_NAME, SIGNOFF_FILE_NAME):
            if (self.folder / name).is_file():
                files[name] = self.folder / name
        files.update((f"{SOURCES_FOLDER}/{path.name}", path) for path in self.source_files())
        files.update(named)
        return files


def resolve_sheet(sheet: Path | None) -> Path:
    """The sheet file meant: `sheet.yaml` inside a campaign folder; when none is given, the working folder's
    `sheet.yaml` (as git or mkdocs find their project), else the built-in example."""
    if sheet is None:
        here = Path.cwd() / SHEET_FILE_NAME
        return here if here.is_file() else EXAMPLE_SHEET
    if sheet.is_dir():
        sheet = sheet / SHEET_FILE_NAME
    if not sheet.is_file():
        raise FactsheetError.at(
            Location.of(sheet),
            "there is no sheet file here",
            f"give the path of a sheet YAML file, or of a campaign folder holding {SHEET_FILE_NAME}",
        )
    return sheet


def uses_the_example(sheet: Path | None) -> bool:
    """Whether `resolve_sheet(sheet)` falls back to the built-in example (so the user can be told)."""
    return sheet is None and not (Path.cwd() / SHEET_FILE_NAME).is_file()


def find_sheets(folder: Path) -> list[Path]:
    """Every campaign's sheet under `folder` (folders holding a sheet.yaml), in name order."""
    sheets = sorted(folder.glob(f"*/{SHEET_FILE_NAME}")) + sorted(folder.glob(SHEET_FILE_NAME))
    if not sheets:
        raise FactsheetError.at(
            Location.of(folder), "no campaign here", f"a campaign is a folder holding {SHEET_FILE_NAME}"
        )
    return sheets


def output_name(stem: str, layout: Layout, sheet_label: str, edition: Edition) -> str:
    """The PDF's file name: campaign (or merge row), layout, sheet, edition: `banthescan-trifold-a4-shop.pdf`.
    The one-pager, the default, leaves its layout out."""
    named = f"{stem}-{layout.name}" if layout.in_file_names else stem
    return f"{named}-{sheet_label}{edition.suffix}.pdf"
