"""The announcement queue over real call events: order, no cut-off, no replay across bursts and restarts.

Playback goes to miniaudio's null device, which keeps real time like a sound card.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import pytest

from kiosk import tickets
from kiosk.voice.announcer import Announcer, CursorFile, VoiceSettings
from kiosk.voice.text import cardinal

FAST = VoiceSettings(speed=200, chime=False, output="null")  # the same path, a shorter wait


class Heard:
    """What the announcer reports, in order."""

    def __init__(self):
        self.events: list[tuple[str, dict, dict]] = []

    def __call__(self, kind, event, info):
        self.events.append((kind, event, info))

    def of(self, kind):
        return [(e, i) for k, e, i in self.events if k == kind]

    def spoken(self):
        return [e["number"] for e, _ in self.of("spoken")]


@pytest.fixture
def hall(site_store, clock):
    with site_store.transaction() as s:
        for n in range(1, 11):
            tickets.set_counter(s, n, ["KTP"], now=clock.now())
    return site_store


def call(store, clock, counter: int) -> str:
    with store.transaction() as s:
        tickets.issue_ticket(s, "KTP", now=clock.now())
        return tickets.call_next(s, counter, now=clock.now(), actor="op").number


def feed(store, announcer) -> int:
    """What the display does on a database change."""
    with store.read() as s:
        if not announcer.resumed:
            announcer.resume(tickets.latest_call_event_id(s))
        return announcer.offer(tickets.calls_since(s, announcer.after))


def make(clock, tmp_path, settings=FAST, heard=None) -> Announcer:
    return Announcer(lambda: settings, clock=clock, cursor=CursorFile(tmp_path / "cursor.json"), listener=heard)


def test_calls_since_gives_plain_dicts_and_recall_ranks(hall, clock):
    first = call(hall, clock, 1)
    with hall.transaction() as s:
        tickets.recall(s, first, 1, now=clock.now(), actor="op")
        tickets.recall(s, first, 1, now=clock.now(), actor="op")
        tickets.return_to_queue(s, first, 1, now=clock.now(), actor="op")
        tickets.call_next(s, 2, now=clock.now(), actor="op")  # called again elsewhere: a first call again
    with hall.read() as s:
        events = tickets.calls_since(s, None)
        assert tickets.latest_call_event_id(s) == events[-1]["event_id"]
        assert tickets.calls_since(s, events[1]["event_id"]) == events[2:]
    assert [(e["number"], e["counter"], e["recall_count"]) for e in events] == [
        (first, 1, 0), (first, 1, 1), (first, 1, 2), (first, 2, 0)]
    assert set(events[0]) == {"event_id", "ticket_id", "number", "counter", "service", "service_name",
                              "recall_count", "at"}
    assert events[0]["service"] == "KTP" and events[0]["service_name"].startswith("Perekaman")
    assert events[0]["at"] == clock.now()


def test_a_fresh_display_starts_after_the_newest_call(hall, clock, tmp_path):
    call(hall, clock, 1)
    heard = Heard()
    announcer = make(clock, tmp_path, heard=heard)
    assert feed(hall, announcer) == 0  # the call made before the display existed is not news
    new = call(hall, clock, 2)
    assert feed(hall, announcer) == 1
    assert feed(hall, announcer) == 0  # offered once only
    assert announcer.wait_idle(30)
    announcer.stop()
    assert heard.spoken() == [new]
    info = heard.of("spoken")[0][1]
    assert info["text"] == "Nomor antrian A dua, silakan menuju loket dua."
    assert info["played_frames"] == info["frames"] and info["backend"] == "Null"


@pytest.mark.slow
def test_a_burst_of_ten_calls_is_spoken_in_order_whole_and_right(hall, clock, tmp_path):
    heard = Heard()
    announcer = make(clock, tmp_path, settings=VoiceSettings(output="null"), heard=heard)  # chime, normal speed
    feed(hall, announcer)
    numbers = []
    for counter in range(1, 11):  # ten counters call at once; the display sees them in a few changes
        numbers.append(call(hall, clock, counter))
        if counter % 3 == 0:
            feed(hall, announcer)
    feed(hall, announcer)
    assert announcer.wait_idle(150)
    announcer.stop()
    spoken = heard.of("spoken")
    assert heard.spoken() == numbers                                    # in order, none dropped, none twice
    for (event, info), number in zip(spoken, numbers, strict=True):   # none wrong
        seq = int(number.split("-")[1])
        assert info["text"] == (f"Nomor antrian A {cardinal(seq)}, silakan menuju loket {cardinal(event['counter'])}.")
        assert info["played_frames"] == info["frames"]                   # none cut off
    for (_e1, before), (_e2, after) in zip(spoken, spoken[1:], strict=False):
        assert after["started_at"] >= before["handed_at"]                # one after the other
    assert not heard.of("dropped") and not heard.of("failed")


def test_a_recall_is_spoken_again_with_its_rank(hall, clock, tmp_path):
    heard = Heard()
    announcer = make(clock, tmp_path, heard=heard)
    feed(hall, announcer)
    number = call(hall, clock, 3)
    with hall.transaction() as s:
        tickets.recall(s, number, 3, now=clock.now(), actor="op")
    feed(hall, announcer)
    assert announcer.wait_idle(30)
    announcer.stop()
    texts = [info["text"] for _e, info in heard.of("spoken")]
    assert texts == ["Nomor antrian A satu, silakan menuju loket tiga.",
                     "Panggilan kedua. Nomor antrian A satu, silakan menuju loket tiga."]


def test_a_restart_never_repeats_a_call_but_says_what_was_cut(hall, clock, tmp_path):
    heard = Heard()
    first = make(clock, tmp_path, heard=heard)
    feed(hall, first)
    numbers = [call(hall, clock, n) for n in (1, 2, 3)]
    feed(hall, first)
    # Stop the display while it speaks the second call: the first is done, the second was cut.
    deadline = time.monotonic() + 30
    while (len(heard.of("spoken")) < 1 or len(heard.of("started")) < 2) and time.monotonic() < deadline:
        time.sleep(0.01)
    first.stop()
    assert heard.spoken() == numbers[:1]
    again = Heard()
    second = make(clock, tmp_path, heard=again)
    feed(hall, second)
    assert second.wait_idle(30)
    assert again.spoken() == numbers[1:]  # the cut one and the one never started; not the first
    third = Heard()
    restarted = make(clock, tmp_path, heard=third)
    assert feed(hall, restarted) == 0     # a restart after everything was said says nothing
    second.stop()
    restarted.stop()


def test_calls_too_old_to_say_are_dropped_with_a_log_line(hall, clock, tmp_path, caplog):
    heard = Heard()
    announcer = make(clock, tmp_path, settings=VoiceSettings(speed=200, chime=False, output="null", max_age=60),
                     heard=heard)
    feed(hall, announcer)
    old = call(hall, clock, 1)
    clock.advance(seconds=90)   # the display was busy or off for a minute and a half
    young = call(hall, clock, 2)
    with caplog.at_level(logging.INFO, logger="kiosk.voice.announcer"):
        feed(hall, announcer)
        assert announcer.wait_idle(30)
    announcer.stop()
    assert heard.spoken() == [young]
    assert [e["number"] for e, _ in heard.of("dropped")] == [old]
    assert f"call {old}" in caplog.text and "90 s old" in caplog.text
    assert CursorFile(tmp_path / "cursor.json").load() == heard.of("spoken")[0][0]["event_id"]


def test_voice_off_quiet_hours_and_another_speaker_skip_but_move_on(hall, clock, tmp_path):
    local = clock.local()
    quiet = f"{local.hour:02d}:00-{(local.hour + 1) % 24:02d}:00"
    for settings in (VoiceSettings(enabled=False, output="null"), VoiceSettings(speaker=False, output="null"),
                     VoiceSettings(quiet_hours=quiet, output="null")):
        heard = Heard()
        announcer = make(clock, tmp_path, settings=settings, heard=heard)
        feed(hall, announcer)
        call(hall, clock, 1)
        feed(hall, announcer)
        assert announcer.wait_idle(10)
        announcer.stop()
        assert heard.spoken() == [] and len(heard.of("skipped")) == 1
        with hall.transaction() as s:  # counter 1 free for the next round
            ticket = tickets.active_ticket(s, 1, tickets.business_day(clock.now()))
            tickets.start_service(s, ticket.id, 1, now=clock.now(), actor="op")
            tickets.finish(s, ticket.id, 1, now=clock.now(), actor="op")


def test_quiet_hours_wrap_midnight():
    from datetime import datetime

    settings = VoiceSettings(quiet_hours="21:00-07:00")
    assert settings.quiet_at(datetime(2026, 11, 30, 22, 0)) and settings.quiet_at(datetime(2026, 11, 30, 6, 59))
    assert not settings.quiet_at(datetime(2026, 11, 30, 7, 0)) and not settings.quiet_at(datetime(2026, 11, 30, 12, 0))
    assert not VoiceSettings().quiet_at(datetime(2026, 11, 30, 3, 0))


def test_a_cursor_ahead_of_the_store_is_reset_to_it(hall, clock, tmp_path):
    CursorFile(tmp_path / "cursor.json").save(10_000)  # a database restored from an older backup
    heard = Heard()
    announcer = make(clock, tmp_path, heard=heard)
    assert announcer.after == 10_000
    feed(hall, announcer)
    assert announcer.after == 0
    new = call(hall, clock, 1)
    feed(hall, announcer)
    assert announcer.wait_idle(30)
    announcer.stop()
    assert heard.spoken() == [new]


def test_old_events_offered_again_are_ignored(clock, tmp_path):
    heard = Heard()
    announcer = make(clock, tmp_path, heard=heard)
    announcer.resume(5)
    at = clock.now() - timedelta(seconds=1)
    events = [{"event_id": i, "ticket_id": str(i), "number": f"A-{i:03d}", "counter": 1, "service": "KTP",
               "recall_count": 0, "at": at} for i in range(3, 8)]
    assert announcer.offer(events) == 2          # 6 and 7: the ones after the cursor
    assert announcer.offer(events[::-1]) == 0    # a live feed that repeats itself changes nothing
    assert announcer.wait_idle(30)
    announcer.stop()
    assert heard.spoken() == ["A-006", "A-007"]
