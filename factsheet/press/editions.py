"""The editions one sheet prints as, as data defined once: what each changes and what preflight holds it to.

- home: RGB, no bleed, tagged and labelled PDF/UA-1, for home and office printers.
- shop: CMYK (device-cmyk with a CMYK output intent), bleed, page boxes a print shop expects, PDF/X-4.
- archive: PDF/A-3b with the sheet, its sources and the lock file attached, so the handout carries its evidence.

The print-shop facts (the profile, its ink limit, the PDF/X label) are written here once; the stylesheets, the
preflight and the job ticket read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, get_args

EditionName = Literal["home", "shop", "archive"]
EDITION_NAMES: tuple[EditionName, ...] = get_args(EditionName)

CMYK_PROFILE = "color/factsheet-cmyk-coated.icc"
"""Built by Argyll's colprof from FOGRA39L characterization data (zlib licence), 300% total ink: see
templates/color/README.md. Shipped inside the package, so the output intent needs nothing installed."""
CMYK_PROFILE_NAME = "factsheet CMYK (FOGRA39L, coated)"
MAX_TOTAL_INK = 300


@dataclass(frozen=True)
class Edition:
    """One edition: its colour model, whether pages carry bleed, the PDF flavour WeasyPrint writes and the label
    it claims, the lowest image resolution preflight accepts, whether it is checked for screen readers, whether
    it attaches the evidence, and how it marks its file name."""

    name: EditionName
    cmyk: bool
    bleed: bool
    pdf_variant: str
    label: str
    min_ppi: int
    safe_inches: float
    """How far text keeps from the edge: the strip a home printer cannot reach, or the safe zone inside the
    trim that a guillotine a hair off does not cut."""
    screen_reader: bool
    attaches_evidence: bool
    suffix: str
    conformance: Literal["ua1", "3b"] | None
    """The profile an independent validator holds the PDF to (page-validation): PDF/UA-1 or PDF/A-3b."""


EDITIONS: Mapping[EditionName, Edition] = MappingProxyType(
    {
        "home": Edition("home", False, False, "pdf/ua-1", "PDF/UA-1", 150, 0.25, True, False, "", "ua1"),
        "shop": Edition("shop", True, True, "pdf/x-4", "PDF/X-4", 300, 0.125, False, False, "-shop", None),
        "archive": Edition("archive", False, False, "pdf/a-3b", "PDF/A-3b", 150, 0.25, True, True, "-archive", "3b"),
    }
)
HOME, SHOP, ARCHIVE = EDITIONS["home"], EDITIONS["shop"], EDITIONS["archive"]
