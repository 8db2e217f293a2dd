"""Fetching a page or a report for the archive, carefully: http(s) only (redirects too), a timeout, a size cap,
content types factsheet can read, and a plain message for a refusal, a paywall or anything else that goes wrong.

The response is kept whole (status line, headers and body as received) because it is the evidence: the WARC
record written from it shows what the page said on the day it was captured.
"""

from __future__ import annotations

import datetime as dt
import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urlsplit

from factsheet.errors import FactsheetError, Location
from factsheet.version import __version__

TIMEOUT_SECONDS = 20.0
MAX_BYTES = 20_000_000
READABLE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf"}
USER_AGENT = f"factsheet/{__version__} (archiving a cited source for a fact-checked handout)"
SAVE_HINT = (
    "open the page in your web browser (signed in, if it needs that), save it with File > Save Page As "
    "('Web Page, HTML only'), and run: factsheet source add THE-SAVED-FILE.html"
)


@dataclass(frozen=True)
class Fetched:
    """One HTTP response as received, after any redirects."""

    requested: str
    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    kind: str
    """'html' or 'pdf', from the response's content type."""
    at: dt.datetime


def fetch(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> Fetched:
    """GET `url`; raises FactsheetError with a plain message for anything that is not a readable page."""
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    where = Location(url)
    if any(character.isspace() or ord(character) < 32 for character in url):
        raise FactsheetError.at(where, "a web address cannot contain spaces or line breaks", _ADDRESS_HINT)
    _refuse_scheme(url, where)
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        deadline = time.monotonic() + timeout
        with opener.open(request, timeout=timeout) as response:
            body = _read_capped(response, max_bytes, where, deadline)
            promised = response.headers.get("Content-Length", "")
            if promised.isdigit() and len(body) < int(promised):
                raise http.client.IncompleteRead(body, int(promised) - len(body))
            final = response.geturl()
            status, reason, headers = response.status, response.reason, list(response.headers.items())
            content_type = response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        raise _refusal(url, error.code, error.reason, where) from None
    except urllib.error.URLError as error:
        reason = error.reason if isinstance(error.reason, str) else getattr(error.reason, "strerror", None)
        raise FactsheetError.at(
            where,
            f"could not fetch this address ({reason or error.reason})",
            "check the address and your connection; or save the page from your browser and add the saved file",
        ) from None
    except TimeoutError:
        raise FactsheetError.at(
            where, f"the site did not answer within {timeout:g} seconds", "try again later, or " + SAVE_HINT
        ) from None
    except http.client.IncompleteRead:
        raise FactsheetError.at(
            where, "the site stopped sending before the whole page arrived", "try again later, or " + SAVE_HINT
        ) from None
    except (http.client.HTTPException, ConnectionError, ValueError, OSError) as error:
        raise FactsheetError.at(
            where, f"could not fetch this address ({type(error).__name__}: {error})", _ADDRESS_HINT
        ) from None
    kind = READABLE_TYPES.get(content_type)
    if kind is None:
        raise FactsheetError.at(
            where,
            f"this address serves '{content_type}', not a web page or a PDF",
            "give the address of the article's page or of the PDF report itself",
        )
    return Fetched(url, final, status, str(reason), headers, body, kind, at)


def _refuse_scheme(url: str, where: Location) -> None:
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        raise FactsheetError.at(where, "this is not a valid web address", _ADDRESS_HINT) from None
    if parts.scheme not in ("http", "https") or not hostname:
        raise FactsheetError.at(
            where,
            "only web addresses starting with http:// or https:// can be fetched",
            "for a file on this computer, give its path instead: factsheet source add saved-page.html",
        )


def _read_capped(response: IO[bytes], max_bytes: int, where: Location, deadline: float) -> bytes:
    """The body, read within the size cap and the time limit for the whole download (a server trickling a
    byte at a time would otherwise reset each read's timeout for ever)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(65_536):
        if time.monotonic() > deadline:
            raise TimeoutError
        size += len(chunk)
        if size > max_bytes:
            raise FactsheetError.at(
                where,
                f"the response is larger than {max_bytes // 1_000_000} MB, more than any article or report",
                "check the address is the article or report itself, not a download of something else",
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _refusal(url: str, code: int, reason: object, where: Location) -> FactsheetError:
    if 300 <= code < 400:
        return FactsheetError.at(
            where,
            "the site sent factsheet on to another kind of address: only web addresses starting with http:// or "
            "https:// can be fetched",
            SAVE_HINT,
        )
    if code in (401, 402, 403, 451):
        return FactsheetError.at(
            where,
            f"the site refused to serve the page to factsheet ({code} {reason}): it may be behind a paywall or "
            "a login, or block programs",
            SAVE_HINT,
        )
    if code in (404, 410):
        return FactsheetError.at(
            where,
            f"the site says this page does not exist ({code} {reason})",
            "check the address; for a page that was taken down, look for it in the Internet Archive's "
            "Wayback Machine and add the saved copy from there",
        )
    return FactsheetError.at(
        where, f"the site answered with an error ({code} {reason})", "try again later, or " + SAVE_HINT
    )


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) addresses only (never to file:, ftp: or anything else)."""

    max_redirections = 10

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> Any:
        _refuse_scheme(newurl, Location(req.full_url))
        if _is_local(newurl) and not _is_local(req.full_url):
            raise FactsheetError.at(
                Location(req.full_url),
                "the site sent factsheet on to an address on this computer or a private network",
                "capture the article from its public address; a page that redirects like this is not an article",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _is_local(url: str) -> bool:
    """Whether an address points at this computer or a private network (by name or by what it resolves to)."""
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return False
    for address in addresses:
        parsed = ipaddress.ip_address(str(address).split("%")[0])
        if parsed.is_loopback or parsed.is_private or parsed.is_link_local or parsed.is_reserved:
            return True
    return False


_ADDRESS_HINT = "check the address (copy it from the browser's address bar), or save the page and add the saved file"
