"""The queue as citizens and operators live it: no orphan tickets, honest waits, counter states, one key per
citizen, calling a number out of order, transfers to a counter, local applications finished here."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk import applications, tickets
from kiosk.errors import IllegalTransition, InputError
from tests.conftest import kiosk_json, run_kiosk

ACTOR = "budi"
NIK = "6402124501900003"


def issue(store, clock, service="KTP", **kw):
    with store.transaction() as s:
        return tickets.issue_ticket(s, service, now=clock.now(), **kw)


def ticket_info(store, ticket):
    with store.read() as s:
        return tickets.ticket_dict(s, s.get(tickets.Ticket, ticket.id))


def test_a_service_no_counter_serves_is_not_offered_and_not_issued(store, clock):
    # Counter 1 serves KTP and KK only (the `store` fixture): a death certificate would be an orphan.
    with store.read() as s:
        availability = tickets.service_availability(s)
    assert availability["KTP"] == {"available": True, "reason": None, "notice": None}
    assert availability["AKMATI"]["available"] is False
    with pytest.raises(InputError, match="belum dilayani loket"):
        issue(store, clock, "AKMATI")


def test_a_service_whose_counters_all_rest_is_offered_with_a_notice(store, clock):
    with store.transaction() as s:
        tickets.set_counter_state(s, 1, "paused", now=clock.now(), reason="istirahat siang")
        availability = tickets.service_availability(s)
    assert availability["KK"] == {"available": True, "reason": None, "notice": "Loket sedang istirahat"}
    assert availability["KTP"]["notice"] is None  # counter 2 still serves KTP
    issue(store, clock, "KK")  # still issued: the citizen waits for the counter to come back
    with store.transaction() as s, pytest.raises(IllegalTransition, match="istirahat"):
        tickets.call_next(s, 1, now=clock.now(), actor=ACTOR)
    with store.transaction() as s:
        tickets.set_counter_state(s, 1, "open", now=clock.now())
        assert tickets.call_next(s, 1, now=clock.now(), actor=ACTOR).service_code == "KK"


def test_the_wait_counts_everyone_ahead_in_the_serving_counters_call_order(store, clock):
    # Three KTP tickets, then a KK one: only counter 1 serves KK, and it calls the KTP tickets first.
    for _ in range(3):
        issue(store, clock, "KTP")
        clock.advance(seconds=10)
    kk = issue(store, clock, "KK")
    info = ticket_info(store, kk)
    assert info["people_ahead"] == 3 and info["position"] == 4
    # 3 ahead x the catalog's typical minutes / 1 open counter serving KK.
    with store.read() as s:
        typical = s.get(tickets.Service, "KK").avg_service_minutes
    assert info["estimated_wait_minutes"] == 3 * typical


def test_the_wait_is_shared_by_the_open_counters_and_follows_their_state(store, clock):
    for _ in range(4):
        issue(store, clock, "KTP")
        clock.advance(seconds=10)
    last = issue(store, clock, "KTP")
    both = ticket_info(store, last)["estimated_wait_minutes"]
    with store.transaction() as s:
        tickets.set_counter_state(s, 2, "closed", now=clock.now())
    one = ticket_info(store, last)["estimated_wait_minutes"]
    assert one == 2 * both  # two counters served it, now one


def test_one_key_per_citizen_finishes_and_calls_the_next(store, clock):
    first, second = issue(store, clock), issue(store, clock)
    with store.transaction() as s:
        finished, called = tickets.next_citizen(s, 2, now=clock.now(), actor=ACTOR)
        assert finished is None and called.id == first.id
    with store.transaction() as s, pytest.raises(IllegalTransition, match="belum dilayani"):
        tickets.next_citizen(s, 2, now=clock.now(), actor=ACTOR)
    with store.transaction() as s:
        tickets.start_service(s, first.id, 2, now=clock.now(), actor=ACTOR)
    clock.advance(minutes=4)
    with store.transaction() as s:
        finished, called = tickets.next_citizen(s, 2, now=clock.now(), actor=ACTOR)
        assert finished.id == first.id and finished.status == "done" and called.id == second.id


def test_calling_a_number_out_of_order_and_only_a_counters_own(store, clock):
    a1, a2, b1 = issue(store, clock, "KTP"), issue(store, clock, "KTP"), issue(store, clock, "KK")
    with store.transaction() as s:
        assert tickets.call_number(s, 1, a2.number, now=clock.now(), actor=ACTOR).id == a2.id
    with store.transaction() as s, pytest.raises(IllegalTransition, match="bukan untuk loket 2"):
        tickets.call_number(s, 2, b1.number, now=clock.now(), actor=ACTOR)  # counter 2 serves KTP only
    with store.transaction() as s, pytest.raises(IllegalTransition, match="bukan menunggu"):
        tickets.call_number(s, 2, a2.number, now=clock.now(), actor=ACTOR)
    with store.transaction() as s:
        assert tickets.call_next(s, 2, now=clock.now(), actor=ACTOR).id == a1.id


def test_a_transfer_to_a_counter_is_called_there_only_and_keeps_the_place(store, clock):
    early = issue(store, clock, "KTP")
    clock.advance(minutes=1)
    later = issue(store, clock, "KTP")
    with store.transaction() as s:
        tickets.call_number(s, 1, early.number, now=clock.now(), actor=ACTOR)
        tickets.start_service(s, early.id, 1, now=clock.now(), actor=ACTOR)
        moved = tickets.transfer(s, early.id, None, 1, now=clock.now(), actor=ACTOR, to_counter=2)
        moved_id = moved.id
        assert (moved.service_code, moved.assigned_counter) == ("KTP", 2)
    with store.transaction() as s:
        called = tickets.call_next(s, 2, now=clock.now(), actor=ACTOR)
        assert called.id == moved_id, "the transferred citizen keeps their place, at counter 2"
    with store.transaction() as s:
        tickets.no_show(s, moved_id, 2, now=clock.now(), actor=ACTOR)
        assert tickets.call_next(s, 1, now=clock.now(), actor=ACTOR).id == later.id
    with store.transaction() as s, pytest.raises(InputError, match="sudah di loket"):
        tickets.transfer(s, later.id, None, 1, now=clock.now(), actor=ACTOR, to_counter=1)


def test_a_paused_counter_cannot_pause_with_a_citizen_and_shows_on_the_board(store, clock):
    issue(store, clock)
    with store.transaction() as s:
        tickets.call_next(s, 2, now=clock.now(), actor=ACTOR)
        with pytest.raises(IllegalTransition, match="masih dipanggil"):
            tickets.set_counter_state(s, 2, "paused", now=clock.now(), reason="sholat")
        tickets.set_counter_state(s, 1, "paused", now=clock.now(), reason="  sholat\x00 ")
        board = tickets.display_board(s, now=clock.now())
    states = {c["counter"]: (c["state"], c["reason"]) for c in board["counters"]}
    assert states == {1: ("paused", "sholat"), 2: ("open", None)}


def test_a_local_application_is_finished_here_and_a_forwarded_one_is_not(store, clock):
    with store.transaction() as s:
        local = applications.new_application(s, service_code="KTP", nik=NIK, name="Siti", operator=ACTOR,
                                             now=clock.now())
        assert local.status == "received"
        applications.set_status(s, local, "ready", actor=ACTOR, now=clock.now())
        applications.hand_over(s, local, actor=ACTOR, now=clock.now() + timedelta(minutes=5))
        assert local.status == "handed_over"
        forwarded = applications.new_application(s, service_code="PBG", nik=NIK, name="Siti", operator=ACTOR,
                                                 now=clock.now())
        assert forwarded.status == "forwarded"
        with pytest.raises(IllegalTransition):
            applications.set_status(s, forwarded, "ready", actor=ACTOR, now=clock.now())


def test_the_commands(cli_site):
    assert run_kiosk(cli_site, "counter", "set", "2", "--services", "KTP").returncode == 0
    orphan = run_kiosk(cli_site, "ticket", "issue", "AKMATI")
    assert orphan.returncode == 2 and orphan.stderr.count("\n") == 1
    a1, a2 = (kiosk_json(cli_site, "ticket", "issue", "KTP")["number"] for _ in range(2))
    assert kiosk_json(cli_site, "ticket", "call", "--counter", "1", "--number", a2)["number"] == a2
    paused = kiosk_json(cli_site, "counter", "pause", "2", "--reason", "istirahat siang")
    assert (paused["state"], paused["reason"]) == ("paused", "istirahat siang")
    refused = run_kiosk(cli_site, "ticket", "call", "--counter", "2")
    assert refused.returncode == 2 and "istirahat" in refused.stderr
    assert kiosk_json(cli_site, "counter", "open", "2")["state"] == "open"
    assert run_kiosk(cli_site, "ticket", "start", a2, "--counter", "1").returncode == 0
    nxt = kiosk_json(cli_site, "ticket", "next", "--counter", "1")
    assert (nxt["finished"], nxt["number"]) == (a2, a1)
    assert kiosk_json(cli_site, "counter", "close", "2")["state"] == "closed"
    listed = {c["counter"]: c["state"] for c in kiosk_json(cli_site, "counter", "list")}
    assert listed == {1: "open", 2: "closed"}
    app = kiosk_json(cli_site, "application", "new", "--service", "KTP", "--nik", NIK, "--name", "Siti")
    done = kiosk_json(cli_site, "application", "set-status", app["registration_number"], "ready")
    assert done["status"] == "ready"
    no_reason = run_kiosk(cli_site, "application", "set-status", app["registration_number"], "rejected")
    assert no_reason.returncode == 2
