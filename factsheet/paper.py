"""Paper sizes factsheet prints on, by the name users type and the name CSS `@page { size }` takes."""

PAPERS = {"letter": "letter", "a4": "A4"}
