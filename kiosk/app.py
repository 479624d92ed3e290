"""What every front end (CLI, Qt, the hub) needs of one data dir: settings, store, clock, the app lock,
and `run`, the one way a front end performs a user action (an op of `kiosk.ops`)."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk import config
from kiosk.clock import Clock
from kiosk.db import Store, open_store
from kiosk.errors import InputError, KioskError

APP_LOCK = "app.lock"


def default_actor() -> str:
    env = os.environ.get("KIOSK_OPERATOR")
    if env:
        try:
            env.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError("KIOSK_OPERATOR bukan teks UTF-8 yang sah (invalid UTF-8)") from None
        return env
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name (service account): still record something
        return "cli"


@dataclass
class App:
    """A data dir opened for use. The store is opened (and migrated) on first use."""

    data_dir: Path
    clock: Clock = field(default_factory=Clock)
    actor: str = field(default_factory=default_actor)
    # Whether ops queue print jobs on this PC's printer; false where the hub runs an op for a joined PC.
    prints_here: bool = True
    # On a PC joined to a hub: answer reads from the local replica (the desktop app never waits on the
    # LAN to draw), instead of asking the hub first (the command line gives the hub's own answer).
    read_replica: bool = False
    _settings: config.Settings | None = None
    _store: Store | None = None
    _role: str | None = None
    # What copies of this App for other actors (`as_actor`) share: the link to the hub (a kept-alive
    # HTTPS connection) and whether it answered lately.
    _shared: dict = field(default_factory=dict)

    @property
    def settings(self) -> config.Settings:
        if self._settings is None:
            self._settings = config.load(self.data_dir)
        return self._settings

    @property
    def store(self) -> Store:
        if self._store is None:
            try:
                self.data_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise KioskError(f"data dir {self.data_dir} tidak bisa dibuat: {exc.strerror}") from None
            self._store = open_store(self.settings.db_path)
            config.secure_data_dir(self.data_dir)
        return self._store

    def now(self):
        return self.clock.now()

    def run(self, func, /, **kwargs):
        """Perform one op (a function of `kiosk.ops`) for this data dir and return its plain result.

        A site op runs here on a standalone PC or on the hub; on a PC joined to a hub it goes there (or to
        this PC's replica or spool, see `kiosk.hub.remote`). A PC that stood down as hub refuses writes."""
        from kiosk import ops

        entry = ops.info(func)  # only registered ops: what runs here must be servable by the hub too
        ops.check_args(kwargs)
        if entry.scope == ops.SITE:
            role = self.site_role()
            if role == "joined":
                from kiosk.hub import remote

                return remote.run(self, entry, kwargs)
            if role == "stood_down" and entry.write:
                from kiosk.hub.state import K_URL, get

                with self.store.read() as s:
                    successor = get(s, K_URL)
                raise KioskError(f"PC ini bukan hub situs lagi; hub sekarang {successor or 'PC lain'} — bergabunglah "
                                 "ke sana dengan `kiosk join` (this PC stood down)")
        return func(self, **kwargs)

    def site_role(self, refresh: bool = True) -> str:
        """standalone, hub, joined or stood_down (see `kiosk.hub.state`). Read afresh each time: another
        process may promote this PC, or central may make it stand down, while it runs."""
        from kiosk.hub.state import role

        with self.store.read() as s:
            self._role = role(s)
        return self._role

    def as_actor(self, actor: str) -> App:
        """The same data dir, acting as `actor` (a signed-in operator); shares the opened store."""
        _ = self.store  # opened once here, shared by every actor of this data dir
        return replace(self, actor=actor)

    def app_lock(self):
        """Held by a running GUI; restore refuses while anyone holds it."""
        from filelock import FileLock

        return FileLock(str(self.data_dir / APP_LOCK))

    def close(self) -> None:
        client = self._shared.pop("hub_client", None)
        if client is not None:
            client.close()
        if self._store is not None:
            self._store.close()
            self._store = None
