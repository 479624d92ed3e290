"""The queue as users act on it: take a ticket, call, recall, serve, finish, no-show, return, transfer...

Each op is one transaction and returns the ticket as `kiosk.tickets.ticket_dict` shapes it (the JSON of
`kiosk ticket ... --json`). The read ops give the screens what they show (a counter's panel, the TV board).
"""

from __future__ import annotations

from kiosk import tickets
from kiosk.ops.printing import request as print_request
from kiosk.ops.printing import ticket_content
from kiosk.ops.registry import LOCAL, op


@op("ticket.issue")
def issue_ticket(ctx, *, service: str, priority: str | None = None, print: bool = False) -> dict:
    """Take a queue number; with `print`, its print job is queued in the same transaction."""
    with ctx.store.transaction() as s:
        ticket = tickets.issue_ticket(s, service, priority=priority, now=ctx.now(), actor=ctx.actor)
        data = tickets.ticket_dict(s, ticket)
        if print:
            data["print"] = print_request(ctx, s, "ticket", ticket_content(s, ticket, data))
    return data


@op("ticket.call")
def call_next(ctx, *, counter: int, number: str | None = None) -> dict:
    """Call the next waiting ticket for a counter (QueueEmpty when nobody waits), or the given `number`
    out of order."""
    with ctx.store.transaction() as s:
        if number:
            ticket = tickets.call_number(s, counter, number, now=ctx.now(), actor=ctx.actor)
        else:
            ticket = tickets.call_next(s, counter, now=ctx.now(), actor=ctx.actor,
                                       max_priority_in_row=ctx.settings.max_priority_in_row)
        return tickets.ticket_dict(s, ticket)


@op("ticket.next")
def next_citizen(ctx, *, counter: int) -> dict:
    """One key per citizen: finish the ticket being served at the counter and call the next one:
    the called ticket, with `finished` (the number finished, or None)."""
    with ctx.store.transaction() as s:
        finished, called = tickets.next_citizen(s, counter, now=ctx.now(), actor=ctx.actor,
                                                max_priority_in_row=ctx.settings.max_priority_in_row)
        return {**tickets.ticket_dict(s, called), "finished": finished.number if finished else None}


def _act(ctx, action, ticket: str, **kw) -> dict:
    with ctx.store.transaction() as s:
        return tickets.ticket_dict(s, action(s, ticket, now=ctx.now(), actor=ctx.actor, **kw))


@op("ticket.recall")
def recall(ctx, *, ticket: str, counter: int) -> dict:
    """Call the same ticket again."""
    return _act(ctx, tickets.recall, ticket, counter=counter)


@op("ticket.start")
def start_service(ctx, *, ticket: str, counter: int) -> dict:
    """The citizen is at the counter: start serving."""
    return _act(ctx, tickets.start_service, ticket, counter=counter)


@op("ticket.finish")
def finish(ctx, *, ticket: str, counter: int) -> dict:
    """Service finished."""
    return _act(ctx, tickets.finish, ticket, counter=counter)


@op("ticket.no_show")
def no_show(ctx, *, ticket: str, counter: int) -> dict:
    """The called citizen did not come."""
    return _act(ctx, tickets.no_show, ticket, counter=counter)


@op("ticket.return")
def return_to_queue(ctx, *, ticket: str, counter: int) -> dict:
    """Put a called ticket back in the queue at its place."""
    return _act(ctx, tickets.return_to_queue, ticket, counter=counter)


@op("ticket.reactivate")
def reactivate(ctx, *, ticket: str, counter: int | None = None) -> dict:
    """A no-show came back: waiting again, keeping their arrival time."""
    return _act(ctx, tickets.reactivate, ticket, counter=counter)


@op("ticket.cancel")
def cancel(ctx, *, ticket: str, counter: int | None = None) -> dict:
    """Cancel a waiting or called ticket."""
    return _act(ctx, tickets.cancel, ticket, counter=counter)


@op("ticket.transfer")
def transfer(ctx, *, ticket: str, counter: int, to_service: str | None = None, to_counter: int | None = None,
             print: bool = False) -> dict:
    """Send a served citizen to another service or to another counter; the new ticket keeps their place
    (and prints, if asked)."""
    with ctx.store.transaction() as s:
        new = tickets.transfer(s, ticket, to_service, counter, now=ctx.now(), actor=ctx.actor,
                               to_counter=to_counter)
        data = tickets.ticket_dict(s, new)
        if print:
            data["print"] = print_request(ctx, s, "ticket", ticket_content(s, new, data))
    return data


@op("ticket.show", write=False)
def show_ticket(ctx, *, ticket: str) -> dict:
    """A ticket (by today's number or its UUID) with its events."""
    with ctx.store.read() as s:
        found = tickets.find_ticket(s, ticket, now=ctx.now())
        data = tickets.ticket_dict(s, found)
        data["history"] = tickets.ticket_history(s, found)
    return data


@op("queue.list", write=False)
def open_queue(ctx) -> list[dict]:
    """Today's open tickets in call order (called/serving first)."""
    with ctx.store.read() as s:
        return tickets.ticket_dicts(s, tickets.open_queue(s, now=ctx.now()))


@op("day.close")
def close_day(ctx) -> dict:
    """Close the open tickets of earlier days (cancelled, day_end)."""
    with ctx.store.transaction() as s:
        return {"closed": tickets.close_day(s, now=ctx.now(), actor=ctx.actor)}


@op("queue.counter_panel", write=False)
def counter_panel(ctx, *, counter: int) -> dict:
    """What a counter's queue tab shows: its services, its active ticket and the tickets it may call."""
    with ctx.store.read() as s:
        return tickets.counter_panel(s, counter, now=ctx.now())


@op("queue.display_board", write=False)
def display_board(ctx) -> dict:
    """What the TV shows: each counter's current ticket, the last calls, waiting per service, running text."""
    with ctx.store.read() as s:
        return tickets.display_board(s, now=ctx.now())


@op("queue.calls", write=False)
def calls(ctx, *, after: int | None = None, limit: int = 50) -> dict:
    """What the TV announces: {latest: the newest call event's id, calls: call events after `after`, oldest
    first, at most `limit`} (see `tickets.calls_since`)."""
    with ctx.store.read() as s:
        return {"latest": tickets.latest_call_event_id(s), "calls": tickets.calls_since(s, after, limit)}


@op("queue.actions", scope=LOCAL, write=False)
def ticket_actions(ctx=None, *, status: str | None) -> dict:
    """Which counter buttons apply to a ticket in `status` (None: no ticket at the counter)."""
    return tickets.allowed_actions(status)
