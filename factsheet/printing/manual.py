"""Manual duplex, for a printer that prints one side only: the fronts, then how to turn the stack, then the backs.

Every two-page layout is one sheet (front and back), so the stack of fronts is all alike and only the turn
matters, not the order. The turn is the one the layout's flip edge needs, or the other one for a printer the
flip-edge test sheet showed to be swapped.
"""

from __future__ import annotations

from factsheet.printing.job import PrintJob, Sides

_TURNS: dict[Sides, tuple[str, str]] = {
    "two-sided-long-edge": (
        "turn the stack over from left to right, like a book's page: the top edge stays at the top",
        "   ┌────────┐              ┌────────┐\n"
        "   │ ↑ top  │   ──────▶    │ ↑ top  │\n"
        "   │ side 1 │  turn over   │ (blank)│\n"
        "   │        │ left→right   │        │\n"
        "   └────────┘              └────────┘",
    ),
    "two-sided-short-edge": (
        "turn the stack over from top to bottom, like a wall calendar: the top edge goes to the bottom",
        "   ┌────────┐              ┌────────┐\n"
        "   │ ↑ top  │   ──────▶    │ (blank)│\n"
        "   │ side 1 │  turn over   │        │\n"
        "   │        │ top→bottom   │ ↓ top  │\n"
        "   └────────┘              └────────┘",
    ),
}


def manual_passes(job: PrintJob) -> tuple[PrintJob, PrintJob]:
    """The two one-sided jobs: every copy's front, then every copy's back."""
    return job.only("1"), job.only("2")


def turn_instruction(sides: Sides, *, copies: int) -> str:
    """What to do between the two passes, in words and a picture (as seen from above, looking at the stack
    as it came out of the printer)."""
    words, picture = _TURNS["two-sided-long-edge" if sides == "one-sided" else sides]
    sheets = "sheet" if copies == 1 else f"{copies} sheets"
    return (
        f"The fronts are printing. When the {sheets} are out:\n"
        f"  1. Take the stack out without shuffling it.\n"
        f"  2. Hold it printed side up as it is drawn below, and {words}.\n"
        f"  3. Put it back in the paper tray the way blank paper goes in (the blank side where blank paper's\n"
        f"     printing side goes), with the edge marked top going in first as before.\n"
        f"{picture}\n"
        f"Not sure which way your printer takes paper? Print the flip-edge test sheet once:\n"
        f"  factsheet print --test-duplex --manual-duplex"
    )
