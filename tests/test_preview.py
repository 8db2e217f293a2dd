"""`factsheet preview` over plain HTTP: the state, the pages, the event stream, the checks on every request,
the verdicts beside the pages, switching what is shown, signing off a cut, and stopping on Ctrl-C. The real
build renders every page; nothing is mocked. The same page in a real browser: tests/test_preview_browser.py."""

from __future__ import annotations

import http.client
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

import factsheet.batch.worker
from factsheet.preview.server import PreviewServer
from factsheet.preview.session import PreviewSession
from factsheet.preview.snapshot import Settings
from factsheet.verify.signoff import read_signoff
from tests.preview_server import serving

WAIT_SECONDS = 30.0


class Client:
    """Requests to a running preview, with its token unless told otherwise."""

    def __init__(self, server: PreviewServer) -> None:
        self.server = server

    def request(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        host: str | None = None,
        body: Any = None,
        origin: str | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        token = self.server.token if token is None else token
        separator = "&" if "?" in path else "?"
        target = f"{path}{separator}token={token}" if token else path
        headers = {"Host": host or f"127.0.0.1:{self.server.port}"}
        if origin is not None:
            headers["Origin"] = origin
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        connection.request(method, target, body=data, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), payload

    def get(self, path: str, **options: Any) -> bytes:
        status, _headers, payload = self.request("GET", path, **options)
        assert status == 200, payload
        return payload

    def state(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.get("/state"))
        return loaded

    def wait(self, condition: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            state = self.state()
            if not state["building"] and condition(state):
                return state
            time.sleep(0.1)
        raise AssertionError(f"the preview never showed {what}: {self.state()}")


@pytest.fixture
def preview(campaign: Path) -> Iterator[Client]:
    with serving(campaign) as server:
        client = Client(server)
        client.wait(lambda state: state["fresh"], "the first build")
        yield client


def errors(state: dict[str, Any]) -> list[dict[str, Any]]:
    return [problem for problem in state["problems"] if problem["severity"] == "error"]


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_the_page_and_the_pages_of_the_example(preview: Client) -> None:
    status, headers, page = preview.request("GET", "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"
    assert f"/preview.js?token={preview.server.token}" in page.decode()
    assert b"EventSource" in preview.get("/preview.js")
    state = preview.state()
    assert state["settings"] == {"layout": "onepager", "paper": "letter", "edition": "home", "language": None}
    assert state["summary"].endswith("all verified, 7 warning(s).")
    assert len(state["pages"]) == 1
    picture = Image.open(io.BytesIO(preview.get(state["pages"][0]["url"])))
    assert picture.size == (state["pages"][0]["width"], state["pages"][0]["height"])
    assert abs(picture.size[0] / picture.size[1] - 8.5 / 11) < 0.01
    assert picture.convert("L").getextrema()[0] < 60, "the page picture is blank"
    status, headers, pdf = preview.request("GET", state["pdf"])
    assert headers["Content-Disposition"] == 'attachment; filename="banthescan-letter.pdf"'
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert "Ban police facial recognition" in reader.pages[0].extract_text().replace("\xa0", " ")
    kinds = {item["kind"] for item in state["items"]}
    assert kinds == {"quote", "fact", "section", "demand"}
    assert all(item["verdict"] == "verified" for item in state["items"])


def test_requests_without_the_token_or_from_a_foreign_host_are_refused(preview: Client) -> None:
    for path in ("/", "/state", "/preview.js", "/events", "/handout.pdf"):
        assert preview.request("GET", path, token="")[0] == 403, path
        assert preview.request("GET", path, token="wrong-token")[0] == 403, path
        assert preview.request("GET", path, host="attacker.example")[0] == 403, path
        assert preview.request("GET", path, host=f"attacker.example:{preview.server.port}")[0] == 403, path
    assert preview.request("POST", "/choose", token="", body={"layout": "poster"})[0] == 403
    assert preview.request("GET", "/state", host=f"localhost:{preview.server.port}")[0] == 200
    for path in ("/sheet.yaml", "/../sheet.yaml", "/page/../../sheet.yaml", "/page/1/0.png", "/page/1/2.png", "/x"):
        assert preview.request("GET", path)[0] == 404, path
    assert preview.server.server_address[0] == "127.0.0.1"


def test_the_event_stream_announces_each_change(preview: Client, campaign: Path) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", preview.server.port, timeout=WAIT_SECONDS)
    connection.request(
        "GET", f"/events?token={preview.server.token}", headers={"Host": f"127.0.0.1:{preview.server.port}"}
    )
    response = connection.getresponse()
    assert response.status == 200 and response.getheader("Content-Type") == "text/event-stream"
    first = int(response.readline().decode().removeprefix("data: "))
    assert response.readline() == b"\n"
    campaign.write_text(campaign.read_text() + "\n# edited\n")
    second = int(response.readline().decode().removeprefix("data: "))
    assert second > first
    connection.close()


def test_a_wrong_number_shows_its_line_and_keeps_the_last_pages_until_fixed(preview: Client, campaign: Path) -> None:
    good = preview.state()
    text = campaign.read_text()
    campaign.write_text(text.replace('figure: "9,850"', 'figure: "9,580"'))
    broken = preview.wait(lambda state: bool(errors(state)), "the wrong number")
    line = line_of(campaign, '"9,580"')
    [problem] = errors(broken)
    assert problem["where"].startswith(f"sheet.yaml:{line}:") or problem["where"].endswith(f"sheet.yaml:{line}:13")
    assert problem["message"] == "the number 9,580 is not in this fact's excerpt"
    assert problem["hint"].startswith("every number in a fact must appear")
    assert [line, '  - figure: "9,580"'] in problem["context"]
    assert not broken["fresh"] and broken["pages"] == good["pages"], "the last good pages stay"
    assert preview.request("GET", broken["pages"][0]["url"])[0] == 200
    fact = next(item for item in broken["items"] if item["key"] == "facts/0")
    assert fact["verdict"] == "error" and fact["messages"] == [problem["message"]]
    assert [item["key"] for item in broken["items"] if item["verdict"] == "error"] == ["facts/0"]
    campaign.write_text(text)
    fixed = preview.wait(lambda state: state["fresh"] and not errors(state), "fresh pages after the fix")
    assert fixed["pages"][0]["url"] != good["pages"][0]["url"]


def test_a_yaml_mistake_is_shown_with_its_line_and_the_server_keeps_serving(preview: Client, campaign: Path) -> None:
    text = campaign.read_text()
    campaign.write_text(text.replace("\ntag:", "\n  tag:", 1))
    broken = preview.wait(lambda state: bool(errors(state)), "the YAML mistake")
    assert broken["items"] == [] and not broken["fresh"] and len(broken["pages"]) == 1
    assert all(problem["line"] for problem in errors(broken))
    assert errors(broken)[0]["context"], "the lines around the mistake are shown"
    campaign.write_text(text)
    preview.wait(lambda state: state["fresh"], "fresh pages after the fix")


def test_a_render_that_runs_too_long_is_an_error_on_the_page(
    preview: Client, campaign: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(factsheet.batch.worker, "JOB_SECONDS", 0.01)
    campaign.write_text(campaign.read_text() + "\n# edited\n")
    stopped = preview.wait(lambda state: bool(errors(state)), "the render's time limit")
    assert "rendering took longer than 0.01 seconds and was stopped" in errors(stopped)[0]["message"]
    assert not stopped["fresh"] and len(stopped["pages"]) == 1
    monkeypatch.setattr(factsheet.batch.worker, "JOB_SECONDS", 30.0)
    campaign.write_text(campaign.read_text() + "\n# again\n")
    preview.wait(lambda state: state["fresh"], "a build after the limit")


def test_a_broken_campaign_template_is_an_error_on_the_page(preview: Client, campaign: Path) -> None:
    (campaign.parent / "templates").mkdir()
    (campaign.parent / "templates" / "onepager.html").write_text("<p>one</p>\n{% include 'missing.html' %}\n")
    broken = preview.wait(lambda state: bool(errors(state)), "the template error")
    assert "templates/onepager.html:2: error: template not found: missing.html" in errors(broken)[0]["text"]
    (campaign.parent / "templates" / "onepager.html").unlink()
    preview.wait(lambda state: state["fresh"], "a build after the template is removed")


def test_choosing_a_quote_shows_its_source_passage(preview: Client) -> None:
    found = json.loads(preview.get("/item?key=quotes/0"))
    [evidence] = found["evidence"]
    assert evidence["source_id"] == "nypd-caught-using-facial-recognition" and evidence["line"]
    marked = [segment["text"] for segment in evidence["segments"] if segment["kind"] == "match"]
    assert marked == [
        "No police department can be trusted with a surveillance tool this dangerous, but especially not the NYPD"
    ]
    fact = json.loads(preview.get("/item?key=facts/1"))
    assert any("2,510" in segment["text"] for segment in fact["evidence"][0]["segments"] if segment["kind"] == "match")
    assert preview.request("GET", "/item?key=quotes/99")[0] == 404


def test_a_cut_is_struck_through_and_signed_off_from_the_page(preview: Client, campaign: Path) -> None:
    whole = "If we can get New York to ban this technology, that shows that it’s possible to ban it almost anywhere."
    cut = "If we can get New York to ban this technology, ... it’s possible to ban it almost anywhere."
    campaign.write_text(campaign.read_text().replace(whole, cut))
    waiting = preview.wait(lambda state: bool(errors(state)), "the unsigned cut")
    [change] = waiting["changes"]
    assert change["change"] == "the '...' removes 'that shows that'" and change["approved_by"] is None
    key = change["item"]
    found = json.loads(preview.get(f"/item?key={key}"))
    kinds = [(segment["kind"], segment["text"]) for segment in found["evidence"][0]["segments"]]
    assert ("cut", " that shows that ") in kinds
    assert [text for kind, text in kinds if kind == "match"] == [
        "If we can get New York to ban this technology,",
        "it’s possible to ban it almost anywhere.",
    ]
    assert found["changes"] == [change]
    status, _headers, refused = preview.request("POST", "/approve", body={"id": change["identifier"], "by": " "})
    assert status == 400 and "needs the name" in refused.decode()
    status, _headers, answer = preview.request("POST", "/approve", body={"id": change["identifier"], "by": "Ana Ruiz"})
    assert status == 200 and json.loads(answer) == {"recorded": "signoff.yaml"}
    (approval,) = read_signoff(campaign.parent).approvals[change["identifier"]]
    assert approval.approved_by == "Ana Ruiz" and approval.change == change["change"]
    signed = preview.wait(lambda state: state["fresh"] and not errors(state), "the signed-off cut")
    assert signed["changes"][0]["approved_by"] == "Ana Ruiz"


def test_switching_layout_paper_and_language_rebuilds_without_a_restart(preview: Client) -> None:
    status, _headers, _body = preview.request("POST", "/choose", body={"layout": "card", "paper": "a4"})
    assert status == 200
    two = preview.wait(lambda state: state["fresh"] and state["settings"]["layout"] == "card", "the card")
    assert len(two["pages"]) == 2 and two["pdf_name"] == "banthescan-card-a4.pdf"
    assert abs(two["pages"][0]["width"] / two["pages"][0]["height"] - 210 / 297) < 0.01
    preview.request("POST", "/choose", body={"language": "es", "layout": "trifold"})
    spanish = preview.wait(lambda state: state["fresh"] and state["settings"]["language"] == "es", "the Spanish")
    reader = PdfReader(io.BytesIO(preview.get(spanish["pdf"])))
    assert reader.metadata is not None and "es" in spanish["pdf_name"]
    preview.request("POST", "/choose", body={"language": None, "layout": "bilingual"})
    asked = preview.wait(lambda state: state["settings"]["layout"] == "bilingual" and bool(errors(state)), "a hint")
    assert errors(asked)[0]["hint"] == "choose it in the Language menu (ar, bn, es, fr, ht, ko, pl, ru, ur, zh-Hant)"
    for wrong in ({"layout": "scroll"}, {"language": "xx"}, {"colour": "red"}):
        status, _headers, answer = preview.request("POST", "/choose", body=wrong)
        assert status == 400, wrong
    status, _headers, answer = preview.request("POST", "/choose", body={"layout": "scroll"})
    assert "layout must be one of: onepager" in json.loads(answer)["error"]
    connection = http.client.HTTPConnection("127.0.0.1", preview.server.port, timeout=10)
    connection.request(
        "POST",
        f"/choose?token={preview.server.token}",
        body="layout=poster",
        headers={"Host": f"127.0.0.1:{preview.server.port}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    status = connection.getresponse().status
    connection.close()
    assert status == 400, "a form post (what another site can send) is refused"


def test_the_command_prints_its_address_and_stops_cleanly_on_ctrl_c(campaign: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "factsheet", "preview", str(campaign), "--port", "0", "--layout", "card"]
    private = tmp_path / "tmp"
    private.mkdir()
    environment = {**os.environ, "TMPDIR": str(private)}
    process = subprocess.Popen(
        command, cwd=tmp_path, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("preview of banthescan/sheet.yaml at http://127.0.0.1:"), line
        address = line.split(" at ")[1].strip()
        port = int(address.split(":")[2].split("/")[0])
        token = address.split("token=")[1]
        deadline = time.monotonic() + WAIT_SECONDS
        state: dict[str, Any] = {}
        while time.monotonic() < deadline and not state.get("fresh"):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", f"/state?token={token}", headers={"Host": f"127.0.0.1:{port}"})
            state = json.loads(connection.getresponse().read())
            connection.close()
            time.sleep(0.2)
        assert state["fresh"] and state["settings"]["layout"] == "card" and len(state["pages"]) == 2
        assert list(private.glob("factsheet-preview-*")), "the private build folder is in TMPDIR"
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=WAIT_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "preview stopped" in err and "Traceback" not in err
    assert not list(private.glob("factsheet-preview-*")), "the private build folder is removed"


def test_a_port_in_use_is_a_plain_message(campaign: Path, tmp_path: Path) -> None:
    session = PreviewSession(campaign, Settings())
    server = PreviewServer(session, 0)
    try:
        command = [sys.executable, "-m", "factsheet", "preview", str(campaign), "--port", str(server.port)]
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=WAIT_SECONDS)
    finally:
        server.server_close()
        session.stop()
    assert result.returncode != 0
    assert f"cannot listen on 127.0.0.1:{server.port}" in result.stderr and "--port 0" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_edited_source_is_noticed_and_its_fingerprint_checked(preview: Client, campaign: Path) -> None:
    source = campaign.parent / "sources" / "verge-ingram-facial-recognition.txt"
    source.write_text(source.read_text() + "\nA line added after the archive was recorded.\n")
    changed = preview.wait(lambda state: bool(errors(state)), "the changed source")
    assert any("sources.lock" in problem["text"] or "fingerprint" in problem["text"] for problem in errors(changed))
    assert not changed["fresh"]


def test_bad_page_numbers_and_a_foreign_origin_are_refused_not_crashed(preview: Client) -> None:
    preview.wait(lambda state: state["fresh"], "the first build")
    for path in ("/page/%C2%B2.png", "/page/99999999999999.png", "/page/-1.png", "/page/1.5.png"):
        status, _headers, _body = preview.request("GET", path)
        assert status == 400, path
    status, _headers, body = preview.request(
        "POST", "/choose", body={"layout": "card"}, origin="https://attacker.example.org"
    )
    assert status == 403 and b"only from its own page" in body
    status, _headers, _body = preview.request(
        "POST", "/choose", body={"layout": "onepager"}, origin=f"http://127.0.0.1:{preview.server.port}"
    )
    assert status == 200
