"""Stream compression for the PDFs WeasyPrint writes: zlib level 6, and each large stream compressed once.

pydyf (WeasyPrint's PDF writer) compresses every stream at zlib level 9 for every document. In a batch that is
the single largest cost of a print-shop PDF: the 409 KB CMYK output profile is recompressed for every output,
about 230 ms each time, for a result that never changes. Level 6 gives streams within a few per cent of level
9's size at a fraction of the time, and a stream of 64 KB or more (a colour profile, an image, an attached
source) is compressed once per process and its result reused; the bytes written are exactly what compressing
it again would give, so the output does not depend on what was printed before.

This replaces one property of pydyf's stream class; pydyf comes with WeasyPrint, which is pinned to 70.x in
pyproject.toml, and tests/render/test_weasy.py checks what it does and that its target is still there.
"""

from __future__ import annotations

import hashlib
import zlib
from functools import cache
from typing import Any

from factsheet.caching import BoundedCache

LEVEL = 6
REUSED_FROM_BYTES = 65_536
MAX_REUSED = 32


def compressed(data: bytes) -> bytes:
    """`data` deflated at `LEVEL`; large inputs are remembered (keyed by their SHA-256)."""
    if len(data) < REUSED_FROM_BYTES:
        return _deflate(data)
    return _REUSED.get_or_make(hashlib.sha256(data).digest(), lambda: _deflate(data))


_REUSED: BoundedCache[bytes, bytes] = BoundedCache(MAX_REUSED)


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(level=LEVEL)
    return compressor.compress(data) + compressor.flush()


@cache
def use_reused_compression() -> None:
    """Route pydyf's stream compression through `compressed`, once per process."""
    import pydyf  # type: ignore[import-untyped]

    pydyf.Stream.data = property(_stream_data)


def _stream_data(self: Any) -> bytes:
    """pydyf's `Stream.data`, with `compressed` in place of its level-9 compressor."""
    import pydyf

    stream = b"\n".join(pydyf._to_bytes(item) for item in self.stream)
    extra = pydyf.Dictionary(self.extra.copy())
    if self.compress:
        extra["Filter"] = "/FlateDecode"
        stream = compressed(stream)
    extra["Length"] = len(stream)
    return b"\n".join((extra.data, b"stream", stream)) + end_of_stream(stream)


def end_of_stream(stream: bytes) -> bytes:
    """The end-of-line and keyword after a stream's bytes. A reader takes CR LF before `endstream` as one
    end-of-line marker, so a stream whose last byte is CR followed by a bare LF reads one byte short of its
    /Length (a PDF/A validator then refuses the file, for about one compressed stream in 256): after a CR the
    marker is written as CR LF, which leaves the stream's own CR in place."""
    return b"\r\nendstream" if stream.endswith(b"\r") else b"\nendstream"
