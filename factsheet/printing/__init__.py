"""Printing a built handout: the job options each layout needs, the print service (CUPS) that takes them, what a
printer can do, manual duplex, the flip-edge test sheet, and the print shop's pack.

The handout is always built first through the one build path (`factsheet.pipeline.build`), so the misquote
gate applies to paper exactly as it does to a PDF: a sheet that fails `check` is never sent.
"""
