"""The hub's HTTPS API on the LAN (Starlette on uvicorn), serving the site's use cases to joined PCs.

    GET  /hub/hello                 who this is: site, epoch, role (no token: for finding the hub)
    POST /hub/join                  a PC joins with a pairing proof -> its device token
    POST /ops/{name}                run a site op {args, actor, key} -> {result} | {error, message, exit_code}
    GET  /replica?cursor=C          a page of the change log (or of a snapshot) for the PC's replica
    GET  /events                    server-sent events: the change log's head, at once; a ping every second
    POST /hub/fence                 a PC that follows a newer hub tells this one to stand down
    POST /hub/successor             a promoted hub proves it holds the site to a PC that followed the old one

Every route but hello and join needs the PC's device token (401 without). Blocking work (SQLite) runs
in Starlette's thread pool; a watcher thread notices every commit to the change log — by this process
or any other on the PC (the desktop app, a `kiosk` command) — and pushes it to the live connections.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import threading
import time
from collections import defaultdict, deque
from datetime import datetime

from kiosk.errors import KioskError
from kiosk.hub import certs, changelog, pairing, requests, state

log = logging.getLogger(__name__)

DEFAULT_PORT = 8710
WATCH_SECONDS = 0.05
PING_SECONDS = 1.0
TOUCH_SECONDS = 30.0
MAX_BODY = 4 * 1024 * 1024
JOIN_FAILURES_PER_MINUTE = 5  # per address
JOIN_FAILURES_BEFORE_LOCK = 20  # in 10 minutes from anywhere: every open code is closed


def hub_facts(session, app) -> dict:
    """What a joined PC keeps of its hub (replicated with every page): site, epoch, central identity."""
    from sqlalchemy import select

    from kiosk.models import Device, Meta

    device = session.get(Device, 1)
    sync = {row.key: row.value for row in session.scalars(select(Meta).where(Meta.key.like("sync.%")))}
    return {"site": device.site_code if device else None, "epoch": state.epoch(session),
            "name": device.name if device else None, "sync": sync,
            "outbox_epoch": device.epoch if device else None}


class HubService:
    """The hub's shared state: the opened data dir, its certificate, live subscribers, pending touches."""

    def __init__(self, app, *, port: int = DEFAULT_PORT):
        self.app = app
        self.port = port
        self.fingerprint: str | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        # Each live connection's queue with the event loop it is read on: the HTTPS API and the TV's web
        # display (kiosk.hub.display) are two uvicorn servers, each on its own loop and thread.
        self._subscribers: dict[asyncio.Queue, asyncio.AbstractEventLoop] = {}
        self._head = 0
        self._stop = threading.Event()
        self._poke = threading.Event()
        self._touches: dict[str, tuple[datetime, str | None, int | None]] = {}
        self._touch_lock = threading.Lock()
        self._join_failures: dict[str, deque] = defaultdict(deque)
        self._all_failures: deque = deque()

    # --- the change-log watcher ------------------------------------------------------------------------

    def start_watcher(self) -> threading.Thread:
        thread = threading.Thread(target=self._watch, name="hub-watcher", daemon=True)
        thread.start()
        return thread

    def poke(self) -> None:
        """This process just committed: look at the change log now instead of at the next tick."""
        self._poke.set()

    def _watch(self) -> None:
        conn = sqlite3.connect(f"file:{self.app.settings.db_path}?mode=ro", uri=True, check_same_thread=False,
                               timeout=1.0)
        version = None
        last_touch = time.monotonic()
        try:
            while not self._stop.is_set():
                try:
                    now_version = conn.execute("PRAGMA data_version").fetchone()[0]
                    if now_version != version:
                        version = now_version
                        head = conn.execute("SELECT max(id) FROM site_changes").fetchone()[0] or 0
                        if head != self._head:
                            self._head = head
                            self._publish(head)
                except sqlite3.Error as exc:
                    log.warning("change-log watcher: %s", exc)
                if time.monotonic() - last_touch >= TOUCH_SECONDS:
                    last_touch = time.monotonic()
                    self._flush_touches()
                self._poke.wait(WATCH_SECONDS)
                self._poke.clear()
        finally:
            conn.close()

    def _publish(self, head: int) -> None:
        for queue, loop in list(self._subscribers.items()):
            try:
                loop.call_soon_threadsafe(_offer, queue, head)
            except RuntimeError:  # that server's loop has closed (it is stopping): nobody reads there
                self._subscribers.pop(queue, None)

    @property
    def head(self) -> int:
        """The change log's newest id, as the watcher last saw it."""
        return self._head

    def subscribe(self) -> asyncio.Queue:
        """A queue that gets the change log's head on every commit; call from the loop that reads it."""
        queue: asyncio.Queue = asyncio.Queue(maxsize=1)
        self._subscribers[queue] = asyncio.get_running_loop()
        return queue

    def unsubscribe(self, queue: asyncio.Queue) -> None:
        self._subscribers.pop(queue, None)

    def stop(self) -> None:
        self._stop.set()
        self._poke.set()
        self._flush_touches()

    # --- clients ---------------------------------------------------------------------------------------

    def authenticate(self, request) -> str | None:
        """The joined PC's name for this request's device token, or None."""
        header = request.headers.get("authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else None
        if not token:
            return None
        with self.app.store.read() as s:
            client = pairing.authenticate(s, token)
            return client.name if client is not None else None

    def touch(self, name: str, address: str | None, cursor: int | None = None) -> None:
        """Remember when a PC was last heard from (written every TOUCH_SECONDS, not on every request)."""
        with self._touch_lock:
            previous = self._touches.get(name)
            if cursor is None and previous is not None:
                cursor = previous[2]
            self._touches[name] = (self.app.now(), address, cursor)

    def _flush_touches(self) -> None:
        from sqlalchemy import select

        from kiosk.models import HubClient

        with self._touch_lock:
            touches, self._touches = self._touches, {}
        if not touches:
            return
        try:
            with self.app.store.transaction() as s:
                for client in s.scalars(select(HubClient).where(HubClient.name.in_(list(touches)))):
                    seen, address, cursor = touches[client.name]
                    client.last_seen, client.address = seen, address or client.address
                    if cursor is not None:
                        client.cursor = cursor
                slowest = [c.cursor or 0 for c in pairing.clients(s)]
                changelog.prune(s, min(slowest) if slowest else None)
                requests.prune(s, now=self.app.now())
        except KioskError as exc:
            log.warning("recording joined PCs' last contact failed: %s", exc)

    def join_allowed(self, address: str) -> bool:
        cutoff = time.monotonic() - 60
        failures = self._join_failures[address]
        while failures and failures[0] < cutoff:
            failures.popleft()
        return len(failures) < JOIN_FAILURES_PER_MINUTE

    def join_failed(self, address: str) -> None:
        now = time.monotonic()
        self._join_failures[address].append(now)
        self._all_failures.append(now)
        while self._all_failures and self._all_failures[0] < now - 600:
            self._all_failures.popleft()
        if len(self._all_failures) >= JOIN_FAILURES_BEFORE_LOCK:
            self._all_failures.clear()
            with self.app.store.transaction() as s:
                closed = pairing.expire_all(s, now=self.app.now())
            log.warning("too many wrong pairing proofs: %d open code(s) closed", closed)


def _offer(queue: asyncio.Queue, head: int) -> None:
    """Keep only the newest head in a subscriber's queue (a slow reader catches up in one pull)."""
    if queue.full():
        try:
            queue.get_nowait()
        except asyncio.QueueEmpty:
            pass
    queue.put_nowait(head)


def create_app(service: HubService):
    """The Starlette application of one hub."""
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import JSONResponse, StreamingResponse
    from starlette.routing import Route

    app = service.app

    def unauthorized() -> JSONResponse:
        return JSONResponse({"error": "AuthError", "message": "PC ini tidak terdaftar di hub (token ditolak); "
                             "pasangkan lagi dengan `kiosk join` (device token refused)", "exit_code": 2},
                            status_code=401)

    async def body_of(request: Request) -> dict:
        raw = b""
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_BODY:
                raise ValueError("body too large")
        data = json.loads(raw or b"{}")
        if not isinstance(data, dict):
            raise ValueError("body must be an object")
        return data

    def address_of(request: Request) -> str:
        return request.client.host if request.client else "?"

    async def hello(request: Request):
        def read():
            with app.store.read() as s:
                facts = hub_facts(s, app)
                return {"site": facts["site"], "epoch": facts["epoch"], "role": state.role(s), "name": facts["name"],
                        "fingerprint": service.fingerprint, "successor": state.get(s, state.K_URL)
                        if state.role(s) == state.STOOD_DOWN else None}

        return JSONResponse(await run_in_threadpool(read))

    async def join(request: Request):
        address = address_of(request)
        if not service.join_allowed(address):
            return JSONResponse({"error": "AuthError", "message": "terlalu banyak percobaan; tunggu satu menit",
                                 "exit_code": 1}, status_code=429)
        try:
            data = await body_of(request)
            name = pairing.normalise_name(data.get("name", ""))
            nonce, proof = str(data["nonce"]), str(data["proof"])
        except (KeyError, ValueError, KioskError) as exc:
            return JSONResponse({"error": "InputError", "message": str(exc), "exit_code": 2}, status_code=400)

        def redeem():
            with app.store.transaction() as s:
                if state.role(s) != state.HUB:
                    raise KioskError("PC ini bukan hub situs (lagi)")
                found = pairing.redeem(s, proof_hex=proof, nonce=nonce, fingerprint=service.fingerprint,
                                       now=app.now())
                token = pairing.add_client(s, name=name, now=app.now(), address=address,
                                           serve_url=str(data.get("serve_url") or "") or None)
                found.used_by = name
                facts = hub_facts(s, app)
                return {"token": token, "name": name, "site": facts["site"], "epoch": facts["epoch"],
                        "hub_name": facts["name"],
                        "hub_proof": pairing.proof(found.code_hash, "hub", service.fingerprint, nonce)}

        try:
            answer = await run_in_threadpool(redeem)
        except KioskError as exc:
            await run_in_threadpool(service.join_failed, address)
            status, body = requests.error_body(exc)
            return JSONResponse(body, status_code=401 if status == 403 else status)
        service.poke()
        return JSONResponse(answer)

    async def run_op(request: Request):
        client = await run_in_threadpool(service.authenticate, request)
        if client is None:
            return unauthorized()
        service.touch(client, address_of(request))
        try:
            data = await body_of(request)
        except ValueError as exc:
            return JSONResponse({"error": "InputError", "message": str(exc), "exit_code": 2}, status_code=400)
        name = request.path_params["name"]

        def work():
            with app.store.read() as s:
                if state.role(s) != state.HUB:
                    successor = state.get(s, state.K_URL)
                    return 409, {"error": "NotTheHub", "message": "PC ini bukan hub lagi; hub situs sekarang: "
                                 f"{successor or 'PC lain'} (this PC stood down)", "exit_code": 1,
                                 "hub_url": successor}
            return requests.execute(app, op_name=name, args=data.get("args") or {},
                                    actor=str(data.get("actor") or f"hub:{client}")[:64],
                                    key=str(data["key"])[:64] if data.get("key") else None, client=client,
                                    now=app.now())

        status, body = await run_in_threadpool(work)
        if status == 200:
            service.poke()
        return JSONResponse(body, status_code=status)

    async def replica(request: Request):
        client = await run_in_threadpool(service.authenticate, request)
        if client is None:
            return unauthorized()
        cursor = request.query_params.get("cursor", "")

        def read():
            with app.store.read() as s:
                page = changelog.read_page(s, cursor)
                page["hub"] = hub_facts(s, app)
                page["hub"]["role"] = state.role(s)
                return page

        try:
            page = await run_in_threadpool(read)
        except KioskError as exc:
            status, body = requests.error_body(exc)
            return JSONResponse(body, status_code=status)
        if not page["cursor"].startswith("snap."):
            service.touch(client, address_of(request), int(page["cursor"]))
        return JSONResponse(page)

    async def events(request: Request):
        client = await run_in_threadpool(service.authenticate, request)
        if client is None:
            return unauthorized()
        service.touch(client, address_of(request))
        queue = service.subscribe()

        async def stream():
            try:
                yield f"event: head\ndata: {json.dumps({'head': service._head})}\n\n"
                while True:
                    try:
                        head = await asyncio.wait_for(queue.get(), timeout=PING_SECONDS)
                    except TimeoutError:
                        yield ": ping\n\n"
                        continue
                    yield f"event: head\ndata: {json.dumps({'head': head})}\n\n"
            finally:
                service.unsubscribe(queue)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    async def fence(request: Request):
        client = await run_in_threadpool(service.authenticate, request)
        if client is None:
            return unauthorized()
        try:
            data = await body_of(request)
            newer, url = int(data["epoch"]), str(data.get("hub_url") or "")
        except (KeyError, ValueError, TypeError) as exc:
            return JSONResponse({"error": "InputError", "message": str(exc), "exit_code": 2}, status_code=400)

        def stand_down():
            with app.store.transaction() as s:
                if newer <= state.epoch(s):
                    return {"stood_down": state.role(s) == state.STOOD_DOWN, "epoch": state.epoch(s)}
                state.put(s, state.K_ROLE, state.STOOD_DOWN)
                state.put(s, state.K_URL, url or None)
                log.warning("a newer hub (epoch %s, %s) took over the site: this PC stands down", newer, url)
                return {"stood_down": True, "epoch": state.epoch(s)}

        return JSONResponse(await run_in_threadpool(stand_down))

    async def successor(request: Request):
        header = request.headers.get("authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        try:
            nonce = str((await body_of(request))["nonce"])
        except (KeyError, ValueError) as exc:
            return JSONResponse({"error": "InputError", "message": str(exc), "exit_code": 2}, status_code=400)

        def prove():
            with app.store.read() as s:
                if state.role(s) != state.HUB:
                    return None
                client = pairing.authenticate(s, token)
                if client is None:
                    return None
                return {"epoch": state.epoch(s), "fingerprint": service.fingerprint,
                        "origin": state.get(s, state.K_ORIGIN),
                        "proof": pairing.successor_proof(client.token_hash, nonce, service.fingerprint,
                                                         state.epoch(s))}

        answer = await run_in_threadpool(prove)
        return JSONResponse(answer) if answer else unauthorized()

    @asynccontextmanager
    async def lifespan(_app):
        service.loop = asyncio.get_running_loop()
        yield

    return Starlette(routes=[
        Route("/hub/hello", hello), Route("/hub/join", join, methods=["POST"]),
        Route("/ops/{name}", run_op, methods=["POST"]), Route("/replica", replica),
        Route("/events", events), Route("/hub/fence", fence, methods=["POST"]),
        Route("/hub/successor", successor, methods=["POST"]),
    ], lifespan=lifespan)


# --- running it --------------------------------------------------------------------------------------------

def prepare(app) -> HubService:
    """Make this data dir the site's hub (first time: epoch 1) and its certificate; refuses a joined PC."""
    from kiosk.errors import KioskError as Refused
    from kiosk.site import site_name, this_device

    with app.store.transaction() as s:
        device = this_device(s)
        current = state.role(s)
        if current == state.JOINED:
            raise Refused(f"PC ini bergabung ke hub {state.get(s, state.K_URL)}; `kiosk hub leave` dulu "
                          "(this PC follows another hub)")
        if current == state.STOOD_DOWN:
            raise Refused(f"PC ini bukan hub lagi: hub situs sekarang {state.get(s, state.K_URL) or 'PC lain'}; "
                          "bergabunglah ke sana dengan `kiosk join` (this PC stood down)")
        if current != state.HUB:
            state.become_hub(s, epoch=max(1, state.epoch(s)))
        name = site_name(device.site_code)
    service = HubService(app)
    certs.ensure(app.data_dir, name)
    service.fingerprint = certs.fingerprint(app.data_dir)
    return service


def make_server(service: HubService, host: str, port: int):
    """A uvicorn server for `service` on host:port with the hub's certificate (not started)."""
    import uvicorn

    cert, key = certs.paths(service.app.data_dir)
    service.port = port
    config = uvicorn.Config(create_app(service), host=host, port=port, ssl_certfile=str(cert), ssl_keyfile=str(key),
                            log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=2)
    return uvicorn.Server(config)


def serve_in_thread(app, host: str = "0.0.0.0", port: int = DEFAULT_PORT):
    """Serve the hub from a background thread of the desktop app (`hub.serve = true`); returns the
    (service, server, thread); `server.should_exit = True` stops it."""
    service = prepare(app)
    server = make_server(service, host, port)
    service.start_watcher()
    thread = threading.Thread(target=server.run, name="hub-server", daemon=True)
    thread.start()
    return service, server, thread
