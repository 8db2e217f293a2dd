"""`factsheet check`: the misquote gate's verdict, and `--record`, which shows what changed in each source and
records it as reviewed by a named person."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factsheet.cli.group import LANGUAGES, SHEET_ARGUMENT, VERBOSE, main
from factsheet.cli.report import announce_the_example, json_report, print_problems, reporting
from factsheet.errors import FactsheetError, Location, display_path

if TYPE_CHECKING:
    from factsheet.pipeline import CheckResult


@main.command()
@SHEET_ARGUMENT
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints a machine-readable report for CI.",
)
@click.option(
    "--record",
    is_flag=True,
    help="Show what changed in each source since it was last recorded, then record it in sources.lock as "
    "reviewed by you (after you compared it with the article).",
)
@click.option("--yes", is_flag=True, help="With --record: record without asking (for scripts; needs --by).")
@click.option("--by", "by", help="With --record: who reviewed the sources, recorded with the time.")
@LANGUAGES
@VERBOSE
@click.pass_context
def check(
    context: click.Context,
    sheet: Path | None,
    output_format: str,
    record: bool,
    yes: bool,
    by: str | None,
    languages: tuple[str, ...],
    verbose: bool,
) -> None:
    """Validate a sheet and check every quote, excerpt and number against its sources, and its translations
    (the languages its outputs declare, or each --lang)."""
    from factsheet.pipeline import check as check_sheet

    if output_format == "text":
        announce_the_example(sheet)
    with reporting(context, output_format=output_format):
        if record:
            _record(sheet, yes, by)
        result = check_sheet(sheet, languages=languages)
        if output_format == "json":
            click.echo(json.dumps(_json(result), indent=2, ensure_ascii=False))
        else:
            print_problems(result.problems, verbose=verbose)
            for change in result.changes():
                if change.approvals:
                    where = (
                        result.located.yaml.locate(change.item.path)
                        if change.item.path is not None
                        else Location.of(change.item.source_file or result.sheet_path, change.item.source_line)
                    )
                    state = "signed off" if change.signed else f"1 of {change.needed} sign-offs"
                    click.echo(
                        f"{where}: {state} by {change.approvers}: {change.item.change} "
                        f"({change.item.kind} {change.identifier})\n  " + "\n  ".join(change.item.details),
                        err=True,
                    )
            click.echo(f"{display_path(result.sheet_path)}: {result.summary()}")
        if not result.ok:
            context.exit(1)


def _record(sheet: Path | None, yes: bool, by: str | None) -> None:
    """List each new or changed source (with its differences from its captured page), ask for confirmation
    and a name, and record."""
    from factsheet.pipeline import check as check_sheet
    from factsheet.pipeline import record
    from factsheet.verify.recording import source_changes

    checked = check_sheet(sheet, recording=True)
    pending = source_changes(checked.campaign.folder, checked.sources)
    for change in pending:
        since = f" since it was {change.before}" if change.before else ""
        click.echo(f"{display_path(change.source.path)}: {change.status}{since}", err=True)
        for line in change.differences[:12]:
            click.echo(f"  against its captured page, {line}", err=True)
        if change.status == "changed" and change.source.evidence is None:
            click.echo("  typed in by hand: compare it with the article before recording", err=True)
    if not checked.ok:
        raise FactsheetError([problem for problem in checked.problems if problem.severity == "error"])
    if not pending:
        click.echo("nothing to record: every source is as last recorded", err=True)
        return
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError("--record asks for confirmation; in a script pass --yes --by 'Your Name'")
        click.confirm(f"Record these {len(pending)} source(s) as reviewed?", abort=True, err=True)
    name = by or ("" if yes else click.prompt("Your name (recorded with the fingerprints)", err=True))
    if not name or not name.strip():
        raise click.UsageError("--record needs the reviewer's name: --by 'Your Name'")
    click.echo(f"recorded {display_path(record(sheet, by=name))} as reviewed by {name.strip()}", err=True)


def _json(result: CheckResult) -> dict[str, object]:

    report = json_report(result.problems, ok=result.ok, summary=result.summary())
    report["hand_typed_sources"] = list(result.report.hand_typed)
    report["alterations"] = [
        {
            "id": change.identifier,
            "kind": change.item.kind,
            "subject": change.item.subject,
            "change": change.item.change,
            "evidence": change.item.evidence,
            "needs": change.needed,
            "approved_by": [approval.approved_by for approval in change.approvals],
            "approved_at": [approval.approved_at for approval in change.approvals],
        }
        for change in result.changes()
    ]
    return report
