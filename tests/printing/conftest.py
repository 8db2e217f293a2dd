"""The printing tests' print service (see print_service.py), started once per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.printing.print_service import PrintService, start_print_service


@pytest.fixture(scope="session")
def print_service() -> Iterator[PrintService]:
    """A private CUPS with three virtual printers, or a skip saying why it cannot run on this machine."""
    starting = start_print_service()
    service = next(starting)
    if isinstance(service, str):
        pytest.skip(service)
    yield service
    starting.close()


@pytest.fixture
def cups(print_service: PrintService, monkeypatch: pytest.MonkeyPatch) -> PrintService:
    """The print service, with CUPS's clients pointed at it for this test."""
    for name, value in print_service.environment.items():
        monkeypatch.setenv(name, value)
    return print_service
