"""Remake the bundled Chinese (Traditional) and Korean subsets from Debian's fonts-noto-cjk TTC files.

Run: python templates/fonts/subset_cjk.py /usr/share/fonts/opentype/noto   (after `apt-get install fonts-noto-cjk`)
then `python -m factsheet.sheet.coverage` to refresh the coverage table. Whole CJK fonts are 16-20 MB each;
WeasyPrint embeds only the glyphs a handout uses, but the install would carry them all.
"""

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = Path(__file__).parent
SHARED = set(range(0x20, 0x7F)) | set(range(0x2010, 0x2070)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))


def big5_level_one() -> set[int]:
    """The 5,401 frequently used characters of Big5 (0xA440-0xC67E) and Big5's symbols before them."""
    characters = set()
    for high in range(0xA1, 0xC7):
        for low in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if (high << 8) | low <= 0xC67E:
                with contextlib.suppress(UnicodeDecodeError):
                    characters.add(ord(bytes([high, low]).decode("big5")))
    return characters


FACES = {
    "TC": (3, big5_level_one() | SHARED | {0xA0, 0xB7, 0x2027}),
    "KR": (1, set(range(0xAC00, 0xD7A4)) | set(range(0x1100, 0x1200)) | set(range(0x3130, 0x3190)) | SHARED),
}

if __name__ == "__main__":
    folder = Path(sys.argv[1])
    for weight in ("Regular", "Bold"):
        for name, (index, characters) in FACES.items():
            font = TTCollection(folder / f"NotoSansCJK-{weight}.ttc").fonts[index]
            options = subset.Options()
            options.layout_features = ["*"]
            options.name_IDs = ["*"]
            options.name_languages = ["*"]
            options.hinting = False
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=characters)
            subsetter.subset(font)
            font.save(HERE / f"NotoSansCJK{name}-{weight}-Subset.otf")
