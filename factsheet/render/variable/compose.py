"""Composing a variant into its batch's shared page: the base made from a print with the region hidden, and
the variant's region drawing, marked content and resources put in its place."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from factsheet.pdf_matrix import IDENTITY, Matrix, fingerprint, inverse, multiply, page_content
from factsheet.render.variable.links import copied, copy_annotation, copy_attributes, copy_bookmarks
from factsheet.render.variable.regions import PIXELS_TO_POINTS, RESOURCE_PREFIX, Region, Split

_NUMBER = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
_STATE = re.compile(rb"(?<!\S)(?:(q|Q)|((?:%s\s+){6})cm)(?!\S)" % _NUMBER)


@dataclass(frozen=True)
class Base:
    """The shared page of a batch: its PDF, its HTML cut around the region, where the region is, and the
    region page's drawing with the region's (empty) marked content taken out, cut where the region's content
    was, with the transformation in force there (so a variant's region is drawn in reading order)."""

    pdf: bytes
    split: Split
    region: Region
    before: bytes
    after: bytes
    inverse: Matrix
    resources: dict[str, dict[str, str]]
    """The region page's resources other than fonts, by category and fingerprint, for sharing."""


def make_base(pdf: bytes, split: Split, regions: list[Region]) -> Base | str:
    """The base from its rendered PDF, or why it cannot serve (the reason a batch renders in full)."""
    import pikepdf

    if len(regions) != 1:
        return "its variable region is split across pages" if regions else "no variable region was printed"
    region = regions[0]
    document = pikepdf.open(io.BytesIO(pdf))
    element = document.get_object((region.number, 0))
    content = page_content(document.pages[region.page])
    cut = len(content)
    for mcid in _mcids(element):
        empty = list(re.finditer(rb"/[A-Za-z]+\s*<</MCID %d>>\s*BDC\s*EMC\s*" % mcid, content))
        if len(empty) != 1:
            return "the base page's variable region was drawn"
        cut = min(cut, empty[0].start())
        content = content[: empty[0].start()] + b"\n" * (empty[0].end() - empty[0].start()) + content[empty[0].end() :]
    before, after = content[:cut], content[cut:]
    matrix = transformation(before)
    if matrix is None or not balanced(content):
        return "the base page's drawing is not balanced"
    resources = document.pages[region.page].obj.get("/Resources", pikepdf.Dictionary())
    shared = {
        category: {_fingerprint(value): key for key, value in entries.items()}
        for category, entries in resources.items()
        if isinstance(entries, pikepdf.Dictionary) and category != "/Font"
    }
    return Base(pdf, split, region, before, after, inverse(matrix), shared)


def compose(base: Base, fragment_pdf: bytes, regions: list[Region]) -> bytes | str:
    """The variant: the base with the fragment's region drawn in, or why it cannot be composed."""
    import pikepdf

    region = regions[0]
    if len(regions) != 1 or not same_size(base.region, region):
        return "its call to action takes a different size than the shared page's"
    document = pikepdf.open(io.BytesIO(base.pdf))
    variant = pikepdf.open(io.BytesIO(fragment_pdf))
    pairing = _Pairing()
    if not pairing.pair(document.get_object((base.region.number, 0)), variant.get_object((region.number, 0))):
        return "its call to action has a different structure than the shared page's"
    page, source = document.pages[base.region.page], variant.pages[region.page]
    drawing = page_content(source)
    if set(int(found) for found in re.findall(rb"<</MCID (\d+)>>", drawing)) != set(pairing.mcids):
        return "its fragment drew more than its call to action"
    dx, dy = base.region.x - region.x, base.region.y - region.y
    tx, ty = dx * PIXELS_TO_POINTS, -dy * PIXELS_TO_POINTS
    drawing = re.sub(rb"<</MCID (\d+)>>", lambda found: b"<</MCID %d>>" % pairing.mcids[int(found[1])], drawing)
    merged = _merge_resources(document, variant, page, source, drawing, base.resources)
    if merged is None:
        return "its fragment's resources could not be merged"
    drawing = merged
    placed = multiply((1.0, 0.0, 0.0, 1.0, tx, ty), base.inverse)
    page.Contents = document.make_stream(
        base.before
        + b"\nq\n%s cm\n" % " ".join(f"{value:.10f}" for value in placed).encode()
        + drawing
        + b"\nQ\n"
        + base.after
    )
    for ours, theirs in pairing.elements:
        copy_attributes(document, variant, ours, theirs, dx, dy)
    for ours, theirs in pairing.annotations:
        copy_annotation(document, variant, ours, theirs, tx, ty)
    if not copy_bookmarks(document, variant, base.region, tx, ty):
        return "its call to action has a different number of headings than the shared page's"
    output = io.BytesIO()
    document.save(
        output,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        deterministic_id=True,
    )
    return output.getvalue()


class _Pairing:
    """The base's and the fragment's region structure walked together: elements, marked content, links."""

    def __init__(self) -> None:
        self.mcids: dict[int, int] = {}
        self.elements: list[tuple[Any, Any]] = []
        self.annotations: list[tuple[Any, Any]] = []

    def pair(self, ours: Any, theirs: Any) -> bool:
        import pikepdf

        if ours.get("/S") != theirs.get("/S"):
            return False
        self.elements.append((ours, theirs))
        our_kids, their_kids = _kids(ours), _kids(theirs)
        if len(our_kids) != len(their_kids):
            return False
        for mine, other in zip(our_kids, their_kids, strict=True):
            if isinstance(mine, int) and isinstance(other, int):
                self.mcids[int(other)] = int(mine)
            elif isinstance(mine, pikepdf.Dictionary) and isinstance(other, pikepdf.Dictionary):
                kind = mine.get("/Type")
                if kind != other.get("/Type"):
                    return False
                if kind == "/OBJR":
                    self.annotations.append((mine.Obj, other.Obj))
                elif kind == "/MCR" or not self.pair(mine, other):
                    return False
            else:
                return False
        return True


def _kids(element: Any) -> list[Any]:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _mcids(element: Any) -> Iterator[int]:
    import pikepdf

    for kid in _kids(element):
        if isinstance(kid, int):
            yield int(kid)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/OBJR", "/MCR"):
            yield from _mcids(kid)


def transformation(content: bytes) -> Matrix | None:
    """The transformation in force at the end of a piece of a content stream (WeasyPrint writes glyphs as hex
    strings, so q, Q and cm tokens are always operators)."""
    stack: list[Matrix] = []
    current = IDENTITY
    for found in _STATE.finditer(content):
        if found[1] == b"q":
            stack.append(current)
        elif found[1] == b"Q":
            if not stack:
                return None
            current = stack.pop()
        else:
            values = tuple(float(value) for value in found[2].split())
            current = multiply(values, current)  # type: ignore[arg-type]
    return current


def balanced(content: bytes) -> bool:
    """Whether every `q` in a content stream has its `Q` (WeasyPrint writes glyphs as hex strings, so a bare
    q or Q token is always an operator)."""
    depth = 0
    for token in re.findall(rb"(?<!\S)[qQ](?!\S)", content):
        depth += 1 if token == b"q" else -1
        if depth < 0:
            return False
    return depth == 0


def _merge_resources(
    document: Any, variant: Any, page: Any, source: Any, drawing: bytes, shared: dict[str, dict[str, str]]
) -> bytes | None:
    """Bring the fragment page's resources into the base page, renamed in its drawing: one the base already has
    (the colour profile, a transparency state; `shared` holds their fingerprints) is shared, anything else is
    copied under a new name. Fonts are always copied: each PDF embeds its own subset."""
    import pikepdf

    theirs = source.obj.get("/Resources", pikepdf.Dictionary())
    ours = page.obj.Resources
    tags = set(re.findall(rb"/([^\s/<>\[\]()]+)\s*(?:<<[^>]*>>\s*)?BDC|/([^\s/<>\[\]()]+)\s*BMC", drawing))
    tag_names = {name for pair in tags for name in pair if name}
    renamed: dict[bytes, bytes] = {}
    for category, entries in theirs.items():
        if not isinstance(entries, pikepdf.Dictionary):
            continue
        if category not in ours:
            ours[category] = pikepdf.Dictionary()
        existing = shared.get(category, {})
        for key, value in entries.items():
            name = key[1:].encode("latin-1")
            if name in tag_names or name in renamed:
                return None
            same = existing.get(_fingerprint(value)) if category != "/Font" else None
            if same is None:
                same = f"/{RESOURCE_PREFIX}{key[1:]}"
                if same in ours[category]:
                    return None
                ours[category][same] = copied(document, variant, value)
            renamed[name] = same[1:].encode("latin-1")
    if not renamed:
        return drawing
    names = sorted(renamed, key=len, reverse=True)
    pattern = rb"/(" + b"|".join(re.escape(name) for name in names) + rb")(?=[\s/<>\[\]()]|$)"
    return re.sub(pattern, lambda found: b"/" + renamed[found[1]], drawing)


def _fingerprint(value: Any) -> str:
    """What a resource is, whichever PDF holds it (its streams decoded: the fragment compresses them anew)."""
    return fingerprint(value, ignored=("/Length", "/Filter", "/DecodeParms"))


def same_size(base: Region, region: Region) -> bool:
    return abs(region.width - base.width) <= 0.01 and abs(region.height - base.height) <= 0.01
