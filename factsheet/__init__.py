"""factsheet: verified, print-ready campaign handouts from curated YAML and archived sources.

The public API, by explicit re-export. The CLI (`factsheet.cli`) is a thin layer over these.
"""

from factsheet.errors import FactsheetError, Location, Problem
from factsheet.model import CallToAction, Citation, Contact, Demand, KeyFact, Quote, Section, Sheet, SourceMeta, Theme
from factsheet.pipeline import BuildResult, CheckResult, build, check
from factsheet.verify import VerificationReport

__version__ = "0.1.0"

__all__ = [
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
    "Section",
    "Sheet",
    "SourceMeta",
    "Theme",
    "VerificationReport",
    "__version__",
    "build",
    "check",
]
