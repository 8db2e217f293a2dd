"""Paper sizes and layouts factsheet prints, in a module light enough for the CLI to import at start-up."""

PAPERS = {"letter": "letter", "a4": "A4"}
"""Paper sizes by the name users type, with the name CSS `@page { size }` takes."""

LAYOUTS = {"onepager": 1, "twosided": 2, "poster": 1}
"""The built-in layouts and how many pages each is designed for; content needing more is an error."""

POSTER_SIZES = {"letter": ("tabloid", "11in 17in"), "a4": ("a3", "A3")}
"""A poster is printed on the large sheet of each paper family: Tabloid for Letter, A3 for A4."""


def sheet_size(layout: str, paper: str) -> tuple[str, str]:
    """The name of the sheet a layout prints on for a paper family, and its CSS `@page { size }` value."""
    if layout == "poster":
        return POSTER_SIZES[paper]
    return paper, PAPERS[paper]


SHEET_POINTS = {"letter": (612.0, 792.0), "a4": (595.28, 841.89), "tabloid": (792.0, 1224.0), "a3": (841.89, 1190.55)}
"""Each sheet's width and height in PDF points, for preflight."""
