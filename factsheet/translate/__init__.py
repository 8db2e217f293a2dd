"""Translations of a sheet: PO files volunteers fill in, checked like the misquote gate before a build uses them."""
