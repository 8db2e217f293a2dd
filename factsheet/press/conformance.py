"""PDF/UA-1 and PDF/A validation with `page` (the page-validation package), a checker independent of WeasyPrint.

`page` validates on a Rust thread pool, and a thread pool does not survive `fork`: a batch worker forked
from a process that had validated once would wait forever on threads that are not there. So validation
runs in a helper process started fresh (not forked) on first use, one per process that asks, fed PDFs over
a pipe; it exits when the pipe closes.
"""

from __future__ import annotations

import atexit
import json
import os
import struct
import subprocess
import sys
from dataclasses import dataclass
from typing import IO

PROFILE_NAMES = {"ua1": "PDF/UA-1 (accessible PDF)", "3b": "PDF/A-3b (archival PDF)"}


@dataclass(frozen=True)
class Failure:
    """One rule the PDF breaks."""

    rule: str
    message: str


def validate(pdf: bytes, profile: str) -> list[Failure]:
    """The rules of `profile` ("ua1" or "3b") that `pdf` breaks; empty when it conforms."""
    helper = _helper()
    assert helper.stdin is not None and helper.stdout is not None
    request = profile.encode()
    helper.stdin.write(struct.pack(">II", len(request), len(pdf)) + request + pdf)
    helper.stdin.flush()
    answer = _read_message(helper.stdout)
    if answer is None:
        _HELPER_PROCESS_CACHE.pop(os.getpid(), None)
        raise RuntimeError("the PDF validator stopped unexpectedly")
    return [Failure(rule, message) for rule, message in json.loads(answer)]


def start_validator() -> None:
    """Start this process's helper now, so its start-up (a tenth of a second) overlaps the first render."""
    _helper()


_HELPER_PROCESS_CACHE: dict[int, subprocess.Popen[bytes]] = {}


def _helper() -> subprocess.Popen[bytes]:
    pid = os.getpid()
    helper = _HELPER_PROCESS_CACHE.get(pid)
    if helper is None or helper.poll() is not None:
        helper = subprocess.Popen(
            [sys.executable, "-m", "factsheet.press.conformance"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        if not _HELPER_PROCESS_CACHE:
            atexit.register(_stop_helpers)
        _HELPER_PROCESS_CACHE[pid] = helper
    return helper


def _stop_helpers() -> None:
    """Close this process's helper (the others belong to the processes that started them)."""
    helper = _HELPER_PROCESS_CACHE.pop(os.getpid(), None)
    if helper is not None and helper.stdin is not None:
        helper.stdin.close()
        helper.wait()
        if helper.stdout is not None:
            helper.stdout.close()


def _read_message(stream: IO[bytes]) -> bytes | None:
    header = stream.read(4)
    if len(header) < 4:
        return None
    (length,) = struct.unpack(">I", header)
    return stream.read(length)


def _serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """The helper's loop: read (profile, PDF), answer with the failures as JSON, until the pipe closes."""
    import page

    while header := requests.read(8):
        profile_length, pdf_length = struct.unpack(">II", header)
        profile = requests.read(profile_length).decode()
        pdf = requests.read(pdf_length)
        try:
            report = page.validate_pdf_bytes(pdf, profile=profile)
            failures = [(failure.rule_id, failure.message) for failure in report.failures]
        except page.PageError as error:
            failures = [("unreadable", str(error))]
        answer = json.dumps(failures).encode()
        answers.write(struct.pack(">I", len(answer)) + answer)
        answers.flush()


if __name__ == "__main__":
    _serve(sys.stdin.buffer, sys.stdout.buffer)
