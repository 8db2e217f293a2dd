"""The `factsheet` command group every subcommand hangs on, and the argument they share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
from click.decorators import FC

from factsheet.version import __version__

SHEET_ARGUMENT = click.argument("sheet", required=False, type=click.Path(path_type=Path))
VERBOSE = click.option("-v", "--verbose", is_flag=True, help="List every warning, not one of each kind.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="factsheet")
@click.option("--debug", is_flag=True, help="Show a Python traceback for input problems too.")
@click.pass_context
def main(context: click.Context, debug: bool) -> None:
    """Verified, print-ready campaign handouts from a YAML sheet and its archived sources.

    SHEET is a sheet YAML file or a campaign folder holding sheet.yaml; without it, the built-in
    #BantheScan example is used.
    """
    context.obj = {"debug": debug}


def known_languages(codes: tuple[str, ...]) -> tuple[str, ...]:
    """`--lang` values, each one factsheet has labels for (a usage error lists the ones there are)."""
    from factsheet.translate.languages import available

    known = available()
    for code in codes:
        if code not in known:
            raise click.BadParameter(f"'{code}' is not a language factsheet prints; use one of: {', '.join(known)}")
    return tuple(dict.fromkeys(codes))


def languages_option(
    help_text: str = "A language code (es, zh-Hant, ...); repeat for several.",
) -> Callable[[FC], FC]:
    """The repeatable `--lang` option, checked against the languages factsheet has labels for."""
    return click.option(
        "--lang",
        "languages",
        multiple=True,
        callback=lambda context, parameter, value: known_languages(value),
        help=help_text,
    )


LANGUAGES = languages_option()


def output_option(help_text: str) -> Callable[[FC], FC]:
    """`-o/--output DIR`, the folder a command writes into (default `output/`)."""
    return click.option(
        "-o",
        "--output",
        "output_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("output"),
        show_default=True,
        help=help_text,
    )
