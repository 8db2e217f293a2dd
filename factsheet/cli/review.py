"""`factsheet review`: a person signs off each cut, bracket, [sic] and edge cut the misquote gate allowed."""

from __future__ import annotations

from pathlib import Path

import click

from factsheet.cli.group import SHEET_ARGUMENT, main
from factsheet.cli.report import announce_the_example, reporting
from factsheet.errors import FactsheetError, Location, display_path


@main.command()
@SHEET_ARGUMENT
@click.option("--approve", "approved", multiple=True, metavar="ID", help="Approve this alteration (repeatable).")
@click.option("--by", "by", help="Who approves: recorded with each approval, with the time.")
@click.pass_context
def review(context: click.Context, sheet: Path | None, approved: tuple[str, ...], by: str | None) -> None:
    """Sign off the changes quotes make to their sources, one by one: the quote, the source passage with what
    is removed marked [-like this-], yes or no. Approvals are kept in signoff.yaml, bound to the quote and its
    passage: editing either asks again. With --approve ID --by NAME, approve without questions (for scripts)."""
    from factsheet.pipeline import check
    from factsheet.verify.review import approve, changes

    announce_the_example(sheet)
    with reporting(context):
        checked = check(sheet)
        campaign = checked.campaign.folder
        every = changes(campaign, checked.report.alterations)
        where = Location.of(checked.sheet_path)
        if approved:
            if not by:
                raise click.UsageError("--approve needs --by 'Your Name'")
            known = {change.identifier: change for change in every}
            unknown = [identifier for identifier in approved if identifier not in known]
            if unknown:
                raise FactsheetError.at(
                    where,
                    f"no alteration {', '.join(unknown)} in this sheet",
                    "the quote or its source may have changed since; run factsheet check for the current ids",
                )
            path = approve(campaign, [known[identifier] for identifier in approved], by, where)
            click.echo(f"approved {len(approved)} change(s) by {by}: {display_path(path)}")
            return
        pending = [change for change in every if change.approval is None]
        if not pending:
            click.echo(f"nothing to review: {len(every)} change(s), all signed off")
            return
        chosen = []
        click.echo(f"{len(pending)} change(s) to sign off in {display_path(checked.sheet_path)}")
        name = by or click.prompt("Your name (recorded with each approval)")
        for number, change in enumerate(pending, start=1):
            click.echo(f"\n[{number}/{len(pending)}] {change.quote.quote}")
            click.echo(f"  change: {change.alteration.describe()}")
            click.echo(f"  source ({change.quote.source_id}): {change.struck}")
            answer = click.prompt(
                "  Does the quote keep the speaker's meaning? [y/n/q]", default="n", show_default=False
            )
            if answer.strip().lower().startswith("q"):
                break
            if answer.strip().lower().startswith("y"):
                chosen.append(change)
        if chosen:
            path = approve(campaign, chosen, name, where)
            click.echo(f"\n{len(chosen)} approved by {name} in {display_path(path)}; {len(pending) - len(chosen)} left")
        else:
            click.echo(f"\nnothing approved; {len(pending)} change(s) still need a sign-off")
