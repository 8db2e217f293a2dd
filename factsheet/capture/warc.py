"""The evidence of a fetched page: its HTTP response as a WARC record (ISO 28500, what web archives keep), with
a warcinfo record naming the tool. Any WARC reader (warcio, the Wayback Machine's pywb) can replay it."""

from __future__ import annotations

import io

from factsheet.capture.fetch import Fetched
from factsheet.version import __version__


def warc_bytes(fetched: Fetched) -> bytes:
    """A gzipped WARC file holding the response exactly as received (status line, headers, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = {"software": f"factsheet/{__version__}", "format": "WARC File Format 1.1", "requested": fetched.requested}
    writer.write_record(writer.create_warcinfo_record(f"factsheet-capture-{fetched.at:%Y%m%dT%H%M%SZ}.warc.gz", info))
    http_headers = StatusAndHeaders(f"{fetched.status} {fetched.reason}", fetched.headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        fetched.url,
        "response",
        payload=io.BytesIO(fetched.body),
        length=len(fetched.body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Date": fetched.at.strftime("%Y-%m-%dT%H:%M:%SZ")},
    )
    writer.write_record(record)
    return buffer.getvalue()
