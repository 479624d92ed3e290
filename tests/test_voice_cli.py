"""`kiosk voice say|test` and the `voice.*` settings through the real command."""

from __future__ import annotations

import json

import pytest

from kiosk.voice.audio import read_wav
from tests.conftest import kiosk_json, run_kiosk


def test_voice_say_writes_the_announcement_as_a_wav(cli_site, tmp_path):
    out = tmp_path / "a025.wav"
    data = kiosk_json(cli_site, "voice", "say", "--ticket", "A-025", "--counter", "2", "--out", str(out))
    assert data["text"] == "Nomor antrian A dua puluh lima, silakan menuju loket dua."
    assert data["engine"].startswith("espeak-ng")
    clip = read_wav(out.read_bytes())
    assert abs(clip.seconds - data["seconds"]) < 0.01   # `seconds` is the audio's length
    assert 4.0 < data["seconds"] < 10.0                  # chime + about four seconds of voice
    assert clip.peak() > 8000 and data["bytes"] == out.stat().st_size


def test_voice_say_names_the_service_and_the_recall(cli_site, tmp_path):
    data = kiosk_json(cli_site, "voice", "say", "--ticket", "b7", "--counter", "3", "--service", "KK",
                      "--recall", "1", "--out", str(tmp_path / "x.wav"))
    assert data["text"] == ("Panggilan kedua. Nomor antrian Be tujuh, layanan Penerbitan Kartu Keluarga, "
                            "silakan menuju loket tiga.")


def test_settings_change_what_is_said_and_how(cli_site, tmp_path):
    plain = kiosk_json(cli_site, "voice", "say", "--ticket", "A-001", "--counter", "1", "--out", str(tmp_path / "1.wav"))
    for key, value in (("voice.numbers", "digits"), ("voice.chime", "false"), ("voice.speed", "150")):
        assert run_kiosk(cli_site, "config", "set", key, value).returncode == 0
    quick = kiosk_json(cli_site, "voice", "say", "--ticket", "A-001", "--counter", "1", "--out", str(tmp_path / "2.wav"))
    assert quick["text"] == "Nomor antrian A nol nol satu, silakan menuju loket satu."
    assert quick["seconds"] < plain["seconds"] - 1.5   # no chime, faster, though more words
    shown = kiosk_json(cli_site, "config", "show")
    assert shown["voice.numbers"] == "digits" and shown["voice.chime"] is False and shown["voice.speed"] == 150


def test_voice_say_plays_through_the_output_device(cli_site):
    data = kiosk_json(cli_site, "voice", "say", "--ticket", "A-002", "--counter", "1")
    assert data["backend"] == "Null" and data["seconds"] > 3  # KIOSK_VOICE_OUTPUT=null in tests
    test = kiosk_json(cli_site, "voice", "test")
    assert test["text"] == "Nomor antrian A dua puluh lima, silakan menuju loket dua." and test["backend"] == "Null"


@pytest.mark.parametrize("args", [
    ["--ticket", "25", "--counter", "2"],
    ["--ticket", "A-025", "--counter", "0"],
    ["--ticket", "A-025", "--counter", "2", "--recall", "-1"],
    ["--ticket", "A-025"],
])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli_site, tmp_path, args):
    out = tmp_path / "never.wav"
    result = run_kiosk(cli_site, "voice", "say", *args, "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.exists()


def test_an_unwritable_output_is_refused(cli_site, tmp_path):
    result = run_kiosk(cli_site, "voice", "say", "--ticket", "A-1", "--counter", "1", "--out", str(tmp_path / "no" / "x.wav"))
    assert result.returncode == 2 and "tidak bisa menulis" in result.stderr


@pytest.mark.parametrize(("key", "value"), [
    ("voice.volume", "101"), ("voice.speed", "20"), ("voice.numbers", "words"), ("voice.enabled", "maybe"),
    ("voice.quiet_hours", "25:00-07:00"), ("voice.quiet_hours", "12:00-12:00"), ("voice.max_age", "0"),
    ("voice.output", "speakers"),
])
def test_bad_voice_settings_are_refused(cli_site, key, value):
    result = run_kiosk(cli_site, "config", "set", key, value)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert key not in (cli_site / "config.toml").read_text(encoding="utf-8") if (cli_site / "config.toml").exists() else True


def test_voice_settings_are_stored_typed(cli_site):
    for key, value in (("voice.quiet_hours", "21:00-7:00"), ("voice.speaker", "tidak"), ("voice.volume", "80")):
        assert run_kiosk(cli_site, "config", "set", key, value).returncode == 0
    values = json.loads(run_kiosk(cli_site, "config", "show", "--json").stdout)
    assert values["voice.quiet_hours"] == "21:00-07:00" and values["voice.speaker"] is False
    assert values["voice.volume"] == 80
