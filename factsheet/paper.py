"""Paper sizes and layouts factsheet prints, in a module light enough for the CLI to import at start-up."""

PAPERS = {"letter": "letter", "a4": "A4"}
"""Paper sizes by the name users type, with the name CSS `@page { size }` takes."""

LAYOUTS = {"onepager": 1, "twosided": 2}
"""The built-in layouts and how many pages each is designed for; content needing more is an error."""
