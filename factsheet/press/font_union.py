"""One font per face in a merged print file: the subsets every record embeds, joined into one.

Each variant of a mail merge embeds its own subset of a face (the glyphs of its own name and district), so a
merged file of 10,000 records would hold 10,000 copies of nearly the same font. factsheet subsets with the
glyph ids kept (render/weasy/subset.py), and its subsets are desubroutinized, so subsets of one face are
interchangeable glyph for glyph: the union takes each record's glyphs into one font, and widths and the
text mapping (ToUnicode) are joined the same way. A subset whose glyphs the union already has costs nothing
to join; only new glyphs are read. Faces that do not line up (another glyph order) are left as they are.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
_BFRANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
CMAP_HEAD = (
    b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<< /Registry (Adobe)\n"
    b"/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    b"1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n"
)
CMAP_TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def widths(descendant: Any) -> dict[int, float]:
    """A CID font's /W array as glyph id → width."""
    found: dict[int, float] = {}
    items = list(descendant.get("/W", []))
    index = 0
    while index < len(items):
        first = int(items[index])
        following = items[index + 1]
        if isinstance(following, (list, tuple)) or hasattr(following, "as_list"):
            for offset, width in enumerate(following):
                found[first + offset] = float(width)
            index += 2
        else:
            for glyph in range(first, int(following) + 1):
                found[glyph] = float(items[index + 2])
            index += 3
    return found


def unicode_map(font: Any) -> dict[int, bytes]:
    """A font's ToUnicode CMap as glyph id → UTF-16BE hex digits."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    data = stream.read_bytes()
    found: dict[int, bytes] = {}
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for start, end, target in _BFRANGE.findall(block):
            for offset in range(int(end, 16) - int(start, 16) + 1):
                found[int(start, 16) + offset] = b"%04x" % (int(target, 16) + offset)
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for glyph, target in _BFCHAR.findall(block):
            found[int(glyph, 16)] = target
    return found


@dataclass
class Face:
    """The running union of one face's subsets: the font file (parsed), widths and text mapping."""

    font: Any
    program: str
    order: list[str]
    glyphs: set[int] = field(default_factory=set)
    widths: dict[int, float] = field(default_factory=dict)
    unicode: dict[int, bytes] = field(default_factory=dict)

    def take(self, other: Any, used: set[int]) -> None:
        """Copy the glyphs `used` from the parsed subset `other` into the union."""
        other_order = other.getGlyphOrder()
        if self.program == "CFF ":
            ours = self.font["CFF "].cff.topDictIndex[0]
            theirs = other["CFF "].cff.topDictIndex[0]
            for glyph in sorted(used - self.glyphs):
                name = other_order[glyph]
                source = theirs.CharStrings[name]
                source.compile()
                ours.CharStrings[name].bytecode = source.bytecode
                ours.CharStrings[name].program = None
        else:
            table, theirs = self.font["glyf"], other["glyf"]
            pending = [other_order[glyph] for glyph in sorted(used - self.glyphs)]
            while pending:
                name = pending.pop()
                glyph = theirs[name]
                table[name] = glyph
                if glyph.isComposite():
                    pending += [component.glyphName for component in glyph.components]
        for glyph in used - self.glyphs:
            name = other_order[glyph]
            self.font["hmtx"][name] = other["hmtx"][name]
        self.glyphs |= used

    def compiled(self) -> bytes:
        output = io.BytesIO()
        self.font.save(output)
        return output.getvalue()


def parse(data: bytes) -> Any:
    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(data), lazy=False, recalcTimestamp=False)


def font_program(font: Any) -> str:
    return "CFF " if "CFF " in font else "glyf"


def cmap_stream(mapping: dict[int, bytes]) -> bytes:
    """A ToUnicode CMap for glyph id → UTF-16BE hex digits, in blocks of 100 as the format allows."""
    entries = sorted(mapping.items())
    body = b""
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        lines = b"".join(b"<%04x> <%s>\n" % (glyph, target) for glyph, target in chunk)
        body += b"%d beginbfchar\n%sendbfchar\n" % (len(chunk), lines)
    return CMAP_HEAD + body + CMAP_TAIL


def width_array(found: dict[int, float]) -> list[Any]:
    """A /W array: each glyph id followed by its width in a one-element array (as WeasyPrint writes it)."""
    array: list[Any] = []
    for glyph, width in sorted(found.items()):
        array += [glyph, [int(width) if width == int(width) else width]]
    return array


class FontUnion:
    """Every Type0 font copied into a merged file, one placeholder per face, filled with the union at the end."""

    def __init__(self, target: Any) -> None:
        self.target = target
        self.faces: dict[tuple[str, str, str], Face] = {}
        self.placeholders: dict[tuple[str, str, str], Any] = {}

    def placeholder(self, font: Any, copy: Any) -> Any | None:
        """The merged file's font for `font` (a Type0 font of a variant), or None to copy it as it is;
        `copy` copies an object into the merged file."""
        descendant = font.DescendantFonts[0]
        descriptor = descendant.get("/FontDescriptor")
        file_key = next((key for key in ("/FontFile3", "/FontFile2") if descriptor and key in descriptor), None)
        if file_key is None or str(descendant.get("/CIDToGIDMap", "/Identity")) != "/Identity":
            return None
        key = (str(font.BaseFont), str(descendant.Subtype), file_key)
        used = set(widths(descendant))
        face = self.faces.get(key)
        if face is None:
            parsed = parse(descriptor[file_key].read_bytes())
            face = Face(parsed, font_program(parsed), parsed.getGlyphOrder(), used, widths(descendant))
            face.unicode = unicode_map(font)
            self.faces[key] = face
            self.placeholders[key] = copy(font)
            return self.placeholders[key]
        if not used <= face.glyphs:
            parsed = parse(descriptor[file_key].read_bytes())
            order = parsed.getGlyphOrder()
            shorter = min(len(order), len(face.order))
            if order[:shorter] != face.order[:shorter] or font_program(parsed) != face.program:
                return None
            if len(order) > len(face.order):
                older, glyphs = face.font, face.glyphs
                face.font, face.order, face.glyphs = parsed, order, set(used)
                face.take(older, glyphs)
            else:
                face.take(parsed, used)
        face.widths.update(widths(descendant))
        face.unicode.update(unicode_map(font))
        return self.placeholders[key]

    def finish(self) -> None:
        """Write each face's union into its placeholder: font file, widths and text mapping."""
        import pikepdf

        for key, face in self.faces.items():
            font = self.placeholders[key]
            descendant = font.DescendantFonts[0]
            descriptor = descendant.FontDescriptor
            old = descriptor[key[2]]
            data = face.compiled()
            stream = pikepdf.Stream(self.target, data)
            for name, value in old.stream_dict.items():
                if name not in ("/Length", "/Length1", "/Filter", "/DecodeParms"):
                    stream.stream_dict[name] = value
            if "/Length1" in old.stream_dict:
                stream.stream_dict.Length1 = len(data)
            descriptor[key[2]] = self.target.make_indirect(stream)
            if "/CIDSet" in descriptor:
                del descriptor["/CIDSet"]
            descendant.W = pikepdf.Array(width_array(face.widths))
            font.ToUnicode = self.target.make_indirect(pikepdf.Stream(self.target, cmap_stream(face.unicode)))
