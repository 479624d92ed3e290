"""`kiosk setup --non-interactive` sets a site up as a hub and the PCs that join it (the same plan as the
wizard): a kiosk PC's tickets reach a counter PC, and bad input changes nothing."""

from __future__ import annotations

import json

import pytest

from kiosk import config
from tests.conftest import run_kiosk
from tests.hubtools import HubProcess, kiosk_json_ok


def setup(data, *args):
    return run_kiosk(data, "setup", "--non-interactive", *args, "--json")


@pytest.fixture
def hub(tmp_path):
    data = tmp_path / "kiosk-pc"
    result = setup(data, "--site", "64.02.12", "--role", "kiosk", "--hub-mode", "serve", "--printer", "dummy://",
                   "--supervisor", "sari", "--pin", "246810")
    assert result.returncode == 0, result.stderr
    made = json.loads(result.stdout)
    assert made["hub"]["mode"] == "serve" and made["hub"]["urls"] and len(made["hub"]["fingerprint"]) > 60
    assert made["notes"] == []
    assert config.load(data).get("hub.serve") is True
    assert kiosk_json_ok(data, "hub", "status")["role"] == "hub"
    process = HubProcess(data).start()
    yield process
    process.kill()


def test_a_kiosk_hub_and_a_counter_that_joins_share_one_queue(hub, tmp_path):
    counter_pc = tmp_path / "loket-1"
    code = kiosk_json_ok(hub.data_dir, "hub", "pair")["code"]
    result = setup(counter_pc, "--role", "counter", "--counter", "3", "--services", "KK,AKLAHIR",
                   "--printer", "dummy://", "--hub-mode", "join", "--hub", hub.url, "--pairing-code", code,
                   "--device-name", "loket-3")
    assert result.returncode == 0, result.stderr
    joined = json.loads(result.stdout)
    assert (joined["site"], joined["site_name"], joined["counter"]) == ("64.02.12", "Tabang", 3)
    assert joined["hub"] == {"mode": "join", "url": hub.url, "name": "loket-3",
                             "fingerprint": joined["hub"]["fingerprint"]}
    settings = config.load(counter_pc)
    assert (settings.get("ui.role"), settings.get("ui.counter"), settings.get("hub.serve")) == ("counter", 3, False)
    # The counter it set up lives at the hub, and a ticket taken at the kiosk PC reaches it.
    counters = {c["counter"]: c["services"] for c in kiosk_json_ok(hub.data_dir, "counter", "list")}
    assert counters[3] == ["KK", "AKLAHIR"]
    ticket = kiosk_json_ok(hub.data_dir, "ticket", "issue", "AKLAHIR")
    called = kiosk_json_ok(counter_pc, "ticket", "call", "--counter", "3")
    assert called["number"] == ticket["number"]
    # The code was one-time.
    again = setup(tmp_path / "loket-9", "--role", "counter", "--hub-mode", "join", "--hub", hub.url,
                  "--pairing-code", code)
    assert again.returncode == 2 and "kode pasangan ditolak" in again.stderr


@pytest.mark.parametrize("args, message", [
    (["--role", "counter", "--hub-mode", "join"], "--pairing-code"),
    (["--role", "counter", "--hub-mode", "join", "--pairing-code", "K7QM"], "kode pasangan"),
    (["--role", "counter", "--hub-mode", "join", "--pairing-code", "K7QM-4TZ9", "--server", "https://x",
      "--code", "Y"], "tidak mendaftar ke server"),
    (["--role", "counter", "--hub-mode", "join", "--pairing-code", "K7QM-4TZ9", "--supervisor", "sari",
      "--pin", "246810"], "akun petugas di hub"),
    (["--role", "counter", "--hub-mode", "join", "--pairing-code", "K7QM-4TZ9", "--hub", "ftp://x"], "https"),
    (["--role", "counter", "--hub-mode", "join", "--pairing-code", "K7QM-4TZ9", "--device-name", "Loket #2"],
     "nama PC"),
    (["--site", "64.02.12", "--role", "counter", "--hub", "https://10.0.0.1:8710"], "--hub-mode join"),
    (["--role", "counter"], "--site"),
])
def test_bad_hub_options_are_one_line_and_write_nothing(tmp_path, args, message):
    data = tmp_path / "pc"
    result = setup(data, *args)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (data / "config.toml").exists()


def test_an_unreachable_hub_is_said_in_words_and_writes_nothing(tmp_path):
    from tests.synctools import free_port

    data = tmp_path / "pc"
    result = setup(data, "--role", "counter", "--hub-mode", "join", "--hub", f"https://127.0.0.1:{free_port()}",
                   "--pairing-code", "K7QM-4TZ9")
    assert result.returncode == 1 and "hub menolak sambungan" in result.stderr
    assert "Errno" not in result.stderr
    assert not (data / "config.toml").exists()


def test_a_lone_kiosk_pc_without_a_hub_is_told(tmp_path):
    result = setup(tmp_path / "pc", "--site", "64.02.12", "--role", "kiosk")
    assert result.returncode == 0, result.stderr
    assert any("tidak terlihat oleh loket" in note for note in json.loads(result.stdout)["notes"])
