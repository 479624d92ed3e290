"""The TV as a web page: the site's queue display for a smart TV's or an Android stick's browser.

Served by the hub on its own plain-HTTP port (`hub.display_port`, 8711; `kiosk hub serve --display-port`),
because a TV's browser cannot be told to trust the hub's self-signed certificate:

    GET /display                         the page (plain HTML, CSS and one small script; no framework)
    GET /display/static/<file>           its stylesheet, script, fonts and logo
    GET /display/state?after=N           the board as JSON, with the calls after call event N
    GET /display/events?after=N          server-sent events: the same, pushed on every change of the site
    GET /display/audio/<event_id>.wav    one call's chime and announcement (eSpeak NG on the hub; cacheable)

Read-only, no login, nothing personal: counters and their states, ticket numbers, service names, how many
wait, the running text, the hub's clock and its voice settings. Nothing else is served on this port —
no API route; every other path is 404.

Live through the hub's change-log watcher (`HubService.subscribe`): every commit wakes each open page's
stream, which reads the board again and sends it when it changed, with the calls after that page's
cursor. A page that loads asks without a cursor and starts after the newest call (a reload never replays
one); a page that reconnects after a network drop or a hub restart asks with its cursor and gets the
calls it missed that are still young enough to be said (`voice.max_age`).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

DEFAULT_PORT = 8711
STATIC_DIR = Path(__file__).resolve().parent / "display_static"
PING_SECONDS = 5.0        # also how often the board is read again without a commit (running text, midnight)
RETRY_MS = 2000           # EventSource's reconnect delay
CALL_PAGES = 10           # at most this many pages of call events per read (a burst after a long outage)
CALL_PAGE = 50
# The page's own files, and the shared fonts and logo from resources/ui (what the Qt display uses).
PAGE_FILES = {"display.css": "text/css; charset=utf-8", "display.js": "text/javascript; charset=utf-8"}
SHARED_FILES = {"NotoSans-Regular.ttf": ("fonts", "font/ttf"), "NotoSans-Bold.ttf": ("fonts", "font/ttf"),
                "logo.svg": ("icons", "image/svg+xml")}
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"default-src 'self'; img-src 'self'; media-src 'self'; font-src 'self'; "
                                  b"style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'"),
]


def voice_settings(app):
    """The hub's `voice.*` settings, read again each time (so `kiosk config set` counts at once)."""
    from kiosk import config
    from kiosk.voice.announcer import VoiceSettings

    try:
        return VoiceSettings.from_settings(config.load(app.data_dir))
    except Exception:  # a broken config.toml: keep what the hub started with
        return VoiceSettings.from_settings(app.settings)


def audio_version(settings) -> str:
    """A short tag of the settings that shape the audio: part of its URL, so a cache never serves stale words."""
    shape = f"{settings.speed}|{settings.volume}|{settings.chime}|{settings.numbers}|{settings.service}"
    return hashlib.sha256(shape.encode()).hexdigest()[:10]


def _ms(value: datetime) -> int:
    return round(value.timestamp() * 1000)


class Display:
    """What the web display reads, in plain JSON, and the announcement audio (rendered on one thread)."""

    def __init__(self, service):
        self.service = service
        self.app = service.app
        # One renderer: eSpeak NG is one engine per process; a call's audio is rendered as soon as the
        # call is seen, so the page's request finds it in kiosk.voice's cache.
        self._renderer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="display-audio")

    def close(self) -> None:
        self._renderer.shutdown(wait=False, cancel_futures=True)

    # --- the board --------------------------------------------------------------------------------------

    def board(self) -> dict:
        """The public board: site, counters, last calls, waiting per service, running text, clock, voice."""
        from kiosk.ops import catalog, queue

        app = self.app
        raw = app.run(queue.display_board)
        names = app.run(catalog.service_names)
        site = app.run(catalog.site_info)
        try:
            running = app.run(catalog.running_text)
        except KioskError:
            running = []

        def service_name(code: str | None) -> str:
            return (names.get(code) or {}).get("name") or code or ""

        counters = []
        for c in raw["counters"]:  # each field chosen: nothing else of a ticket leaves the hub
            ticket = c.get("ticket")
            counters.append({"counter": c["counter"], "state": c.get("state") or "open", "reason": c.get("reason") or "",
                             "number": ticket["number"] if ticket else None,
                             "service": service_name(ticket["service"]) if ticket else ""})
        waiting = [{"prefix": (names.get(code) or {}).get("prefix", ""), "service": service_name(code), "count": count}
                   for code, count in raw["waiting"].items()]
        waiting.sort(key=lambda row: (row["prefix"] or "~", row["service"]))
        settings = voice_settings(app)
        now = app.now()
        title = f"Mini MPP Kecamatan {site['name']}" if site and site.get("name") else "Mini MPP"
        return {
            "site": title,
            "counters": counters,
            "recent": [{"number": r["number"], "counter": r["counter"]} for r in raw["recent"]],
            "waiting": waiting,
            "running_text": running,
            "voice": {"enabled": settings.enabled, "speaker": settings.speaker, "max_age": settings.max_age,
                      "quiet": settings.quiet_at(app.clock.local(now))},
        }

    def calls(self, after: int | None) -> tuple[int, list[dict]]:
        """(the new cursor, the calls after `after` young enough to be said). No `after`, or one ahead of
        the store (a restored database): start after the newest call, saying nothing."""
        from kiosk.ops import queue
        from kiosk.voice.announcer import announcement_for

        app = self.app
        page = app.run(queue.calls, after=None, limit=1)
        latest = page["latest"]
        if after is None or after < 0 or after > latest:
            return latest, []
        settings = voice_settings(app)
        version = audio_version(settings)
        now = app.now()
        found, cursor = [], after
        for _ in range(CALL_PAGES):
            page = app.run(queue.calls, after=cursor, limit=CALL_PAGE)
            for event in page["calls"]:
                cursor = event["event_id"]
                at = event["at"] if isinstance(event["at"], datetime) else datetime.fromisoformat(str(event["at"]))
                if (now - at).total_seconds() > settings.max_age:
                    continue  # old news (the TV was away): the page would drop it anyway
                text = announcement_for(event, settings)
                found.append({"id": event["event_id"], "number": event["number"], "counter": event["counter"],
                              "recall": int(event.get("recall_count") or 0), "at_ms": _ms(at), "text": text,
                              "audio": f"/display/audio/{event['event_id']}.wav?v={version}"})
            if len(page["calls"]) < CALL_PAGE:
                break
        else:
            log.warning("web display: more than %d calls to catch up; the rest follow", CALL_PAGES * CALL_PAGE)
        if found and settings.enabled:
            for call in found:
                self._renderer.submit(self._render_quietly, call["text"], settings)
        return cursor, found

    def snapshot(self, after: int | None) -> dict:
        """The board and the calls after `after`, with the cursor to ask with next and the hub's clock."""
        cursor, calls = self.calls(after)
        board = self.board()
        now = self.app.now()
        local = self.app.clock.local(now)
        board.update(cursor=cursor, calls=calls, now_ms=_ms(now),
                     utc_offset_min=round(local.utcoffset().total_seconds() / 60))
        return board

    # --- audio ------------------------------------------------------------------------------------------

    def _render(self, text: str, settings) -> bytes:
        from kiosk.voice import render_wav

        return render_wav(text, speed=settings.speed, volume=settings.volume, chime=settings.chime)

    def _render_quietly(self, text: str, settings) -> None:
        try:
            self._render(text, settings)
        except Exception as exc:  # the page's own request will say so
            log.warning("web display: announcement not rendered ahead: %s", exc)

    def audio(self, event_id: int) -> bytes | None:
        """The WAV of one call event (chime and announcement, under the current voice settings); None when
        `event_id` is not a call."""
        from kiosk.ops import queue
        from kiosk.voice.announcer import announcement_for

        found = self.app.run(queue.calls, after=event_id - 1, limit=1)["calls"]
        if not found or found[0]["event_id"] != event_id:
            return None
        settings = voice_settings(self.app)
        text = announcement_for(found[0], settings)
        return self._renderer.submit(self._render, text, settings).result()


def create_display_app(display: Display):
    """The Starlette application of the web display (nothing but the display on its port)."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import (
        FileResponse,
        JSONResponse,
        PlainTextResponse,
        RedirectResponse,
        Response,
        StreamingResponse,
    )
    from starlette.routing import Route

    from kiosk.resources import resource

    def cursor_of(request: Request) -> int | None:
        raw = request.query_params.get("after", "")
        return int(raw) if raw.isdigit() else None

    async def page(request: Request):
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    async def home(request: Request):  # what a technician types on a TV's remote: http://HUB:8711
        return RedirectResponse("/display", status_code=302)

    async def static(request: Request):
        name = request.path_params["name"]
        if name in PAGE_FILES:
            return FileResponse(STATIC_DIR / name, media_type=PAGE_FILES[name], headers={"Cache-Control": "no-cache"})
        if name in SHARED_FILES:
            folder, media = SHARED_FILES[name]
            return FileResponse(resource(f"ui/{folder}/{name}"), media_type=media,
                                headers={"Cache-Control": "public, max-age=86400"})
        return PlainTextResponse("Not Found", status_code=404)

    async def state(request: Request):
        try:
            body = await run_in_threadpool(display.snapshot, cursor_of(request))
        except KioskError as exc:
            return JSONResponse({"error": str(exc)}, status_code=503)
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    async def events(request: Request):
        after = cursor_of(request)

        async def stream():
            nonlocal after
            sent = None
            queue = display.service.subscribe()
            try:
                yield f"retry: {RETRY_MS}\n\n"
                while True:
                    try:
                        snap = await run_in_threadpool(display.snapshot, after)
                    except KioskError as exc:  # the store is busy or being replaced: try again shortly
                        log.warning("web display: %s", exc)
                        snap = None
                    if snap is not None:
                        after = snap["cursor"]
                        key = json.dumps({k: v for k, v in snap.items() if k not in ("now_ms", "cursor")},
                                         sort_keys=True)
                        if key != sent:
                            sent = key
                            yield f"event: state\ndata: {json.dumps(snap)}\n\n"
                        else:
                            yield f"event: ping\ndata: {json.dumps({'now_ms': snap['now_ms']})}\n\n"
                    try:
                        await asyncio.wait_for(queue.get(), timeout=PING_SECONDS)
                    except TimeoutError:
                        pass
            finally:
                display.service.unsubscribe(queue)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    async def audio(request: Request):
        event_id = request.path_params["event_id"]
        try:
            wav = await run_in_threadpool(display.audio, event_id)
        except KioskError as exc:
            return PlainTextResponse(f"suara tidak tersedia: {exc}", status_code=503)
        if wav is None:
            return PlainTextResponse("Not Found", status_code=404)
        return Response(wav, media_type="audio/wav", headers={"Cache-Control": "public, max-age=86400"})

    app = Starlette(routes=[
        Route("/", home), Route("/display", page), Route("/display/static/{name}", static),
        Route("/display/state", state), Route("/display/events", events),
        Route("/display/audio/{event_id:int}.wav", audio),
    ])
    return _with_headers(app)


def _with_headers(inner):
    """Every answer of this port says: do not sniff, do not frame, load nothing from elsewhere."""

    async def asgi(scope, receive, send):
        if scope["type"] != "http":
            return await inner(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", [])) + SECURITY_HEADERS}
            await send(message)

        await inner(scope, receive, send_with_headers)

    return asgi


def _bind(host: str, port: int) -> socket.socket:
    """The display's listening socket, bound now so a taken port is said at once, in words."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise KioskError(f"layar web tidak dapat memakai port {port} ({exc.strerror or exc}); "
                         "pilih port lain dengan `kiosk config set hub.display_port N` (0 = mati)") from None
    sock.set_inheritable(True)
    return sock


class DisplayServer:
    """The web display's uvicorn server on its own port and thread, beside the hub's HTTPS API."""

    def __init__(self, service, host: str, port: int):
        import uvicorn

        self.sock = _bind(host, port)
        self.host, self.port = host, self.sock.getsockname()[1]
        self.display = Display(service)
        config = uvicorn.Config(create_display_app(self.display), log_level="warning", access_log=False,
                                lifespan="off", timeout_graceful_shutdown=1)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       name="hub-display", daemon=True)

    def start(self) -> DisplayServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
        self.display.close()
        self.sock.close()

    def urls(self) -> list[str]:
        """Where a TV finds the page: http://<each LAN address>:<port>/display."""
        from kiosk.hub import discovery

        hosts = discovery.lan_addresses() if self.host in ("0.0.0.0", "::", "") else [self.host]
        return [f"http://{host}:{self.port}/display" for host in hosts]


def start(service, host: str, port: int) -> DisplayServer | None:
    """Serve the web display beside the hub; None when `port` is 0 (off). A taken port raises KioskError."""
    if not port:
        return None
    return DisplayServer(service, host, port).start()
