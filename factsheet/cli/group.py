"""The `factsheet` command group every subcommand hangs on, and the argument they share."""

from __future__ import annotations

from pathlib import Path

import click

from factsheet import __version__

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
