"""`factsheet review`: people sign off each change the misquote gate cannot judge (cuts, brackets, [sic], edge
cuts, roles the sources do not state, corrected sources), and partners sign off the whole sheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from factsheet.cli.group import SHEET_ARGUMENT, main
from factsheet.cli.report import announce_the_example, reporting
from factsheet.errors import FactsheetError, Location, display_path

if TYPE_CHECKING:
    from factsheet.pipeline import CheckResult
    from factsheet.verify.review import PendingChange


@main.command()
@SHEET_ARGUMENT
@click.option("--approve", "approved", multiple=True, metavar="ID", help="Approve this change (repeatable).")
@click.option("--by", "by", help="Who approves: recorded with each approval, with the time.")
@click.option(
    "--coalition",
    metavar="ORGANISATION",
    help="Sign off the whole sheet for this partner organisation (with --by); printed as 'Checked by'.",
)
@click.pass_context
def review(
    context: click.Context, sheet: Path | None, approved: tuple[str, ...], by: str | None, coalition: str | None
) -> None:
    """Sign off the changes the gate cannot judge, one by one: what changes, the source passage with what is
    removed marked [-like this-], yes or no. Approvals are kept in signoff.yaml, bound to exactly those
    words: editing them asks again. A change that can alter meaning needs two different people (the sheet's
    `signoff:` policy). With --approve ID --by NAME, approve without questions (for scripts)."""
    from factsheet.pipeline import check

    announce_the_example(sheet)
    with reporting(context):
        checked = check(sheet)
        if coalition is not None:
            _sign_sheet(checked, coalition, by)
            return
        every = checked.changes()
        where = Location.of(checked.sheet_path)
        if approved:
            _approve_by_id(checked, every, approved, by, where)
            return
        pending = [change for change in every if not change.signed]
        if not pending:
            click.echo(f"nothing to review: {len(every)} change(s), all signed off")
            return
        click.echo(f"{len(pending)} change(s) to sign off in {display_path(checked.sheet_path)}")
        name = by or click.prompt("Your name (recorded with each approval)")
        chosen = _ask(pending, name)
        if chosen:
            from factsheet.verify.review import approve

            path = approve(checked.campaign.folder, chosen, name, where)
            click.echo(f"\n{len(chosen)} approved by {name} in {display_path(path)}; {len(pending) - len(chosen)} left")
        else:
            click.echo(f"\nnothing approved; {len(pending)} change(s) still need a sign-off")


def _ask(pending: list[PendingChange], name: str) -> list[PendingChange]:
    """Each unsigned change in turn; a change this person already approved is shown as waiting for someone
    else, not asked again."""
    from factsheet.verify.review import same_person

    chosen = []
    for number, change in enumerate(pending, start=1):
        item = change.item
        click.echo(f"\n[{number}/{len(pending)}] {item.subject}")
        click.echo(f"  change: {item.change}")
        for line in item.details:
            click.echo(f"  {line}")
        if change.approvals:
            click.echo(f"  approved so far by {change.approvers}; it needs {change.needed} different people")
        if same_person(" ".join(name.split()), change.approvals):
            click.echo("  you approved it already: someone else must give the next approval")
            continue
        question = "Does the quote keep the speaker's meaning?"
        if item.kind == "role":
            question = "Is this role right (you checked it elsewhere)?"
        elif item.kind == "correction":
            question = "Is this only a cleaning of the capture (nothing the page said is changed)?"
        answer = click.prompt(f"  {question} [y/n/q]", default="n", show_default=False)
        if answer.strip().lower().startswith("q"):
            break
        if answer.strip().lower().startswith("y"):
            chosen.append(change)
    return chosen


def _approve_by_id(
    checked: CheckResult, every: list[PendingChange], approved: tuple[str, ...], by: str | None, where: Location
) -> None:
    from factsheet.verify.review import approve

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
    path = approve(checked.campaign.folder, [known[identifier] for identifier in approved], by, where)
    click.echo(f"approved {len(approved)} change(s) by {by}: {display_path(path)}")


def _sign_sheet(checked: CheckResult, organisation: str, by: str | None) -> None:
    """A partner's sign-off of the whole sheet: only a sheet that passes, with every change signed off."""
    from factsheet.verify.review import sign_sheet

    if not by:
        raise click.UsageError("--coalition needs --by 'Your Name'")
    if not checked.ok:
        raise FactsheetError([problem for problem in checked.problems if problem.severity == "error"])
    path = sign_sheet(checked.campaign.folder, checked.fingerprint(), organisation, by, Location.of(checked.sheet_path))
    click.echo(f"signed off the whole sheet for {organisation.strip()} by {by.strip()}: {display_path(path)}")
