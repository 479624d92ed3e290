"""`kiosk hub serve`: a headless box serving the site — the hub's HTTPS server with the housekeeping
beside it, the printer spooler and the sync with central (kiosk.workers), and the TV's web display.
The composition sits above both the hub's service and the workers, which know nothing of each other's start-up."""

from __future__ import annotations

import sys

from kiosk.hub import certs, discovery, server
from kiosk.hub.service import Housekeeper, start_display
from kiosk.workers import Workers


def run_headless(app, *, host: str, port: int, display_port: int = 0) -> int:
    """`kiosk hub serve`: serve the site until stopped (SIGTERM / Ctrl-C), with the printer spooler, the
    sync with central and the TV's web display (plain HTTP on `display_port`; 0: none) running beside it."""
    service = server.prepare(app)
    uvicorn_server = server.make_server(service, host, port)
    service.start_watcher()
    web_display = start_display(service, host, display_port)
    keeper = Housekeeper(app, service, port, host)
    keeper.start()
    workers = Workers(app)
    workers.start()
    print(f"kiosk: hub situs melayani di {', '.join(discovery.urls(port))} "
          f"(sidik jari {certs.pretty(service.fingerprint or '')[:23]}…)", file=sys.stderr, flush=True)
    if web_display is not None:
        print(f"kiosk: layar TV (browser) di {', '.join(web_display.urls())}", file=sys.stderr, flush=True)
    try:
        uvicorn_server.run()
    finally:
        keeper.stop()
        workers.stop()
        if web_display is not None:
            web_display.stop()
        service.stop()
    return 0
