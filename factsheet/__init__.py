"""factsheet: verified, print-ready campaign handouts from curated YAML and archived sources.

The public API, by explicit re-export. Names are imported on first use (PEP 562), so `factsheet --help`
starts without loading pydantic, Jinja2 or WeasyPrint. The CLI (`factsheet.cli`) is a thin layer over these.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "BatchResult": "factsheet.batch.plan",
    "Request": "factsheet.batch.plan",
    "build_batch": "factsheet.batch.plan",
    "FactsheetError": "factsheet.errors",
    "Location": "factsheet.errors",
    "Problem": "factsheet.errors",
    "CallToAction": "factsheet.sheet.model",
    "Citation": "factsheet.sheet.model",
    "Contact": "factsheet.sheet.model",
    "Demand": "factsheet.sheet.model",
    "KeyFact": "factsheet.sheet.model",
    "Quote": "factsheet.sheet.model",
    "Section": "factsheet.sheet.model",
    "Sheet": "factsheet.sheet.model",
    "SourceMeta": "factsheet.sheet.model",
    "Theme": "factsheet.sheet.model",
    "BuildResult": "factsheet.pipeline",
    "CheckResult": "factsheet.pipeline",
    "build": "factsheet.pipeline",
    "check": "factsheet.pipeline",
    "VerificationReport": "factsheet.verify.gate",
}

__all__ = [
    "BatchResult",
    "BuildResult",
    "CallToAction",
    "CheckResult",
    "Citation",
    "Contact",
    "Demand",
    "FactsheetError",
    "KeyFact",
    "Location",
    "Problem",
    "Quote",
    "Request",
    "Section",
    "Sheet",
    "SourceMeta",
    "Theme",
    "VerificationReport",
    "__version__",
    "build",
    "build_batch",
    "check",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'factsheet' has no attribute {name!r}")


if TYPE_CHECKING:
    from factsheet.batch.plan import BatchResult, Request, build_batch
    from factsheet.errors import FactsheetError, Location, Problem
    from factsheet.sheet.model import (
        CallToAction,
        Citation,
        Contact,
        Demand,
        KeyFact,
        Quote,
        Section,
        Sheet,
        SourceMeta,
        Theme,
    )
    from factsheet.pipeline import BuildResult, CheckResult, build, check
    from factsheet.verify.gate import VerificationReport
