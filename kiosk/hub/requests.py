"""Running a joined PC's op on the hub, exactly once.

A write comes with a key chosen by the PC. The op runs inside the request's own transaction (its
`store.transaction()` joins it), and the answer is stored under the key in that same transaction: a
retry after a lost answer, or a spool entry sent again after a crash, gets the stored answer and
changes nothing. Prints are handed back (`prints_here` false): the PC that asked prints on its own printer.
"""

from __future__ import annotations

import inspect
import json
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import delete

from kiosk import errors, ops
from kiosk.errors import InputError, KioskError
from kiosk.models import HubRequest

KEEP_REQUESTS = timedelta(days=30)
# HTTP status of an error a user can cause, by class (the body says which class, for the PC to raise).
_STATUS = {"InputError": 400, "UsageError": 400, "NotFound": 404, "AuthError": 403, "IllegalTransition": 409,
           "QueueEmpty": 409, "NotInitialised": 409}


class _Enlisted:
    """A store whose transactions are the hub request's transaction: the op's writes and the stored
    answer commit together. `completed` tells whether the op's own transaction body finished."""

    def __init__(self, session, path):
        self.session = session
        self.path = path
        self.completed = False

    @contextmanager
    def transaction(self):
        yield self.session
        self.completed = True

    @contextmanager
    def read(self):
        yield self.session


def error_body(exc: KioskError) -> tuple[int, dict]:
    """The HTTP status and body that carry a domain error to the PC (which raises the same class)."""
    name = type(exc).__name__
    status = _STATUS.get(name, 400 if isinstance(exc, InputError) else 409)
    return status, {"error": name, "message": str(exc), "exit_code": exc.exit_code}


def error_class(name: str) -> type[KioskError]:
    """The KioskError subclass called `name` (the hub's answer), KioskError when unknown."""
    pending, found = [KioskError], {}
    while pending:
        cls = pending.pop()
        found[cls.__name__] = cls
        pending.extend(cls.__subclasses__())
    return found.get(name, getattr(errors, name, KioskError))


def execute(app, *, op_name: str, args: dict, actor: str, key: str | None, client: str, now) -> tuple[int, dict]:
    """Run the site op `op_name` for a joined PC; returns (HTTP status, JSON body)."""
    entry = ops.load_all().get(op_name)
    if entry is None or entry.scope != ops.SITE:
        return 404, {"error": "NotFound", "message": f"op tidak dikenal di hub: {op_name!r}", "exit_code": 2}
    if not isinstance(args, dict):
        return 400, {"error": "InputError", "message": "args harus objek JSON", "exit_code": 2}
    try:
        inspect.signature(entry.func).bind(None, **args)
        ops.check_args(args)
    except TypeError as exc:
        return 400, {"error": "InputError", "message": f"argumen {op_name} tidak sah: {exc}", "exit_code": 2}
    except KioskError as exc:
        return error_body(exc)
    try:
        if not entry.write:
            with app.store.read() as s:
                ctx = replace(app, actor=actor, prints_here=False, _store=_Enlisted(s, app.store.path))
                return 200, {"result": entry.func(ctx, **args)}
        with app.store.transaction() as s:
            if key:
                done = s.get(HubRequest, key)
                if done is not None:
                    return done.status, json.loads(done.response)
            enlisted = _Enlisted(s, app.store.path)
            ctx = replace(app, actor=actor, prints_here=False, _store=enlisted)
            try:
                status, body = 200, {"result": entry.func(ctx, **args)}
            except KioskError as exc:
                if not enlisted.completed:
                    raise  # refused inside the op's transaction: nothing of it is kept
                status, body = error_body(exc)  # refused after its transaction (a failed sign-in): kept
            if key:
                s.add(HubRequest(key=key, client=client, op=op_name, status=status,
                                 response=json.dumps(body, ensure_ascii=False, default=str), at=now))
            return status, body
    except KioskError as exc:
        return error_body(exc)


def prune(session, *, now) -> int:
    """Forget answers older than KEEP_REQUESTS (a PC retries within seconds; a spool within days)."""
    return session.execute(delete(HubRequest).where(HubRequest.at < now - KEEP_REQUESTS)).rowcount
