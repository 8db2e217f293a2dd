"""Manual duplex, for a printer that prints one side only: the fronts, then how to turn the stack, then the backs.

Every two-page layout is one sheet (front and back), so the stack of fronts is all alike and only the turn
matters, not the order. The turn is the one the layout's flip edge needs, or the other one for a printer the
flip-edge test sheet showed to be swapped.
"""

from __future__ import annotations

from factsheet.printing.job import PrintJob, Sides

_TURNS: dict[Sides, tuple[str, str, str]] = {
    "two-sided-long-edge": (
        "turn the stack over from left to right,\n     like a book's page: the top edge stays at the top",
        "the same edge going in first as before",
        "   ┌────────┐              ┌────────┐\n"
        "   │ ↑ top  │   ──────▶    │ ↑ top  │\n"
        "   │ side 1 │  turn over   │ (blank)│\n"
        "   │        │ left→right   │        │\n"
        "   └────────┘              └────────┘",
    ),
    "two-sided-short-edge": (
        "turn the stack over from top to bottom,\n     like a wall calendar: the top edge goes to the bottom",
        "the other edge going in first (the one that came out last)",
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


def turn_instruction(sides: Sides, *, copies: int, layout: str) -> str:
    """What to do between the two passes, in words and a picture (as seen from above, looking at the stack
    as it came out of the printer)."""
    words, feed, picture = _TURNS["two-sided-long-edge" if sides == "one-sided" else sides]
    sheets = "sheet is" if copies == 1 else f"{copies} sheets are"
    return (
        f"The fronts are printing. When the {sheets} out:\n"
        f"  1. Take the stack out without shuffling it.\n"
        f"  2. Hold it printed side up as drawn below, and {words}.\n"
        f"  3. Put it back in the paper tray the way blank paper goes in (the blank side where blank paper's\n"
        f"     printing side goes), with {feed}.\n"
        f"{picture}\n"
        f"Not sure which way your printer takes paper? Print the flip-edge test sheet once:\n"
        f"  factsheet print --test-duplex --manual-duplex --layout {layout}"
    )
