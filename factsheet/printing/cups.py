"""The system's print service, CUPS, through its own command-line client (`lp`, `lpstat`, `lpoptions`).

The client tools rather than pycups: they come with every CUPS (Debian's `cups-client`, macOS), need no C
compiler to install, talk to whatever server `CUPS_SERVER` names, and the command a dry run shows is one a
volunteer can run or hand to someone who can help. What a queue can do is read from its options (`lpoptions -l`):
the paper sizes, which is loaded by default, two-sided printing, colour. Output is parsed in the C locale.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factsheet.errors import FactsheetError, Location

TIMEOUT_SECONDS = 30
INSTALL_HINT = (
    "install the print service: on Debian or Ubuntu `sudo apt-get install cups`, on Fedora `sudo dnf install "
    "cups` (macOS has it built in), then add your printer in the system's printer settings"
)


@dataclass(frozen=True)
class Printer:
    """What one print queue can do, as its options say."""

    name: str
    media: tuple[str, ...]
    default_media: str | None
    two_sided: bool
    colour: bool


class NoPrintServiceError(FactsheetError):
    """No CUPS client, no running scheduler, or no printer: the PDF is still ready to print from a viewer."""


def _run(words: Sequence[str], where: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which(words[0])
    if tool is None:
        raise NoPrintServiceError.at(
            Location.of(where),
            f"no print service found: factsheet prints through CUPS, and '{words[0]}' is not installed",
            INSTALL_HINT,
        )
    environment = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        done = subprocess.run(
            [tool, *words[1:]], capture_output=True, text=True, env=environment, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise NoPrintServiceError.at(
            Location.of(where),
            f"the print service did not answer within {TIMEOUT_SECONDS} s",
            "check that CUPS is running (`lpstat -r`) and that the printer is switched on",
        ) from None
    said = (done.stderr or done.stdout).strip()
    if "scheduler is not running" in said.lower() or "unable to connect to server" in said.lower():
        raise NoPrintServiceError.at(
            Location.of(where),
            "the print service (CUPS) is installed but not running",
            "start it: `sudo systemctl start cups` (or `sudo service cups start`)",
        )
    return done


def printer_names(where: Path) -> tuple[list[str], str | None]:
    """Every print queue that takes jobs, and the default one (None when there is no default). Printers the
    network merely announces are left out until CUPS (or cups-browsed) has a queue for them: asking one that
    has none for its options hangs for a minute."""
    listed = _run(["lpstat", "-a"], where)
    names = [line.split()[0] for line in listed.stdout.splitlines() if line.strip()]
    default = _run(["lpstat", "-d"], where).stdout
    match = re.search(r"system default destination:\s*(\S+)", default)
    return names, match.group(1) if match else None


def choose_printer(name: str | None, where: Path) -> str:
    """The queue to print on: the one named, else the default; a plain refusal when there is none."""
    names, default = printer_names(where)
    if not names:
        raise NoPrintServiceError.at(
            Location.of(where),
            "the print service runs but has no printer",
            "add your printer in the system's printer settings (or `lpadmin`), then list them: factsheet print --list",
        )
    if name is None:
        if default is None:
            raise FactsheetError.at(
                Location.of(where),
                "there is no default printer, so factsheet does not know which one to use",
                f"name one with --printer: {', '.join(names)} (or set a default: lpoptions -d NAME)",
            )
        return default
    if name not in names:
        raise FactsheetError.at(
            Location.of(where),
            f"there is no printer named '{name}'",
            f"use one of: {', '.join(names)} (factsheet print --list shows them)",
        )
    return name


def read_printer(name: str, where: Path) -> Printer:
    """What the queue `name` can do, from its options."""
    done = _run(["lpoptions", "-p", name, "-l"], where)
    options: dict[str, tuple[list[str], str | None]] = {}
    for line in done.stdout.splitlines():
        key, _, values = line.partition(":")
        if not values:
            continue
        choices = values.split()
        chosen = next((choice[1:] for choice in choices if choice.startswith("*")), None)
        options[key.split("/")[0].strip()] = ([choice.lstrip("*") for choice in choices], chosen)
    media, default = options.get("PageSize", ([], None))
    duplex = options.get("Duplex", ([], None))[0]
    colour_models = options.get("ColorModel", ([], None))[0]
    return Printer(
        name=name,
        media=tuple(dict.fromkeys(_size_name(size) for size in media)),
        default_media=_size_name(default) if default else None,
        two_sided=any(mode.startswith("Duplex") and mode != "DuplexNone" for mode in duplex),
        colour=not colour_models or any(not re.match(r"(?i)(gray|grey|mono|black|kgray)", m) for m in colour_models),
    )


def _size_name(size: str) -> str:
    """A PageSize without the variant after its dot (`Letter.Fullbleed`, `A4.Borderless`)."""
    return size.split(".")[0]


def submit(command: Sequence[str], where: Path) -> str:
    """Send a job with `lp`; the print service's job id."""
    done = _run(command, where)
    match = re.search(r"request id is (\S+)", done.stdout)
    if done.returncode != 0 or match is None:
        raise FactsheetError.at(
            Location.of(where),
            f"the print service refused the job: {(done.stderr or done.stdout).strip() or 'no reason given'}",
            "check the printer is switched on and accepting jobs (`lpstat -p`), then try again",
        )
    return match.group(1)
