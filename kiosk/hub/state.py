"""Which role this data dir plays in its site, and what each role keeps (rows of the meta table).

- standalone  one PC alone (the default)
- hub         holds the site: serves the ops, keeps the change log, syncs with central; `hub.epoch`
              fences hubs: a promotion starts a higher one and a hub that learns of it stands down
- joined      follows a hub: its URL, pinned certificate fingerprint and this PC's device token
- stood_down  was the hub until another PC was promoted: refuses writes and names the new hub
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from kiosk.models import Meta

STANDALONE, HUB, JOINED, STOOD_DOWN = "standalone", "hub", "joined", "stood_down"

K_ROLE = "hub.role"
K_EPOCH = "hub.epoch"
K_CHANGELOG = "hub.changelog"  # 'on' while the triggers record changes (see kiosk.db)
K_NAME = "hub.name"  # this PC's name at the hub (joined)
K_URL = "hub.url"  # the hub's address (joined); the successor's (stood_down)
K_FINGERPRINT = "hub.fingerprint"  # the hub's pinned certificate, SHA-256 hex (joined)
K_TOKEN = "hub.token"  # this PC's device token at the hub (joined)
K_CURSOR = "hub.replica_cursor"  # how far the replica has applied the hub's change log (joined)
K_LAST_CONTACT = "hub.last_contact"  # last answer from the hub (joined), ISO time
K_HUB_META = "hub.site_meta"  # the hub's own facts, replicated: site, sync identity, epoch (joined), JSON
K_PREVIOUS = "hub.previous"  # after a promotion: the hub this PC followed before, to fence and catch up from
K_SERVE_URL = "hub.serve_url"  # where this PC serves (or would serve, if promoted) the site
K_ORIGIN = "hub.changelog_origin"  # a promoted hub's change log begins after this id (the old hub's)


def get(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return row.value if row is not None else None


def put(session: Session, key: str, value) -> None:
    """Set (or, with None, remove) one fact."""
    row = session.get(Meta, key)
    if value is None:
        if row is not None:
            session.delete(row)
        return
    text = value if isinstance(value, str) else json.dumps(value)
    if row is None:
        session.add(Meta(key=key, value=text))
    else:
        row.value = text


def get_json(session: Session, key: str, default=None):
    text = get(session, key)
    return json.loads(text) if text else default


def role(session: Session) -> str:
    """This data dir's role: standalone, hub, joined or stood_down."""
    return get(session, K_ROLE) or STANDALONE


def epoch(session: Session) -> int:
    return int(get(session, K_EPOCH) or 0)


def become_hub(session: Session, *, epoch: int) -> None:
    """Make this data dir the site's hub at `epoch`: it serves the site and records its changes."""
    put(session, K_ROLE, HUB)
    put(session, K_EPOCH, str(epoch))
    put(session, K_CHANGELOG, "on")


def joined_facts(session: Session) -> dict:
    """What a joined PC knows of its hub: {url, fingerprint, token, name, epoch}."""
    return {"url": get(session, K_URL), "fingerprint": get(session, K_FINGERPRINT), "token": get(session, K_TOKEN),
            "name": get(session, K_NAME), "epoch": epoch(session)}
