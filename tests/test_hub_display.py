"""The TV as a web page, over real HTTP: a real `kiosk hub serve` with its web display on a free loopback port,
calls made through the real CLI, the page's JSON, its live events and its announcement audio."""

from __future__ import annotations

import io
import json
import shutil
import socket
import time
import wave
from array import array
from pathlib import Path

import pytest
import requests

from kiosk import config
from kiosk.app import App
from kiosk.hub import display
from kiosk.hub.service import HubInProcess
from tests.conftest import run_kiosk
from tests.hubtools import DisplayEvents, HubProcess, kiosk_json_ok, make_hub_dir
from tests.synctools import free_port

NIK = "6402124506900001"
NAME = "Siti Aminah"
PHONE = "0812-3456-7890"
# What a counter on the board carries: nothing else of a ticket (no id, no citizen) leaves the hub.
COUNTER_KEYS = {"counter", "state", "reason", "number", "service"}
# The hub's HTTPS API: none of it answers on the display's port.
API_PATHS = [("GET", "/hub/hello"), ("POST", "/hub/join"), ("POST", "/ops/ticket.issue"),
             ("POST", "/ops/application.search"), ("GET", "/replica"), ("GET", "/replica?cursor="),
             ("GET", "/events"), ("POST", "/hub/fence"), ("POST", "/hub/successor")]
OTHER_PATHS = ["/display/static/", "/display/static/OFL.txt", "/display/static/../../config.toml",
               "/display/static/..%2F..%2Fhub%2Fserver.py", "/display/audio/abc.wav", "/display/audio/1.mp3",
               "/config.toml", "/kiosk.sqlite3", "/favicon.ico", "/robots.txt", "/admin", "/docs", "/openapi.json"]


@pytest.fixture(scope="module")
def hub_template(tmp_path_factory):
    """A hub data dir made once by the real commands (site, counters 1 and 2, a supervisor), copied per hub."""
    return make_hub_dir(tmp_path_factory.mktemp("display-template") / "hub")


def new_hub_dir(template, parent) -> Path:
    return Path(shutil.copytree(template, parent / "hub"))


@pytest.fixture(scope="module")
def hub(hub_template, tmp_path_factory):
    """One hub with its web display for the tests that only add to the day (each reads after its own cursor)."""
    process = HubProcess(new_hub_dir(hub_template, tmp_path_factory.mktemp("display")), display_port=True).start()
    yield process
    process.kill()


@pytest.fixture
def fresh_hub(hub_template, tmp_path):
    process = HubProcess(new_hub_dir(hub_template, tmp_path), display_port=True).start()
    yield process
    process.kill()


def call(hub, counter: int = 1, service: str = "KTP", **kw) -> dict:
    """Issue a ticket and call the next one at `counter` (the one it called before: absent), through the CLI
    on the hub's data dir."""
    kiosk_json_ok(hub.data_dir, "ticket", "issue", service)
    active = hub.__dict__.setdefault("active", {})
    if counter in active:
        kiosk_json_ok(hub.data_dir, "ticket", "no-show", active.pop(counter), "--counter", str(counter))
    called = kiosk_json_ok(hub.data_dir, "ticket", "call", "--counter", str(counter), **kw)
    active[counter] = called["number"]
    return called


def state(hub, after: int | None = None) -> dict:
    response = requests.get(f"{hub.display_url}/display/state", params={} if after is None else {"after": after},
                            timeout=10)
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    return response.json()


def test_the_page_and_its_files(hub):
    page = requests.get(f"{hub.display_url}/display", timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script src="/display/static/display.js">' in page.text and "Panggilan terakhir" in page.text
    assert "http" not in page.text.replace("http-equiv", ""), "nothing from outside the LAN"
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    for name, kind in (("display.js", "text/javascript"), ("display.css", "text/css"), ("logo.svg", "image/svg+xml"),
                       ("NotoSans-Bold.ttf", "font/ttf"), ("NotoSans-Regular.ttf", "font/ttf")):
        response = requests.get(f"{hub.display_url}/display/static/{name}", timeout=10)
        assert response.status_code == 200 and response.headers["content-type"].startswith(kind), name
        assert b"//cdn" not in response.content and b"https://" not in response.content, name
    home = requests.get(f"{hub.display_url}/", allow_redirects=False, timeout=10)
    assert home.status_code == 302 and home.headers["location"] == "/display"  # what a TV's remote types
    slash = requests.get(f"{hub.display_url}/display/", timeout=10)
    assert slash.status_code == 200 and slash.url == f"{hub.display_url}/display"


def test_the_display_port_serves_nothing_else(hub):
    for method, path in API_PATHS:
        response = requests.request(method, f"{hub.display_url}{path}", json={}, timeout=10)
        assert response.status_code == 404, (method, path, response.status_code)
    for path in OTHER_PATHS:
        response = requests.get(f"{hub.display_url}{path}", allow_redirects=False, timeout=10)
        assert response.status_code == 404, (path, response.status_code)
    for path in ("/display", "/display/state", "/display/audio/1.wav"):  # read-only
        assert requests.post(f"{hub.display_url}{path}", json={}, timeout=10).status_code == 405, path
    # ... and the display is not on the HTTPS API's port either.
    assert requests.get(f"{hub.url}/display", verify=False, timeout=10).status_code == 404


def test_no_personal_data_in_any_answer(hub):
    data = kiosk_json_ok(hub.data_dir, "application", "new", "--service", "SKCK", "--nik", NIK, "--name", NAME,
                         "--phone", PHONE)
    called = call(hub)
    board = state(hub, after=0)
    assert [c["number"] for c in board["calls"]] == [called["number"]]
    assert all(set(c) == COUNTER_KEYS for c in board["counters"]), board["counters"]
    events = DisplayEvents(hub.display_url, after=0)
    try:
        streamed = json.dumps(events.next())
    finally:
        events.close()
    bodies = [json.dumps(board), json.dumps(state(hub)), streamed]
    for path in ("/display", "/display/static/display.js", "/display/static/display.css",
                 board["calls"][0]["audio"]):
        bodies.append(requests.get(f"{hub.display_url}{path}", timeout=30).content.decode("latin-1"))
    for body in bodies:
        for secret in (NIK, NAME, "Siti", PHONE, data["registration_number"]):
            assert secret not in body
    assert called["id"] not in "".join(bodies), "not even a ticket's id"


def test_the_board_and_its_calls(fresh_hub):
    hub = fresh_hub
    fresh = state(hub)
    assert fresh["site"] == "Mini MPP Kecamatan Tabang" and fresh["calls"] == []
    assert [c["counter"] for c in fresh["counters"]] == [1, 2]
    assert fresh["voice"] == {"enabled": True, "speaker": True, "max_age": 120, "quiet": False}
    assert fresh["utc_offset_min"] == 480 and abs(fresh["now_ms"] - time.time() * 1000) < 10_000
    start = fresh["cursor"]

    first = call(hub, 1)
    kiosk_json_ok(hub.data_dir, "ticket", "issue", "KK")
    assert run_kiosk(hub.data_dir, "counter", "pause", "2", "--reason", "istirahat siang").returncode == 0
    board = state(hub, after=start)
    (only,) = board["calls"]
    assert (only["number"], only["counter"], only["recall"]) == (first["number"], 1, 0)
    assert only["text"] == "Nomor antrian A satu, silakan menuju loket satu."
    assert only["audio"].startswith(f"/display/audio/{only['id']}.wav?v=")
    assert board["cursor"] == only["id"]
    assert board["counters"][0] | {"service": "?"} == {"counter": 1, "state": "open", "reason": "",
                                                       "number": first["number"], "service": "?"}
    assert board["counters"][0]["service"].startswith("Perekaman")
    assert board["counters"][1] == {"counter": 2, "state": "paused", "reason": "istirahat siang", "number": None,
                                    "service": ""}
    assert board["recent"] == [{"number": first["number"], "counter": 1}]
    assert [(w["prefix"], w["count"]) for w in board["waiting"]] == [("B", 1)]

    # A page that loads (no cursor) starts after the newest call: a reload never replays one.
    assert state(hub)["calls"] == [] and state(hub)["cursor"] == only["id"]
    # A cursor ahead of the store (a restored database) starts after the newest call too.
    assert state(hub, after=only["id"] + 1000) | {"now_ms": 0} == state(hub) | {"now_ms": 0}

    # A recall is a new call ("panggilan kedua"), after the cursor.
    kiosk_json_ok(hub.data_dir, "ticket", "recall", first["number"], "--counter", "1")
    (again,) = state(hub, after=only["id"])["calls"]
    assert again["recall"] == 1 and again["text"].startswith("Panggilan kedua. Nomor antrian A satu")



def test_calls_older_than_max_age_are_not_sent(hub):
    start = state(hub)["cursor"]
    # A counter PC whose clock is ten minutes behind: its call is recorded as ten minutes old.
    old = call(hub, 1, env_extra={"KIOSK_CLOCK_OFFSET": "-600"})
    board = state(hub, after=start)
    assert board["calls"] == [] and board["cursor"] > start
    assert board["counters"][0]["number"] == old["number"]  # still shown, only not said


def test_the_voice_settings_come_from_the_hubs_config(hub):
    before = state(hub)
    assert before["voice"]["speaker"] is True
    try:
        for key, value in (("voice.speaker", "false"), ("voice.speed", "120")):
            assert run_kiosk(hub.data_dir, "config", "set", key, value).returncode == 0
        called = call(hub)
        after = state(hub, after=before["cursor"])
        assert after["voice"] == {"enabled": True, "speaker": False, "max_age": 120, "quiet": False}
        assert after["calls"][0]["number"] == called["number"]
    finally:
        for key, value in (("voice.speaker", "true"), ("voice.speed", "100")):
            assert run_kiosk(hub.data_dir, "config", "set", key, value).returncode == 0
    again = state(hub, after=before["cursor"])
    assert again["voice"]["speaker"] is True
    assert again["calls"][0]["audio"] != after["calls"][0]["audio"], "other words, another URL: no stale cache"


def samples_of(wav_bytes: bytes) -> tuple[array, int]:
    with wave.open(io.BytesIO(wav_bytes)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        return array("h", wav.readframes(wav.getnframes())), wav.getframerate()


def test_the_announcement_audio(hub):
    start = state(hub)["cursor"]
    called = call(hub, 2)
    (shown,) = state(hub, after=start)["calls"]
    response = requests.get(f"{hub.display_url}{shown['audio']}", timeout=60)
    assert response.status_code == 200 and response.headers["content-type"] == "audio/wav"
    assert response.headers["cache-control"].startswith("public, max-age=")
    samples, rate = samples_of(response.content)
    seconds = len(samples) / rate
    assert 2.0 < seconds < 15.0, seconds  # chime + "Nomor antrian A satu, silakan menuju loket dua."
    rms = (sum(s * s for s in samples[::7]) / len(samples[::7])) ** 0.5
    assert rms > 300 and max(abs(s) for s in samples) > 3000, "not silent"
    assert called["number"] == shown["number"]
    # The same call again is the same audio (cached); an event that is not a call has none.
    assert requests.get(f"{hub.display_url}/display/audio/{shown['id']}.wav", timeout=60).content == response.content
    issue_event = shown["id"] - 1  # the ticket's issue, just before its call
    assert requests.get(f"{hub.display_url}/display/audio/{issue_event}.wav", timeout=10).status_code == 404
    assert requests.get(f"{hub.display_url}/display/audio/999999.wav", timeout=10).status_code == 404


def test_live_events_push_a_call_made_through_the_cli(hub):
    events = DisplayEvents(hub.display_url)
    try:
        first = events.next()
        assert first["calls"] == [] and events.response.headers["content-type"].startswith("text/event-stream")
        called = call(hub)
        pushed = events.next()
        while not pushed["calls"]:  # the ticket's issue came first (the waiting count changed)
            pushed = events.next()
        received = time.time() * 1000
        assert [c["number"] for c in pushed["calls"]] == [called["number"]]
        assert pushed["counters"][0]["number"] == called["number"]
        print(f"call committed -> event on the display's stream: {received - pushed['calls'][0]['at_ms']:.0f} ms "
              "(including the CLI's exit)")
        # A second page that reconnects with an older cursor catches up with what it missed, once.
        catch_up = DisplayEvents(hub.display_url, after=first["cursor"])
        try:
            assert [c["id"] for c in catch_up.next()["calls"]] == [pushed["calls"][0]["id"]]
        finally:
            catch_up.close()
        # A change that is not a call (a ticket issued) updates the board without a call.
        waiting = {w["prefix"]: w["count"] for w in pushed["waiting"]}
        kiosk_json_ok(hub.data_dir, "ticket", "issue", "KK")
        board = events.next()
        assert board["calls"] == [] and {w["prefix"]: w["count"] for w in board["waiting"]}["B"] == waiting.get("B", 0) + 1
    finally:
        events.close()


def test_display_port_option_and_config_key(tmp_path):
    data = tmp_path / "data"
    for bad in ("-1", "delapan"):
        result = run_kiosk(data, "hub", "serve", "--display-port", bad)
        assert result.returncode == 2 and "--display-port" in result.stderr, result.stderr
    for bad in ("65536", "delapan"):
        result = run_kiosk(data, "config", "set", "hub.display_port", bad)
        assert result.returncode == 2 and "port harus 0..65535" in result.stderr and result.stderr.count("\n") == 1
    assert config.load(data).get("hub.display_port") == 8711  # the default
    assert run_kiosk(data, "config", "set", "hub.display_port", "0").returncode == 0  # off
    assert config.load(data).get("hub.display_port") == 0
    assert display.start(None, "127.0.0.1", 0) is None


def test_a_taken_display_port_leaves_the_hub_serving(hub_template, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        hub = HubProcess(new_hub_dir(hub_template, tmp_path), display_port=taken.getsockname()[1])
        hub.start(wait_display=False)
        try:
            assert kiosk_json_ok(hub.data_dir, "hub", "status")["role"] == "hub"
            assert f"layar web tidak dapat memakai port {hub.display_port}" in hub.log.read_text()
        finally:
            hub.kill()


def test_the_desktop_apps_hub_serves_the_display_too(hub_template, tmp_path):
    data = new_hub_dir(hub_template, tmp_path)
    port = free_port()
    assert run_kiosk(data, "config", "set", "hub.display_port", str(port)).returncode == 0
    app = App(data_dir=data)
    served = HubInProcess(app, free_port())  # the port comes from hub.display_port
    try:
        assert served.display is not None and served.display.port == port
        deadline = time.monotonic() + 10
        while True:
            try:
                response = requests.get(f"http://127.0.0.1:{port}/display/state", timeout=2)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert response.status_code == 200 and response.json()["site"] == "Mini MPP Kecamatan Tabang"
    finally:
        served.stop()
        app.close()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/display", timeout=2)
