"""factsheet: verified, print-ready campaign handouts from curated YAML and archived sources.

The public API, by explicit re-export. Names are imported on first use (PEP 562), so `factsheet --help`
starts without loading pydantic, Jinja2 or WeasyPrint. The CLI (`factsheet.cli`) is a thin layer over these.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from factsheet.version import __version__

_EXPORTS = {
    "BuildRequest": "factsheet.batch.plan",
    "OutputReport": "factsheet.produce.report",
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
    "build_all": "factsheet.pipeline",
    "check": "factsheet.pipeline",
    "VerificationReport": "factsheet.verify.gate",
}

__all__ = [
    "BuildRequest",
    "BuildResult",
    "CallToAction",
    "CheckResult",
    "Citation",
    "Contact",
    "Demand",
    "FactsheetError",
    "KeyFact",
    "Location",
    "OutputReport",
    "Problem",
    "Quote",
    "Section",
    "Sheet",
    "SourceMeta",
    "Theme",
    "VerificationReport",
    "__version__",
    "build",
    "build_all",
    "check",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'factsheet' has no attribute {name!r}")


if TYPE_CHECKING:
    from factsheet.batch.plan import BuildRequest
    from factsheet.errors import FactsheetError, Location, Problem
    from factsheet.pipeline import BuildResult, CheckResult, build, build_all, check
    from factsheet.produce.report import OutputReport
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
    from factsheet.verify.gate import VerificationReport
