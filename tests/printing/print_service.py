"""A real print service for the printing tests: a private CUPS scheduler and virtual IPP Everywhere printers.

The test session starts its own `cupsd` (its own configuration, spool and port, so the machine's CUPS is never
touched) and three `ippeveprinter`s registered in it: `duplex` (two-sided, black and white, Letter loaded),
`simplex` (one side only) and `tabloid` (two-sided, colour, A4 loaded, takes A3 and Tabloid). Each printer
keeps its jobs and runs a script that writes the job's IPP attributes beside the document it received, so a
test reads back what arrived at the printer. CUPS keeps each job's document as it received it too
(PreserveJobFiles), so a test can check that factsheet sent the built PDF itself.
"""

from __future__ import annotations

import getpass
import grp
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

TOOLS = ("cupsd", "lpadmin", "lp", "lpstat", "lpoptions", "ippeveprinter")
SCRIPT = '#!/bin/sh\nenv | grep "^IPP_" > "$1.env.part" && mv "$1.env.part" "$1.env"\n'
TABLOID_ATTRIBUTES = """\
ATTR keyword media-supported na_letter_8.5x11in,na_ledger_11x17in,iso_a4_210x297mm,iso_a3_297x420mm
ATTR keyword media-default iso_a4_210x297mm
ATTR keyword media-ready iso_a4_210x297mm,iso_a3_297x420mm
ATTR collection media-size-supported {MEMBER integer x-dimension 21590 MEMBER integer y-dimension 27940},\
{MEMBER integer x-dimension 27940 MEMBER integer y-dimension 43180},\
{MEMBER integer x-dimension 21000 MEMBER integer y-dimension 29700},\
{MEMBER integer x-dimension 29700 MEMBER integer y-dimension 42000}
ATTR integer media-bottom-margin-supported 1270
ATTR integer media-top-margin-supported 1270
ATTR integer media-left-margin-supported 635
ATTR integer media-right-margin-supported 635
ATTR keyword sides-supported one-sided,two-sided-long-edge,two-sided-short-edge
ATTR keyword sides-default one-sided
ATTR boolean color-supported true
ATTR keyword print-color-mode-supported auto,color,monochrome
ATTR keyword print-color-mode-default auto
ATTR rangeOfInteger copies-supported 1-9999
ATTR integer copies-default 1
ATTR keyword job-creation-attributes-supported copies,media,media-col,print-color-mode,sides,multiple-document-handling
ATTR mimeMediaType document-format-supported application/pdf,application/octet-stream
"""


@dataclass(frozen=True)
class Arrival:
    """One job as it reached a virtual printer: its IPP attributes and the document's bytes."""

    attributes: dict[str, str]
    document: bytes


@dataclass
class PrintService:
    """The running service: the environment that points CUPS's clients at it, and each printer's spool."""

    root: Path
    environment: dict[str, str]
    spools: dict[str, Path] = field(default_factory=dict)

    def arrivals(self, printer: str) -> list[Path]:
        return sorted(self.spools[printer].glob("*.env"), key=lambda path: int(path.name.split("-")[0]))

    def wait_for(self, printer: str, count: int, seconds: float = 60) -> list[Arrival]:
        """The newest `count` jobs at `printer`, waiting for them to arrive."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = self.arrivals(printer)
            if len(found) >= count:
                chosen = found[-count:]
                return [
                    Arrival(
                        dict(line.split("=", 1) for line in env.read_text().splitlines() if "=" in line),
                        env.with_suffix("").read_bytes(),
                    )
                    for env in chosen
                ]
            time.sleep(0.2)
        raise AssertionError(f"{count} job(s) did not reach {printer} within {seconds} s: {self.log_tail()}")

    def received_by_cups(self, job_id: str) -> bytes:
        """The document CUPS received for job `printer-N`, as it was sent."""
        number = int(job_id.rsplit("-", 1)[1])
        return (self.root / "spool" / f"d{number:05d}-001").read_bytes()

    def log_tail(self) -> str:
        log = self.root / "log" / "error_log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else "(no CUPS log)"


def service_log(root: Path) -> str:
    log = root / "log" / "error_log"
    return log.read_text(errors="replace") if log.exists() else "no log"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


def _configure(root: Path, port: int) -> None:
    for name in ("conf", "spool", "cache", "state", "log", "tmp"):
        (root / name).mkdir(mode=0o755)
    (root / "conf" / "cupsd.conf").write_text(
        f"Listen 127.0.0.1:{port}\nLogLevel warn\nBrowsing Off\nWebInterface No\nPreserveJobFiles Yes\n"
        "MaxJobs 0\n<Location />\nOrder allow,deny\nAllow all\n</Location>\n"
        "<Location /admin>\nOrder allow,deny\nAllow all\n</Location>\n"
        "<Policy default>\n<Limit All>\nOrder deny,allow\n</Limit>\n</Policy>\n"
    )
    user = "lp" if os.geteuid() == 0 else getpass.getuser()
    group = "lp" if os.geteuid() == 0 else grp.getgrgid(os.getegid()).gr_name
    files = {"ServerRoot": "conf", "RequestRoot": "spool", "CacheDir": "cache", "StateDir": "state", "TempDir": "tmp"}
    lines = [f"{key} {root / value}" for key, value in files.items()]
    lines += [
        f"{key} {root / 'log' / value}" for key, value in (("AccessLog", "access_log"), ("ErrorLog", "error_log"))
    ]
    lines += [f"PageLog {root / 'log' / 'page_log'}", f"Printcap {root / 'printcap'}", "ServerBin /usr/lib/cups"]
    lines += ["DataDir /usr/share/cups", f"User {user}", f"Group {group}", "SystemGroup root"]
    (root / "conf" / "cups-files.conf").write_text("\n".join(lines) + "\n")


def start_print_service() -> Iterator[PrintService | str]:
    """Start the service and yield it, or yield why it cannot run here; stop everything afterwards."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        yield f"needs CUPS and its IPP tools ({', '.join(missing)} missing; Debian: cups cups-ipp-utils)"
        return
    root = Path(tempfile.mkdtemp(prefix="factsheet-cups-"))
    root.chmod(0o755)
    port = _free_port()
    _configure(root, port)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        conf = root / "conf"
        cupsd = subprocess.Popen(
            ["cupsd", "-f", "-c", str(conf / "cupsd.conf"), "-s", str(conf / "cups-files.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        processes.append(cupsd)
        if not _wait_for_port(port, cupsd):
            yield f"a private cupsd did not start: {service_log(root)[-300:]}"
            return
        service = PrintService(root, {"CUPS_SERVER": f"127.0.0.1:{port}"})
        script = root / "arrived.sh"
        script.write_text(SCRIPT)
        script.chmod(0o755)
        (root / "tabloid.conf").write_text(TABLOID_ATTRIBUTES)
        printers = {
            "duplex": ["-2", "-f", "application/pdf"],
            "simplex": ["-f", "application/pdf"],
            "tabloid": ["-a", str(root / "tabloid.conf")],
        }
        for name, options in printers.items():
            spool = root / f"printer-{name}"
            spool.mkdir()
            printer_port = _free_port()
            log = root / f"printer-{name}.log"
            with log.open("wb") as output:
                process = subprocess.Popen(
                    [
                        "ippeveprinter",
                        *options,
                        "-k",
                        "-d",
                        str(spool),
                        "-p",
                        str(printer_port),
                        "-n",
                        "localhost",
                        "-c",
                        str(script),
                        f"factsheet-test-{name}-{port}",
                    ],
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            processes.append(process)
            if not _wait_for_port(printer_port, process):
                said = log.read_text(errors="replace").strip()
                if "DNS-SD" in said:
                    said = "it needs a running system D-Bus and avahi-daemon (.ci/run starts them): " + said
                yield f"ippeveprinter did not start: {said[-300:]}"
                return
            uri = f"ipp://127.0.0.1:{printer_port}/ipp/print"
            try:
                subprocess.run(
                    ["lpadmin", "-p", name, "-E", "-v", uri, "-m", "everywhere"],
                    env={**os.environ, **service.environment},
                    check=True,
                    capture_output=True,
                    timeout=60,
                )
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as failed:
                said = failed.stderr.decode(errors="replace").strip() if failed.stderr else "no answer"
                yield f"lpadmin could not add the virtual printer to the private CUPS: {said[-300:]}"
                return
            service.spools[name] = spool
        yield service
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(root, ignore_errors=True)
