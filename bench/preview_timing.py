"""The preview's time from saving an edit until the new page picture is fetched, beside raw WeasyPrint."""

from __future__ import annotations

import json
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.raw import RawPrinter, fitted_scale_of
from bench.timings import ROOT, USER_ENVIRONMENT, timed
from factsheet.pipeline import CheckResult
from factsheet.press.editions import HOME
from factsheet.render.copyfit import at_scale
from factsheet.render.html import render_html


def preview_times(checked: CheckResult, campaign: Path, work: Path) -> tuple[float, float]:
    """Median times, interleaved: raw WeasyPrint printing the example's one-pager warm, and `factsheet
    preview` (its own process, as a user starts it) from saving an edit to one quote until the page picture of
    the new build has been fetched, as the page does. The edit toggles a label on a quote's role line."""
    import http.client
    import urllib.parse

    rendered = render_html(checked.located, checked.sources, checked.files, printed=checked.report.printed)
    rendered = at_scale(rendered, fitted_scale_of(checked, rendered))
    raw_printer = RawPrinter(rendered, HOME)
    raw_printer.print(rendered)
    copy = work / "preview-campaign"
    shutil.copytree(campaign, copy)
    sheet = copy / "sheet.yaml"
    original = sheet.read_text(encoding="utf-8")
    role = "    role: Mayor of New York City\n"
    assert role in original
    edited = original.replace(role, role.replace("City", "City (bench edit)"))
    command = [sys.executable, "-m", "factsheet", "preview", str(sheet), "--port", "0"]
    process = subprocess.Popen(command, cwd=ROOT, env=USER_ENVIRONMENT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        address = urllib.parse.urlsplit(process.stdout.readline().split(" at ")[1].strip())
        token = urllib.parse.parse_qs(address.query)["token"][0]

        def get(path: str) -> bytes:
            connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
            separator = "&" if "?" in path else "?"
            connection.request("GET", f"{path}{separator}token={token}", headers={"Host": address.netloc})
            body = connection.getresponse().read()
            connection.close()
            return body

        def shown_after(text: str, previous: str) -> str:
            sheet.write_text(text, encoding="utf-8")
            while True:
                state = json.loads(get("/state"))
                if state["fresh"] and not state["building"] and state["pages"][0]["url"] != previous:
                    get(state["pages"][0]["url"])
                    return str(state["pages"][0]["url"])
                time.sleep(0.01)

        page = shown_after(original + "\n", "")
        raw, shown = [], []
        for index in range(7):
            raw.append(timed(lambda: raw_printer.print(rendered)))
            started = time.perf_counter()
            page = shown_after(edited if index % 2 == 0 else original, page)
            shown.append(time.perf_counter() - started)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    return statistics.median(raw), statistics.median(shown)
