"""The hub's and a joined PC's background work (threads, no Qt).

On the hub (`kiosk hub serve`, or the desktop app with `hub.serve = true`):
- the HTTPS API (`kiosk.hub.server`) and its change-log watcher;
- `Housekeeper`: announces the hub on the LAN; after a promotion, knocks at the old hub's address until
  it answers, tells it to stand down and merges what it wrote that this PC's replica never saw.

On a joined PC (the desktop app): `Follower` keeps the live connection to the hub, pulls the replica on
every change, sends the spool whenever the hub is back, notices within 3 s when the hub is away, and
when it stays away looks for a promoted successor (and proves it before following it).
"""

from __future__ import annotations

import logging
import secrets
import sys
import threading
import time
from collections.abc import Callable

from kiosk.errors import AuthError, KioskError
from kiosk.hub import state

log = logging.getLogger(__name__)

KNOCK_SECONDS = 5.0
FAILOVER_SECONDS = 10.0


# --- on the hub ------------------------------------------------------------------------------------------

class Housekeeper:
    """LAN announcement and, after a promotion, fencing and catching up with the old hub."""

    def __init__(self, app, service, port: int, host: str = "0.0.0.0"):
        self.app, self.service, self.port, self.host = app, service, port, host
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hub-housekeeper", daemon=True)
        self._advertiser = None

    def start(self) -> None:
        from kiosk.hub import discovery
        from kiosk.site import this_device

        with self.app.store.read() as s:
            device = this_device(s)
            epoch = state.epoch(s)
        self._advertiser = discovery.advertise(site=device.site_code, port=self.port, epoch=epoch,
                                               fingerprint=self.service.fingerprint or "", name=device.name,
                                               host=self.host)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._advertiser is not None:
            self._advertiser.close()

    def _run(self) -> None:
        while not self._stop.wait(KNOCK_SECONDS / 5):
            try:
                self.settle_previous()
            except KioskError as exc:
                log.info("old hub not settled yet: %s", exc)
            self._stop.wait(KNOCK_SECONDS)

    def settle_previous(self) -> bool:
        """If this PC was promoted: fence the old hub once it answers, and merge what only it had."""
        return settle_previous(self.app)


def settle_previous(app) -> bool:
    """Knock at the hub this PC took over from; when it answers, make it stand down and merge the rest of
    its change log (`changelog.merge_remainder`). True when there is nothing (more) to do."""
    from kiosk.hub import changelog, discovery
    from kiosk.sync.hub_client import HubClient, HubUnreachable

    with app.store.read() as s:
        previous = state.get_json(s, state.K_PREVIOUS)
        epoch = state.epoch(s)
        if state.role(s) != state.HUB:
            return True
    if not previous:
        return True
    own_url = discovery.urls(int(app.settings.get("hub.port")))[0]
    try:
        with HubClient(previous["url"], previous["fingerprint"], previous["token"]) as old:
            old.fence(epoch, own_url)
            cursor, pages = previous["cursor"], []
            while True:
                page = old.replica_page(cursor)
                pages.append(page)
                cursor = page["cursor"]
                if not page.get("more"):
                    break
    except HubUnreachable:
        return False
    with app.store.transaction() as s:
        added = sum(changelog.merge_remainder(s, page, previous.get("floors") or {}) for page in pages)
        state.put(s, state.K_PREVIOUS, None)
    log.warning("the old hub %s stood down; %d row(s) it had alone were merged here", previous["url"], added)
    return True


def start_display(service, host: str, port: int):
    """The TV's web display beside the hub (kiosk.hub.display), or None: off, or its port taken — the hub
    itself serves on either way, and says why the display does not."""
    from kiosk.hub import display

    try:
        return display.start(service, host, port)
    except KioskError as exc:
        log.error("%s", exc)
        print(f"kiosk: {exc}", file=sys.stderr, flush=True)
        return None


class HubInProcess:
    """The hub served from a thread of the desktop app (`hub.serve = true`)."""

    def __init__(self, app, port: int, display_port: int | None = None):
        from kiosk.hub import server

        self.service, self.server, self.thread = server.serve_in_thread(app, port=port)
        if display_port is None:
            display_port = int(app.settings.get("hub.display_port"))
        self.display = start_display(self.service, "0.0.0.0", display_port)
        self.keeper = Housekeeper(app, self.service, port)
        self.keeper.start()

    def stop(self) -> None:
        self.keeper.stop()
        self.server.should_exit = True
        if self.display is not None:
            self.display.stop()
        self.thread.join(timeout=5)
        self.service.stop()


# --- on a joined PC ---------------------------------------------------------------------------------------

class Follower:
    """A joined PC's link to its hub (see the module docstring). Reports {role, reachable, hub_url,
    last_contact, spooled, replica_lag_s, successor} through `on_state`, on its own thread."""

    def __init__(self, app, on_state: Callable[[dict], None] | None = None):
        self.app = app
        self.on_state = on_state or (lambda _state: None)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hub-follower", daemon=True)
        self._away_since: float | None = None
        self._reachable: bool | None = None
        self._cursor_head = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        from kiosk.hub import remote

        remote.forget_client(self.app)

    def _report(self, reachable: bool, **extra) -> None:
        from kiosk.hub import remote

        with self.app.store.read() as s:
            data = {"role": state.role(s), "reachable": reachable, "hub_url": state.get(s, state.K_URL),
                    "last_contact": state.get(s, state.K_LAST_CONTACT), "spooled": remote.spooled_count(s),
                    "replica_lag_s": 0.0 if reachable else remote.replica_lag_seconds(s, self.app.now())}
        data.update(extra)
        self._reachable = reachable
        self.on_state(data)

    def _run(self) -> None:
        from kiosk.hub import remote
        from kiosk.sync.hub_client import HubUnreachable, NotTheHub

        while not self._stop.is_set():
            try:
                client = remote.client_for(self.app)
                remote.flush(self.app, client)
                remote.pull(self.app, client)
                remote.mark_away(self.app, False)
                self._away_since = None
                self._report(True)
                last_knock = 0.0
                for event in client.events():
                    if self._stop.is_set():
                        return
                    if self._reachable is not True:
                        self._report(True)
                    if time.monotonic() - last_knock >= KNOCK_SECONDS:
                        last_knock = time.monotonic()
                        knock_previous(self.app)
                    if event.get("event") == "head" and event.get("head", 0) != self._cursor_head:
                        self._cursor_head = event["head"]
                        remote.pull(self.app, client)
                        if remote.flush(self.app, client)["sent"]:
                            remote.pull(self.app, client)
            except NotTheHub as exc:
                self._follow(exc.hub_url)
            except HubUnreachable:
                remote.forget_client(self.app)
                remote.mark_away(self.app)
                if self._away_since is None:
                    self._away_since = time.monotonic()
                if self._reachable is not False:
                    self._report(False)
                if time.monotonic() - self._away_since >= FAILOVER_SECONDS:
                    self._look_for_successor()
                self._stop.wait(1.0)
            except AuthError as exc:
                self._report(False, error=str(exc))
                self._stop.wait(5.0)
            except KioskError as exc:
                log.warning("hub follower: %s", exc)
                self._report(False, error=str(exc))
                self._stop.wait(2.0)

    def _look_for_successor(self) -> None:
        """The hub stays away: a PC that was promoted (announced on the LAN, or at one of the addresses the
        site's PCs serve from) and proves it holds the site takes its place."""
        from kiosk.hub import discovery

        with self.app.store.read() as s:
            from sqlalchemy import select

            from kiosk.models import HubClient as HubClientRow

            own = state.get(s, state.K_NAME)
            candidates = [row.serve_url for row in s.scalars(select(HubClientRow))
                          if row.serve_url and row.name != own and row.removed_at is None]
            site = state.get_json(s, state.K_HUB_META, {}).get("site")
        try:
            candidates = [hub["url"] for hub in discovery.find(site=site, timeout=1.5)] + candidates
        except Exception as exc:  # no multicast here: the addresses from the replica still work
            log.info("LAN discovery failed: %s", exc)
        for url in dict.fromkeys(candidates):
            if self._follow(url):
                return

    def _follow(self, url: str | None) -> bool:
        if not url:
            return False
        try:
            return follow_successor(self.app, url)
        except KioskError as exc:
            log.info("not following %s: %s", url, exc)
            return False


def follow_successor(app, url: str) -> bool:
    """Follow the PC at `url` as this site's hub if it proves it holds the site (the successor proof keyed by
    this PC's token hash) with a newer epoch; remember the old hub, to tell it to stand down."""
    from kiosk.hub import pairing, remote
    from kiosk.sync.hub_client import HubClient, fetch_fingerprint

    with app.store.read() as s:
        facts = state.joined_facts(s)
        cursor = state.get(s, state.K_CURSOR) or ""
    if not facts["token"] or url == facts["url"]:
        return False
    fingerprint = fetch_fingerprint(url)
    nonce = secrets.token_hex(16)
    with HubClient(url, fingerprint, facts["token"]) as candidate:
        answer = candidate.successor(nonce)
    expected = pairing.successor_proof(pairing.token_hash(facts["token"]), nonce, fingerprint, int(answer["epoch"]))
    if answer.get("proof") != expected or int(answer["epoch"]) <= facts["epoch"]:
        return False
    with app.store.transaction() as s:
        state.put(s, state.K_PREVIOUS, {"url": facts["url"], "fingerprint": facts["fingerprint"],
                                        "token": facts["token"], "follower": True})
        state.put(s, state.K_URL, url)
        state.put(s, state.K_FINGERPRINT, fingerprint)
        state.put(s, state.K_EPOCH, str(answer["epoch"]))
        if cursor != str(answer.get("origin")):
            state.put(s, state.K_CURSOR, "")  # not where the new hub's log begins: start from a snapshot
    remote.forget_client(app)
    log.warning("following the promoted hub %s (epoch %s)", url, answer["epoch"])
    return True


def knock_previous(app) -> bool:
    """A PC that followed a promoted hub tells the old one, once it answers, to stand down."""
    from kiosk.sync.hub_client import HubClient, HubUnreachable

    with app.store.read() as s:
        previous = state.get_json(s, state.K_PREVIOUS)
        facts = state.joined_facts(s)
    if not previous or not previous.get("follower"):
        return True
    try:
        with HubClient(previous["url"], previous["fingerprint"], previous["token"]) as old:
            old.fence(facts["epoch"], facts["url"])
    except HubUnreachable:
        return False
    with app.store.transaction() as s:
        state.put(s, state.K_PREVIOUS, None)
    return True
