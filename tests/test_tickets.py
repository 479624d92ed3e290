"""The queue state machine, numbering, priority fairness and wait estimates, on a real SQLite store."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk import tickets
from kiosk.errors import IllegalTransition, InputError, NotFound, QueueEmpty
from kiosk.models import Counter, OutboxMutation, Ticket, TicketEvent

ACTOR = "budi"


def issue(store, clock, service="KTP", **kw):
    with store.transaction() as s:
        return tickets.issue_ticket(s, service, now=clock.now(), **kw)


def call(store, clock, counter=1, **kw):
    with store.transaction() as s:
        return tickets.call_next(s, counter, now=clock.now(), actor=ACTOR, **kw)


def act(store, clock, fn, number, *args, **kw):
    with store.transaction() as s:
        return fn(s, number, *args, now=clock.now(), actor=ACTOR, **kw)


def status_of(store, ticket_id):
    with store.read() as s:
        return s.get(Ticket, ticket_id).status


def test_numbers_are_per_prefix_and_day_and_reset_on_a_new_local_day(store, clock):
    assert [issue(store, clock).number for _ in range(3)] == ["A-001", "A-002", "A-003"]
    assert issue(store, clock, "KK").number == "B-001"
    clock.at = clock.at.replace(hour=23, minute=59)
    assert issue(store, clock).number == "A-004"
    clock.advance(minutes=2)  # past midnight WITA (still the previous day in UTC)
    assert issue(store, clock).number == "A-001"


def test_full_happy_path_appends_an_event_per_transition(store, clock):
    t = issue(store, clock)
    called = call(store, clock)
    assert called.id == t.id and called.counter == 1
    act(store, clock, tickets.start_service, "A-001", 1)
    done = act(store, clock, tickets.finish, "a1", 1)
    assert done.status == "done"
    with store.read() as s:
        events = s.scalars(select(TicketEvent).where(TicketEvent.ticket_id == t.id).order_by(TicketEvent.id)).all()
        assert [(e.from_status, e.to_status) for e in events] == [
            (None, "waiting"), ("waiting", "called"), ("called", "serving"), ("serving", "done")]
        assert all(e.actor in (ACTOR, "kiosk") for e in events)
        assert events[1].counter == 1


LEGAL = {
    "waiting": {"called", "cancelled"},
    "called": {"called", "serving", "waiting", "no_show", "cancelled"},
    "serving": {"done", "transferred"},
    "no_show": {"waiting"},
    "done": set(), "transferred": set(), "cancelled": set(),
}


def drive_to(store, clock, state):
    """A fresh ticket in `state` at counter 1 (the counter is left free for the next one)."""
    t = issue(store, clock)
    n = t.number
    with store.transaction() as s:
        ticket = s.get(Ticket, t.id)
        if state == "waiting":
            return n
        tickets.call_next(s, 1, now=clock.now(), actor=ACTOR)
        path = {
            "called": [], "serving": [tickets.start_service], "done": [tickets.start_service, tickets.finish],
            "no_show": [tickets.no_show], "transferred": [tickets.start_service],
        }
        if state == "cancelled":
            tickets.cancel(s, n, now=clock.now(), actor=ACTOR, counter=1)
        for fn in path.get(state, []):
            fn(s, n, 1, now=clock.now(), actor=ACTOR)
        if state == "transferred":
            tickets.transfer(s, n, "KK", 1, now=clock.now(), actor=ACTOR)
        assert ticket.status == state
    return n


ACTIONS = {
    "called": lambda s, n, now: tickets.recall(s, n, 1, now=now, actor=ACTOR),
    "serving": lambda s, n, now: tickets.start_service(s, n, 1, now=now, actor=ACTOR),
    "waiting": lambda s, n, now: (tickets.reactivate(s, n, now=now, actor=ACTOR)
                                  if s.scalar(select(Ticket.status).where(Ticket.number == n)) == "no_show"
                                  else tickets.return_to_queue(s, n, 1, now=now, actor=ACTOR)),
    "done": lambda s, n, now: tickets.finish(s, n, 1, now=now, actor=ACTOR),
    "no_show": lambda s, n, now: tickets.no_show(s, n, 1, now=now, actor=ACTOR),
    "transferred": lambda s, n, now: tickets.transfer(s, n, "KK", 1, now=now, actor=ACTOR),
    "cancelled": lambda s, n, now: tickets.cancel(s, n, now=now, actor=ACTOR),
}


@pytest.mark.parametrize("start", sorted(LEGAL))
@pytest.mark.parametrize("target", sorted(ACTIONS))
def test_every_transition_is_allowed_or_refused_by_the_table(store, clock, start, target):
    number = drive_to(store, clock, start)
    if start == "waiting" and target == "called":
        pytest.skip("waiting -> called happens only through call_next")
    legal = target in LEGAL[start]
    with store.transaction() as s:
        before = s.scalar(select(Ticket.status).where(Ticket.number == number))
    if legal:
        with store.transaction() as s:
            ACTIONS[target](s, number, clock.now())
        with store.read() as s:
            assert s.scalar(select(Ticket.status).where(Ticket.number == number)) == target
    else:
        with pytest.raises(IllegalTransition), store.transaction() as s:
            ACTIONS[target](s, number, clock.now())
        with store.read() as s:  # refused: nothing changed, no event written
            assert s.scalar(select(Ticket.status).where(Ticket.number == number)) == before


def test_call_next_is_refused_while_the_counter_has_a_ticket(store, clock):
    issue(store, clock)
    issue(store, clock)
    call(store, clock)
    with pytest.raises(IllegalTransition, match="loket 1"):
        call(store, clock)
    act(store, clock, tickets.start_service, "A-001", 1)
    with pytest.raises(IllegalTransition):
        call(store, clock)
    act(store, clock, tickets.finish, "A-001", 1)
    assert call(store, clock).number == "A-002"


def test_empty_queue_and_unconfigured_counter(store, clock):
    with pytest.raises(QueueEmpty, match="queue empty"):
        call(store, clock)
    with pytest.raises(InputError, match="loket 7"):
        call(store, clock, counter=7)


def test_counter_only_calls_its_services(store, clock):
    issue(store, clock, "KK")
    with pytest.raises(QueueEmpty):
        call(store, clock, counter=2)  # counter 2 serves KTP only
    assert call(store, clock, counter=1).number == "B-001"


def test_another_counters_ticket_cannot_be_acted_on(store, clock):
    issue(store, clock)
    call(store, clock, counter=1)
    with pytest.raises(IllegalTransition, match="loket 1"):
        act(store, clock, tickets.start_service, "A-001", 2)


def test_priority_goes_first_but_never_more_than_n_in_a_row(store, clock):
    normal = [issue(store, clock).number for _ in range(2)]
    clock.advance(minutes=1)
    prio = [issue(store, clock, priority="lansia").number for _ in range(4)]
    order = []
    for _ in range(6):
        t = call(store, clock, max_priority_in_row=2)
        order.append(t.number)
        act(store, clock, tickets.start_service, t.number, 1)
        act(store, clock, tickets.finish, t.number, 1)
    assert order == [prio[0], prio[1], normal[0], prio[2], prio[3], normal[1]]


def test_priority_runs_on_when_no_normal_ticket_waits(store, clock):
    prio = [issue(store, clock, priority="hamil").number for _ in range(3)]
    got = []
    for _ in range(3):
        t = call(store, clock, max_priority_in_row=1)
        got.append(t.number)
        act(store, clock, tickets.no_show, t.number, 1)
    assert got == prio


def test_recall_is_counted_and_return_keeps_the_place(store, clock):
    first = issue(store, clock)
    clock.advance(minutes=1)
    issue(store, clock)
    call(store, clock)
    t = act(store, clock, tickets.recall, "A-001", 1)
    t = act(store, clock, tickets.recall, "A-001", 1)
    assert t.recall_count == 2
    act(store, clock, tickets.return_to_queue, "A-001", 1)
    assert call(store, clock).id == first.id  # back at its original place, ahead of A-002


def test_no_show_reactivation_keeps_arrival(store, clock):
    first = issue(store, clock)
    clock.advance(minutes=5)
    issue(store, clock)
    call(store, clock)
    act(store, clock, tickets.no_show, "A-001", 1)
    with store.transaction() as s:
        t = tickets.reactivate(s, "A-001", now=clock.now(), actor=ACTOR)
        assert t.arrival_at == first.arrival_at
    assert call(store, clock).id == first.id


def test_transfer_makes_a_new_waiting_ticket_keeping_arrival_and_priority(store, clock):
    clock.advance(minutes=1)
    issue(store, clock, "KK")  # already waiting for KK, arrived later than our citizen? no: earlier
    clock.at = clock.at.replace(hour=7)
    original = issue(store, clock, priority="disabilitas")
    clock.at = clock.at.replace(hour=9)
    call(store, clock, counter=2)
    act(store, clock, tickets.start_service, original.number, 2)
    with store.transaction() as s:
        new = tickets.transfer(s, original.number, "KK", 2, now=clock.now(), actor=ACTOR)
        assert (new.service_code, new.status, new.number) == ("KK", "waiting", "B-002")
        assert new.arrival_at == original.arrival_at and new.priority == "disabilitas"
        assert new.transferred_from == original.id
        assert s.get(Ticket, original.id).status == "transferred"
        assert tickets.people_ahead(s, new) == 0
    with pytest.raises(InputError), store.transaction() as s:
        tickets.transfer(s, "B-002", "NOPE", 1, now=clock.now(), actor=ACTOR)


def test_day_end_cancels_open_tickets_of_earlier_days_and_deletes_nothing(store, clock):
    for _ in range(3):
        issue(store, clock)
    call(store, clock)
    act(store, clock, tickets.start_service, "A-001", 1)
    act(store, clock, tickets.finish, "A-001", 1)
    call(store, clock)
    clock.advance(days=1)
    with store.transaction() as s:
        assert tickets.close_day(s, now=clock.now()) == 2
    with store.read() as s:
        rows = s.scalars(select(Ticket).order_by(Ticket.seq)).all()
        assert [(t.status, t.close_reason) for t in rows] == [
            ("done", None), ("cancelled", "day_end"), ("cancelled", "day_end")]
    with pytest.raises(QueueEmpty):
        call(store, clock)  # yesterday's tickets are never called today
    with store.transaction() as s:
        assert tickets.close_day(s, now=clock.now()) == 0


def test_wait_estimate_uses_people_ahead_and_recent_median(store, clock):
    # Three finished services of 4, 10 and 6 minutes -> median 6.
    for minutes in (4, 10, 6):
        t = issue(store, clock)
        call(store, clock, counter=2)
        act(store, clock, tickets.start_service, t.number, 2)
        clock.advance(minutes=minutes)
        act(store, clock, tickets.finish, t.number, 2)
    for _ in range(3):
        issue(store, clock)
    with store.transaction() as s:
        s.get(Counter, 1).services = ["KK"]  # one counter serves KTP
        t = tickets.issue_ticket(s, "KTP", now=clock.now())
        d = tickets.ticket_dict(s, t)
    assert (d["people_ahead"], d["position"], d["estimated_wait_minutes"]) == (3, 4, 18)


def test_unknown_things_are_input_errors(store, clock):
    with pytest.raises(NotFound):
        issue(store, clock, "XYZ")
    with pytest.raises(InputError):
        issue(store, clock, priority="vip")
    with pytest.raises(InputError):
        act(store, clock, tickets.finish, "not-a-number", 1)
    with pytest.raises(NotFound):
        act(store, clock, tickets.finish, "Z-999", 1)


def test_outbox_gets_one_mutation_per_change_with_contiguous_seq(store, clock):
    issue(store, clock)
    call(store, clock)
    act(store, clock, tickets.start_service, "A-001", 1)
    with pytest.raises(IllegalTransition):
        act(store, clock, tickets.no_show, "A-001", 1)
    with store.read() as s:
        rows = s.scalars(select(OutboxMutation).order_by(OutboxMutation.seq)).all()
    assert [r.seq for r in rows] == [1, 2, 3]
    assert [r.name for r in rows] == ["ticket.issued", "ticket.event", "ticket.event"]


def test_the_open_queue_in_one_pass_says_what_each_ticket_alone_says(store, clock):
    """Every counter's refresh lists the whole queue; counting everyone ahead in memory must give, ticket
    by ticket, the people ahead, position and wait that `ticket issue --json` gives."""
    import random

    rng = random.Random(7)
    with store.transaction() as s:
        tickets.set_counter(s, 1, ["KTP", "KK"], now=clock.now())
        tickets.set_counter(s, 2, ["KTP"], now=clock.now())
        tickets.set_counter(s, 3, ["AKLAHIR"], now=clock.now())
        tickets.set_counter_state(s, 3, "paused", now=clock.now(), reason="sholat")
    for i in range(40):
        clock.advance(seconds=rng.randint(5, 90))
        issue(store, clock, rng.choice(["KTP", "KK", "AKLAHIR"]),
              priority=rng.choice([None, None, None, "lansia"]))
        if i % 6 == 5:  # serve some, transfer one to a counter, so done times and assignments exist
            called = call(store, clock, counter=1)
            act(store, clock, tickets.start_service, called.number, 1)
            clock.advance(seconds=rng.randint(60, 400))
            if i % 12 == 11:
                with store.transaction() as s:
                    tickets.transfer(s, called.number, None, 1, now=clock.now(), actor="op", to_counter=2)
            else:
                act(store, clock, tickets.finish, called.number, 1)
    with store.read() as s:
        queue = tickets.open_queue(s, now=clock.now())
        one_by_one = [tickets.ticket_dict(s, t) for t in queue]
        together = tickets.ticket_dicts(s, queue)
    assert len(queue) > 20 and any(d["assigned_counter"] for d in together)
    assert any(d["estimated_wait_minutes"] for d in together)
    assert together == one_by_one
