"""`factsheet translate`: PO files volunteers translate a sheet in (extract, update, status), each a library call."""

from __future__ import annotations

from pathlib import Path

import click

from factsheet.cli.group import LANGUAGES, SHEET_ARGUMENT, main
from factsheet.cli.report import announce_the_example, reporting
from factsheet.errors import display_path


@main.group()
def translate() -> None:
    """Translate a sheet: one PO file per language in translations/, opened in Poedit, Weblate or Crowdin.

    extract writes a new file to translate, update brings it up to date after the English changed (changed
    entries are marked fuzzy), status shows what is left. `factsheet build --lang CODE` prints the translation,
    and refuses one with a missing or fuzzy entry or a changed number (unless --draft).
    """


@translate.command()
@SHEET_ARGUMENT
@LANGUAGES
@click.pass_context
def extract(context: click.Context, sheet: Path | None, languages: tuple[str, ...]) -> None:
    """Write translations/<code>.po with every text of the sheet to translate (an existing file is kept)."""
    from factsheet.pipeline import locate
    from factsheet.translate.catalog import extract as extract_po

    _need_languages(languages)
    announce_the_example(sheet)
    with reporting(context):
        located = locate(sheet)
        for code in languages:
            path, count = extract_po(located, code)
            click.echo(f"wrote {display_path(path)}: {count} entries to translate")


@translate.command()
@SHEET_ARGUMENT
@LANGUAGES
@click.pass_context
def update(context: click.Context, sheet: Path | None, languages: tuple[str, ...]) -> None:
    """Merge translations/<code>.po with the sheet's current English; changed entries become fuzzy."""
    from factsheet.pipeline import locate
    from factsheet.translate.catalog import update as update_po

    announce_the_example(sheet)
    with reporting(context):
        located = locate(sheet)
        from factsheet.translate.catalog import status

        for code in languages or tuple(report.language for report in status(located)):
            path, added, changed, removed = update_po(located, code)
            click.echo(
                f"updated {display_path(path)}: {added} new, {changed} changed (marked fuzzy), {removed} removed"
            )


@translate.command()
@SHEET_ARGUMENT
@LANGUAGES
@click.option("-v", "--verbose", is_flag=True, help="Name every missing and fuzzy entry.")
@click.pass_context
def status(context: click.Context, sheet: Path | None, languages: tuple[str, ...], verbose: bool) -> None:
    """Per language: how many entries are translated, and which are missing or fuzzy."""
    from factsheet.pipeline import locate
    from factsheet.translate.catalog import status as translation_status

    announce_the_example(sheet)
    with reporting(context):
        reports = [
            report for report in translation_status(locate(sheet)) if not languages or report.language in languages
        ]
        if not reports:
            click.echo("no translations yet: run `factsheet translate extract --lang CODE`")
        for report in reports:
            left = len(report.missing) + len(report.fuzzy) + len(report.outdated)
            state = "ready to build" if not left else "not ready (build with --draft to preview)"
            click.echo(
                f"{report.language:8} {report.translated}/{report.total} translated, {len(report.missing)} missing, "
                f"{len(report.fuzzy) + len(report.outdated)} fuzzy: {state}  ({display_path(report.po_file)})"
            )
            if verbose or left <= 5:
                for name in report.missing:
                    click.echo(f"    missing: {name}")
                for name in report.fuzzy + report.outdated:
                    click.echo(f"    fuzzy:   {name}")


def _need_languages(languages: tuple[str, ...]) -> None:
    if not languages:
        raise click.UsageError("name the language to translate into: --lang es (repeat for several)")
