"""Generated speech and chime are real sound of the right length; playback keeps time on the null device."""

from __future__ import annotations

import time

import pytest

from kiosk.voice import audio, speech, text
from kiosk.voice.player import Player

SAMPLE = "Nomor antrian A dua puluh lima, silakan menuju loket dua."


@pytest.fixture(scope="module")
def engine():
    return speech.engine()


def test_the_engine_is_espeak_ng_speaking_indonesian(engine):
    assert engine.name.startswith("espeak-ng 1.") and engine.name.endswith("(id)")
    assert engine.rate == audio.SAMPLE_RATE


def test_an_announcement_is_sound_of_a_plausible_length(engine):
    clip = engine.render(SAMPLE)
    words = len(SAMPLE.split())
    # 150 words a minute is 0.4 s a word; Indonesian words are long (nomor, antrian, silakan): 0.3-0.9 s each.
    assert 0.3 * words <= clip.seconds <= 0.9 * words
    assert clip.peak() > 8000                         # loud, not a whisper
    assert clip.voiced_seconds() > 0.6 * clip.seconds  # mostly voice, not silence


def test_speed_and_volume_change_the_sound(engine):
    normal, fast, slow = (engine.render(SAMPLE, speed=s) for s in (100, 200, 50))
    assert fast.seconds < 0.7 * normal.seconds < slow.seconds * 0.7
    quiet = engine.render(SAMPLE, volume=25)
    assert quiet.peak() < 0.5 * normal.peak()
    assert engine.render(SAMPLE, volume=0).peak() < 200


def test_longer_texts_take_longer(engine):
    short = engine.render(text.announcement_text("A-001", 1))
    long = engine.render(text.announcement_text("A-999", 12, "Perekaman & Pencetakan KTP-el", recall=1))
    assert long.seconds > short.seconds + 1.5


def test_the_chime_rings_and_fades(engine):
    chime = audio.chime()
    assert 1.0 < chime.seconds < 2.0
    assert chime.peak() > 10000
    tail = audio.Clip(chime.samples[-200:], chime.rate)
    assert tail.peak() < 300                     # faded out: no click where the voice follows
    assert audio.chime(50).peak() < 0.6 * chime.peak()


def test_wav_round_trip():
    clip = audio.join(audio.chime(), audio.silence(0.3))
    again = audio.read_wav(clip.wav())
    assert again == clip
    assert len(clip.wav()) == 44 + 2 * clip.frames


def test_player_plays_clips_in_order_in_real_time_without_cutting_any():
    player = Player("null")
    first, second = audio.chime(), audio.silence(0.5)
    started = time.monotonic()
    try:
        a = player.enqueue(first)
        b = player.enqueue(second)   # queued while the first plays: must wait its turn, not cut it
        player.wait(b)
    finally:
        player.close()
    assert player.backend == "Null"
    assert a.offset == len(first.samples) and b.offset == len(second.samples)
    assert a.handed_at <= b.started_at
    assert player.frames_handed == first.frames + second.frames
    assert time.monotonic() - started >= first.seconds + second.seconds  # the null device keeps real time


def test_a_closed_player_releases_whoever_waits():
    player = Player("null")
    item = player.enqueue(audio.silence(5.0))
    player.close(drain=False)
    assert player.wait(item).cancelled
