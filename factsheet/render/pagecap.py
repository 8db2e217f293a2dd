"""Stop WeasyPrint's layout the moment it starts a page past the cap, instead of laying out thousands of pages
(a runaway template, a sheet far too long) and counting afterwards.

WeasyPrint logs each page as layout makes it ("Step 5 - Creating layout - Page N") on its progress logger;
a handler on that logger raises as soon as N passes the cap. It is a BaseException so that no `except
Exception` inside WeasyPrint swallows it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class PageCapReachedError(BaseException):
    """Raised from inside WeasyPrint's layout when it starts one page too many (a BaseException, so no
    `except Exception` on the way out swallows it)."""


class _PageCounter(logging.Handler):
    """Listens to WeasyPrint's progress log, which names each page as layout creates it, and stops the layout
    the moment it starts a page past the cap, instead of laying out thousands of pages and counting after."""

    def __init__(self, cap: int) -> None:
        super().__init__(logging.INFO)
        self.cap = cap

    def handle(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith(LAYOUT_PAGE_MESSAGE) and record.args:
            page = record.args[0] if isinstance(record.args, tuple) else 0
            if isinstance(page, int) and page > self.cap:
                raise PageCapReachedError
        return True


LAYOUT_PAGE_MESSAGE = "Step 5 - Creating layout - Page"


@contextmanager
def page_cap(cap: int) -> Iterator[None]:
    logger = logging.getLogger("weasyprint.progress")
    counter = _PageCounter(cap)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(counter)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
        logger.propagate = propagate
