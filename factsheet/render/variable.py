"""Variable-data rendering for mail merges, as print shops do it (the idea of PDF/VT, ISO 16612-2): what every
variant of a batch shares is laid out and drawn once, and each variant lays out and draws only its variable
region, composed into a copy of that shared base as a complete, tagged PDF.

A template marks the one element whose content changes per row with a `data-variable` attribute (the built-in
templates mark the call to action). The base is a variant printed with that element's content hidden:
`visibility: hidden` keeps the layout, the structure elements and their marked-content numbers, and draws
nothing. A variant is composed into the base only when

- its HTML outside the region is the base's, character for character (checked before anything renders);
- its region, laid out alone inside the same ancestors, has exactly the size it has in the base;
- its region's structure tree has the same shape as the base's (same roles, same marked-content count).

Then the variant's drawing goes onto the base page at the region's place, its marked-content numbers become
the base's (so the structure tree and its parent tree stay as WeasyPrint wrote them), and its link target,
alternate text and figure boxes replace the base's. A variant that fails any test is printed in full, and the
reason goes into the progress line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from factsheet.render.html import RenderedHtml

if TYPE_CHECKING:
    pass

VARIABLE_ATTRIBUTE = "data-variable"
PIXELS_TO_POINTS = 0.75
RESOURCE_PREFIX = "fsv"
_START_TAG = re.compile(rf"<([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*\s{VARIABLE_ATTRIBUTE}\b[^<>]*>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
_MARGIN_BOXES = tuple(
    f"{side}-{place}"
    for side, places in (
        ("top", ("left-corner", "left", "center", "right", "right-corner")),
        ("bottom", ("left-corner", "left", "center", "right", "right-corner")),
        ("left", ("top", "middle", "bottom")),
        ("right", ("top", "middle", "bottom")),
    )
    for place in places
)
BASE_CSS = f"[{VARIABLE_ATTRIBUTE}] * {{ visibility: hidden !important; }}"
"""The base: the region's box and its own background stay, its content is laid out but not drawn."""
FRAGMENT_CSS = "\n".join(
    [
        "html, body { background: none !important; }",
        *(
            f"@page{selector} {{ background: none !important; border: none !important; "
            + " ".join(f"@{box} {{ content: none !important; }}" for box in _MARGIN_BOXES)
            + " }"
            for selector in ("", ":first", ":left", ":right", ":blank")
        ),
        f"[data-fragment-chain], [{VARIABLE_ATTRIBUTE}] {{ background: none !important; "
        "border-color: transparent !important; box-shadow: none !important; outline: none !important; }",
        f"[data-fragment-chain]::before, [data-fragment-chain]::after, [{VARIABLE_ATTRIBUTE}]::before, "
        f"[{VARIABLE_ATTRIBUTE}]::after, body::before, body::after {{ visibility: hidden !important; }}",
    ]
)
"""A variant's region alone: nothing but the region's content is drawn (the base draws the rest)."""


@dataclass(frozen=True)
class Split:
    """A page's HTML cut around its one variable region: up to and including the region's start tag, the
    region's content, and from its end tag on."""

    before: str
    content: str
    after: str


def split_html(html: str) -> Split | None:
    """The HTML cut around the element marked `data-variable`; None unless there is exactly one."""
    starts = list(_START_TAG.finditer(html))
    if len(starts) != 1:
        return None
    start = starts[0]
    name = start.group(1).lower()
    depth = 1
    for tag in re.finditer(rf"<(/?){name}\b[^<>]*>", html[start.end() :], flags=re.IGNORECASE):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = start.end() + tag.start()
            return Split(html[: start.end()], html[start.end() : end], html[end:])
    return None


class _OpenElements(HTMLParser):
    """The elements open at the end of a piece of HTML, each with its start tag as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.open.append((tag, self.get_starttag_text() or f"<{tag}>"))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return


def fragment_html(split: Split, content: str) -> str | None:
    """A page holding only the region (with `content`) inside its ancestors, each ancestor marked so the
    fragment stylesheet keeps its box and drops its paint. None when the HTML is not shaped as expected."""
    parser = _OpenElements()
    parser.feed(split.before)
    names = [name for name, _ in parser.open]
    if "body" not in names or not names or names[-1] == "body":
        return None
    body = names.index("body")
    head = split.before[: split.before.index(parser.open[body][1]) + len(parser.open[body][1])]
    chain = parser.open[body + 1 : -1]
    region_name, region_tag = parser.open[-1]
    opened = "".join(raw[:-1].rstrip("/ ") + " data-fragment-chain>" for _, raw in chain)
    closed = "".join(f"</{name}>" for name, _ in reversed(chain))
    return f"{head}{opened}{region_tag}{content}</{region_name}>{closed}</body></html>"


@dataclass(frozen=True)
class Region:
    """Where the region's structure element and box are in one PDF: page, object number, border box (CSS px)."""

    page: int
    number: int
    x: float
    y: float
    width: float
    height: float


@contextmanager
def recording_regions() -> Iterator[list[Region]]:
    """Note, while WeasyPrint builds a PDF's structure tree, which structure element the `data-variable` box
    became, and where that box is. WeasyPrint has no hook for this, so its tree builder is wrapped for the
    duration (WeasyPrint is pinned to one major version, and a change there makes every variant fall back
    to a full render, never a wrong one)."""
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    found: list[Region] = []
    inside = [False]

    def recording(box: Any, parent: Any, pdf: Any, page_number: int, *rest: Any) -> Iterator[Any]:
        real = box._box if isinstance(box, AbsolutePlaceholder) else box
        element = getattr(real, "element", None)
        marked = (
            not inside[0]
            and element is not None
            and getattr(real, "element_tag", None) == element.tag
            and element.get(VARIABLE_ATTRIBUTE) is not None
        )
        if marked:
            inside[0] = True
        try:
            for structure in original(box, parent, pdf, page_number, *rest):
                if marked:
                    found.append(
                        Region(
                            page_number,
                            structure.number,
                            real.border_box_x(),
                            real.border_box_y(),
                            real.border_width(),
                            real.border_height(),
                        )
                    )
                yield structure
        finally:
            if marked:
                inside[0] = False

    tags._build_box_tree = recording
    try:
        yield found
    finally:
        tags._build_box_tree = original


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


def base_html(rendered: RenderedHtml) -> RenderedHtml:
    """The base's HTML: the variant's, with the region's content hidden."""
    return replace(rendered, stylesheets=(*rendered.stylesheets, BASE_CSS))


def fragment(rendered: RenderedHtml, split: Split) -> RenderedHtml | None:
    """The variant's region alone, in its ancestors, on the same page size."""
    html = fragment_html(split, split.content)
    if html is None:
        return None
    return replace(rendered, html=html, stylesheets=(*rendered.stylesheets, FRAGMENT_CSS), pages=None)


def make_base(pdf: bytes, split: Split, regions: list[Region]) -> Base | str:
    """The base from its rendered PDF, or why it cannot serve (the reason a batch renders in full)."""
    import pikepdf

    if len(regions) != 1:
        return "its variable region is split across pages" if regions else "no variable region was printed"
    region = regions[0]
    document = pikepdf.open(io.BytesIO(pdf))
    element = document.get_object((region.number, 0))
    content = _page_content(document.pages[region.page])
    cut = len(content)
    for mcid in _mcids(element):
        empty = list(re.finditer(rb"/[A-Za-z]+\s*<</MCID %d>>\s*BDC\s*EMC\s*" % mcid, content))
        if len(empty) != 1:
            return "the base page's variable region was drawn"
        cut = min(cut, empty[0].start())
        content = content[: empty[0].start()] + b"\n" * (empty[0].end() - empty[0].start()) + content[empty[0].end() :]
    before, after = content[:cut], content[cut:]
    matrix = _transformation(before)
    if matrix is None or not _balanced(content):
        return "the base page's drawing is not balanced"
    resources = document.pages[region.page].obj.get("/Resources", pikepdf.Dictionary())
    shared = {
        category: {_fingerprint(value): key for key, value in entries.items()}
        for category, entries in resources.items()
        if isinstance(entries, pikepdf.Dictionary) and category != "/Font"
    }
    return Base(pdf, split, region, before, after, _inverse(matrix), shared)


def compose(base: Base, fragment_pdf: bytes, regions: list[Region]) -> bytes | str:
    """The variant: the base with the fragment's region drawn in, or why it cannot be composed."""
    import pikepdf

    region = regions[0]
    if len(regions) != 1 or not _same_size(base.region, region):
        return "its call to action takes a different size than the shared page's"
    document = pikepdf.open(io.BytesIO(base.pdf))
    variant = pikepdf.open(io.BytesIO(fragment_pdf))
    pairing = _Pairing()
    if not pairing.pair(document.get_object((base.region.number, 0)), variant.get_object((region.number, 0))):
        return "its call to action has a different structure than the shared page's"
    page, source = document.pages[base.region.page], variant.pages[region.page]
    drawing = _page_content(source)
    if set(int(found) for found in re.findall(rb"<</MCID (\d+)>>", drawing)) != set(pairing.mcids):
        return "its fragment drew more than its call to action"
    dx, dy = base.region.x - region.x, base.region.y - region.y
    tx, ty = dx * PIXELS_TO_POINTS, -dy * PIXELS_TO_POINTS
    drawing = re.sub(rb"<</MCID (\d+)>>", lambda found: b"<</MCID %d>>" % pairing.mcids[int(found[1])], drawing)
    merged = _merge_resources(document, variant, page, source, drawing, base.resources)
    if merged is None:
        return "its fragment's resources could not be merged"
    drawing = merged
    placed = _multiply((1.0, 0.0, 0.0, 1.0, tx, ty), base.inverse)
    page.Contents = document.make_stream(
        base.before
        + b"\nq\n%s cm\n" % " ".join(f"{value:.10f}" for value in placed).encode()
        + drawing
        + b"\nQ\n"
        + base.after
    )
    for ours, theirs in pairing.elements:
        _copy_attributes(document, variant, ours, theirs, dx, dy)
    for ours, theirs in pairing.annotations:
        _copy_annotation(document, variant, ours, theirs, tx, ty)
    if not _copy_bookmarks(document, variant, base.region, tx, ty):
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


def _page_content(page: Any) -> bytes:
    import pikepdf

    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return bytes(contents.read_bytes()) if contents is not None else b""


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_NUMBER = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
_STATE = re.compile(rb"(?<!\S)(?:(q|Q)|((?:%s\s+){6})cm)(?!\S)" % _NUMBER)


def _transformation(content: bytes) -> Matrix | None:
    """The transformation in force at the end of a piece of a content stream (WeasyPrint writes glyphs as hex
    strings, so q, Q and cm tokens are always operators)."""
    stack: list[Matrix] = []
    current = _IDENTITY
    for found in _STATE.finditer(content):
        if found[1] == b"q":
            stack.append(current)
        elif found[1] == b"Q":
            if not stack:
                return None
            current = stack.pop()
        else:
            values = tuple(float(value) for value in found[2].split())
            current = _multiply(values, current)  # type: ignore[arg-type]
    return current


def _multiply(first: Matrix, second: Matrix) -> Matrix:
    a, b, c, d, e, f = first
    g, h, i, j, k, m = second
    return (a * g + b * i, a * h + b * j, c * g + d * i, c * h + d * j, e * g + f * i + k, e * h + f * j + m)


def _inverse(matrix: Matrix) -> Matrix:
    a, b, c, d, e, f = matrix
    determinant = a * d - b * c
    return (
        d / determinant,
        -b / determinant,
        -c / determinant,
        a / determinant,
        (c * f - d * e) / determinant,
        (b * e - a * f) / determinant,
    )


def _balanced(content: bytes) -> bool:
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
                ours[category][same] = _copied(document, variant, value)
            renamed[name] = same[1:].encode("latin-1")
    if not renamed:
        return drawing
    names = sorted(renamed, key=len, reverse=True)
    pattern = rb"/(" + b"|".join(re.escape(name) for name in names) + rb")(?=[\s/<>\[\]()]|$)"
    return re.sub(pattern, lambda found: b"/" + renamed[found[1]], drawing)


def _fingerprint(value: Any, depth: int = 0) -> str:
    """What a resource is, whichever PDF holds it: its values, and its streams' bytes by digest."""
    import hashlib

    import pikepdf

    if depth > 8:
        return "deep"
    if isinstance(value, pikepdf.Stream):
        digest = hashlib.sha256(value.read_bytes()).hexdigest()
        ignored = ("/Length", "/Filter", "/DecodeParms")
        entries = {key: _fingerprint(item, depth + 1) for key, item in value.stream_dict.items() if key not in ignored}
        return f"stream {digest} {sorted(entries.items())}"
    if isinstance(value, pikepdf.Dictionary):
        return f"dict {sorted((key, _fingerprint(item, depth + 1)) for key, item in value.items())}"
    if isinstance(value, pikepdf.Array):
        return f"array {[_fingerprint(item, depth + 1) for item in value]}"
    return repr(value)


def _bookmarks(document: Any) -> list[Any]:
    """A PDF's outline items in reading order."""
    items: list[Any] = []

    def walk(item: Any) -> None:
        while item is not None:
            items.append(item)
            walk(item.get("/First"))
            item = item.get("/Next")

    outlines = document.Root.get("/Outlines")
    if outlines is not None:
        walk(outlines.get("/First"))
    return items


def _copy_bookmarks(document: Any, variant: Any, region: Region, tx: float, ty: float) -> bool:
    """The base's bookmarks inside the region (its headings) take the variant's titles and places."""
    import pikepdf

    theirs = _bookmarks(variant)
    page = document.pages[region.page]
    height = float(page.MediaBox[3]) - float(page.MediaBox[1])
    top, bottom = height - region.y * PIXELS_TO_POINTS, height - (region.y + region.height) * PIXELS_TO_POINTS
    ours = [
        item
        for item in _bookmarks(document)
        if "/Dest" in item
        and item.Dest[0].objgen == page.obj.objgen
        and bottom - 0.5 <= float(item.Dest[3]) <= top + 0.5
    ]
    if len(ours) != len(theirs):
        return False
    for mine, other in zip(ours, theirs, strict=True):
        mine.Title = pikepdf.String(str(other.Title))
        destination = list(mine.Dest)
        destination[2] = float(other.Dest[2]) + tx
        destination[3] = float(other.Dest[3]) + ty
        mine.Dest = pikepdf.Array(destination)
    return True


def _copied(document: Any, foreign: Any, value: Any) -> Any:
    """`value`, an object of the PDF `foreign`, as an object of `document`."""
    import pikepdf

    if not isinstance(value, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream):
        return value
    return document.copy_foreign(value if value.is_indirect else foreign.make_indirect(value))


def _copy_attributes(document: Any, variant: Any, ours: Any, theirs: Any, dx: float, dy: float) -> None:
    """What a variant's structure element says about itself: alternate text, actual text, language, layout box."""
    import pikepdf

    for key in ("/Alt", "/ActualText", "/E", "/Lang", "/T"):
        if key in theirs:
            ours[key] = pikepdf.String(str(theirs[key]))
        elif key in ours:
            del ours[key]
    attributes = theirs.get("/A")
    if isinstance(attributes, pikepdf.Dictionary) and "/BBox" in attributes:
        x1, y1, x2, y2 = (float(value) for value in attributes.BBox)
        copied = _copied(document, variant, attributes)
        copied.BBox = pikepdf.Array([x1 + dx, y1 + dy, x2 + dx, y2 + dy])
        ours.A = copied


def _copy_annotation(document: Any, variant: Any, ours: Any, theirs: Any, tx: float, ty: float) -> None:
    """A variant's link: its target and text, and its rectangle moved to where the region sits in the base."""
    import pikepdf

    for key in ("/A", "/Contents", "/Dest"):
        if key in theirs:
            ours[key] = _copied(document, variant, theirs[key])
        elif key in ours:
            del ours[key]
    x1, y1, x2, y2 = (float(value) for value in theirs.Rect)
    ours.Rect = pikepdf.Array([x1 + tx, y1 + ty, x2 + tx, y2 + ty])
    if "/QuadPoints" in theirs:
        points = [float(value) for value in theirs.QuadPoints]
        ours.QuadPoints = pikepdf.Array([value + (tx if index % 2 == 0 else ty) for index, value in enumerate(points)])


MAX_BATCHES = 8
MAX_SHAPES = 6
"""Shared pages kept per batch: one for each size and structure its call to action takes (rows wrap onto
different numbers of lines); a row needing a seventh is printed in full."""
_BASES: dict[str, list[Base] | str] = {}


def print_variant(rendered: RenderedHtml, key: str, print_pdf: Callable[[RenderedHtml], bytes]) -> tuple[bytes, str]:
    """A merge variant's PDF, composed into a shared page of its batch (`key` names the batch and everything
    its outputs are made from), and '' or why it was printed in full instead. `print_pdf` prints HTML in this
    process (the region is found while WeasyPrint writes).

    The batch's shared pages are made as needed, from the first row whose call to action takes a size and
    structure none of them has: the page around a region of one size is the same whichever row made it."""
    split = split_html(rendered.html)
    if split is None:
        return print_pdf(rendered), "the template marks no single variable region"
    bases = _BASES.get(key)
    if isinstance(bases, str):
        return print_pdf(rendered), bases
    if bases and (split.before, split.after) != (bases[0].split.before, bases[0].split.after):
        return print_pdf(rendered), "this row changes more than its call to action"
    piece = fragment(rendered, split)
    if piece is None:
        return print_pdf(rendered), "the variable region's place in the page could not be followed"
    with recording_regions() as regions:
        pdf = print_pdf(piece)
    if len(regions) != 1:
        return print_pdf(rendered), "its call to action did not print as one block"
    for base in bases or []:
        if _same_size(base.region, regions[0]):
            composed = compose(base, pdf, regions)
            if isinstance(composed, bytes):
                return composed, ""
    if bases is not None and len(bases) >= MAX_SHAPES:
        return print_pdf(
            rendered
        ), f"its call to action takes a shape none of the batch's {MAX_SHAPES} shared pages has"
    with recording_regions() as base_regions:
        base_pdf = print_pdf(base_html(rendered))
    made = make_base(base_pdf, split, base_regions)
    if isinstance(made, str):
        _remember(key, made)
        return print_pdf(rendered), made
    _remember(key, [*(bases or []), made])
    composed = compose(made, pdf, regions)
    if isinstance(composed, str):
        return print_pdf(rendered), composed
    return composed, ""


def _same_size(base: Region, region: Region) -> bool:
    return abs(region.width - base.width) <= 0.01 and abs(region.height - base.height) <= 0.01


def _remember(key: str, bases: list[Base] | str) -> None:
    if key not in _BASES and len(_BASES) >= MAX_BATCHES:
        del _BASES[next(iter(_BASES))]
    _BASES[key] = bases
