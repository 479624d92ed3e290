"""The site hub as a technician or supervisor uses it: pair, join, status, promote, leave, remove, flush.

All local to this PC (they decide what this PC is); see `kiosk.hub` for how the site is shared.
"""

from __future__ import annotations

import json
import socket
from datetime import timedelta

from sqlalchemy import func, select, text

from kiosk.errors import InputError, KioskError
from kiosk.hub import state
from kiosk.ops.registry import LOCAL, op

NUMBER_GAP = 10  # ticket numbers jump this far at a promotion (the old hub's last instant, unseen here)


def _forget_role(ctx) -> None:
    ctx.site_role(refresh=True)


# --- on the hub -------------------------------------------------------------------------------------------

@op("hub.pair", scope=LOCAL)
def pair(ctx, *, minutes: int = 10) -> dict:
    """A one-time pairing code for a PC to join this site's hub: {code, expires_at, urls, fingerprint}.

    A standalone PC becomes the site's hub here (its records are the site's from now on)."""
    from kiosk.hub import certs, discovery, pairing
    from kiosk.site import site_name, this_device

    with ctx.store.transaction() as s:
        device = this_device(s)
        current = state.role(s)
        if current == state.JOINED:
            raise InputError(f"PC ini bergabung ke hub {state.get(s, state.K_URL)}: buat kode di PC hub itu")
        if current == state.STOOD_DOWN:
            raise InputError(f"PC ini bukan hub lagi; hub sekarang {state.get(s, state.K_URL) or 'PC lain'}")
        if current != state.HUB:
            state.become_hub(s, epoch=max(1, state.epoch(s)))
        code = pairing.create_pairing(s, now=ctx.now(), minutes=minutes)
        name = site_name(device.site_code)
    _forget_role(ctx)
    certs.ensure(ctx.data_dir, name)
    fingerprint = certs.fingerprint(ctx.data_dir)
    expires = ctx.now() + timedelta(minutes=minutes)
    return {"code": code, "expires_at": expires.isoformat(), "urls": discovery.urls(int(ctx.settings.get("hub.port"))),
            "fingerprint": certs.pretty(fingerprint)}


@op("hub.remove", scope=LOCAL)
def remove(ctx, *, name: str) -> dict:
    """On the hub: the PC's device token stops working at once."""
    from kiosk.hub import pairing

    with ctx.store.transaction() as s:
        if state.role(s) != state.HUB:
            raise InputError("hanya di PC hub (`kiosk hub status`)")
        client = pairing.remove_client(s, name, now=ctx.now())
        return {"removed": client.name}


@op("hub.clients", scope=LOCAL, write=False)
def clients(ctx) -> dict:
    """The site's PCs as this PC knows them: {role, hub_url, clients: [{name, last_seen, address}]} (the
    joined PCs are listed on the hub only)."""
    from kiosk.hub import pairing

    with ctx.store.read() as s:
        current = state.role(s)
        rows = pairing.clients(s) if current in (state.HUB, state.STOOD_DOWN) else []
        return {"role": current, "hub_url": state.get(s, state.K_URL),
                "clients": [{"name": c.name, "last_seen": c.last_seen.isoformat() if c.last_seen else None,
                             "address": c.address} for c in rows]}


# --- on a joined PC ----------------------------------------------------------------------------------------

@op("hub.join", scope=LOCAL, slow=True)
def join(ctx, *, code: str, hub: str | None = None, name: str | None = None,
         fingerprint: str | None = None) -> dict:
    """Join the site's hub (found on the LAN without `hub`) with a pairing code from `kiosk hub pair`.

    The data dir must hold no records of its own: it becomes a copy of the site (the replica)."""
    from kiosk.hub import certs, discovery, pairing, remote
    from kiosk.models import Application, Device, Ticket
    from kiosk.site import init_site, site_name
    from kiosk.sync import hub_client

    key = pairing.code_key(code)
    pc_name = pairing.normalise_name(name or socket.gethostname())
    with ctx.store.read() as s:
        current = state.role(s)
        device = s.get(Device, 1)
        own = (s.scalar(select(func.count()).select_from(Ticket)) or 0) + \
              (s.scalar(select(func.count()).select_from(Application)) or 0)
        spooled = remote.spooled_count(s)
    if current in (state.HUB, state.STOOD_DOWN):
        raise InputError("PC ini adalah (atau pernah menjadi) hub situs: bergabung butuh data dir lain")
    if spooled:
        raise InputError(f"{spooled} catatan di spool belum terkirim ke hub lama: `kiosk hub flush` dulu")
    if own and current != state.JOINED:
        raise InputError("data dir ini sudah berisi antrian/permohonan sendiri; bergabung ke hub butuh data dir "
                         "baru (kiosk --data-dir FOLDER_BARU join ...)")
    if hub:
        candidates = [hub_client.check_url(hub)]
    else:
        candidates = [found["url"] for found in discovery.find(site=device.site_code if device else None)]
        if not candidates:
            raise KioskError("hub situs tidak ditemukan di jaringan ini; sebutkan alamatnya: "
                             "kiosk join --hub https://ALAMAT:8710 --code KODE")
    serve_url = discovery.urls(int(ctx.settings.get("hub.port")))[0]
    for index, url in enumerate(candidates):  # a hub announces each of its addresses: the first that answers
        try:
            answer = hub_client.join(url, key, name=pc_name, serve_url=serve_url, fingerprint=fingerprint)
            break
        except hub_client.HubUnreachable:
            if index + 1 == len(candidates):
                raise
    if device is not None and device.site_code != answer["site"]:
        raise InputError(f"hub ini untuk situs {answer['site']}, data dir ini untuk {device.site_code}")
    with ctx.store.transaction() as s:
        if s.get(Device, 1) is None:
            init_site(s, answer["site"], pc_name, ctx.now())
        state.put(s, state.K_ROLE, state.JOINED)
        state.put(s, state.K_URL, answer["url"])
        state.put(s, state.K_FINGERPRINT, answer["fingerprint"])
        state.put(s, state.K_TOKEN, answer["token"])
        state.put(s, state.K_NAME, answer["name"])
        state.put(s, state.K_EPOCH, str(answer["epoch"]))
        state.put(s, state.K_SERVE_URL, serve_url)
        if current != state.JOINED:
            state.put(s, state.K_CURSOR, "")
    _forget_role(ctx)
    remote.forget_client(ctx)
    pulled = remote.pull(ctx)
    return {"hub": answer["url"], "name": answer["name"], "site": answer["site"],
            "site_name": site_name(answer["site"]), "fingerprint": certs.pretty(answer["fingerprint"]),
            "replica_rows": pulled["rows"]}


@op("hub.flush", scope=LOCAL, slow=True)
def flush(ctx) -> dict:
    """Send this joined PC's spool to the hub now and bring its replica up to date: {sent, refused, left, pulled}."""
    from kiosk.hub import remote

    if ctx.site_role() != state.JOINED:
        raise InputError("hanya di PC yang bergabung ke hub (`kiosk join`)")
    result = remote.flush(ctx)
    from kiosk.sync.hub_client import HubUnreachable

    try:
        result["pulled"] = remote.pull(ctx)["rows"]
    except HubUnreachable:
        result["pulled"] = 0
    return result


@op("hub.leave", scope=LOCAL)
def leave(ctx) -> dict:
    """A joined PC becomes standalone again (refused while its spool still holds writes for the hub)."""
    from kiosk.hub import remote

    with ctx.store.transaction() as s:
        if state.role(s) != state.JOINED:
            raise InputError("PC ini tidak bergabung ke hub")
        left = remote.spooled_count(s)
        if left:
            raise InputError(f"{left} catatan di spool belum terkirim ke hub: sambungkan hub lalu `kiosk hub flush`")
        hub = state.get(s, state.K_URL)
        for key in (state.K_ROLE, state.K_URL, state.K_FINGERPRINT, state.K_TOKEN, state.K_CURSOR,
                    state.K_LAST_CONTACT, state.K_HUB_META, state.K_PREVIOUS):
            state.put(s, key, None)
    _forget_role(ctx)
    remote.forget_client(ctx)
    return {"role": state.STANDALONE, "left": hub}


@op("hub.promote", scope=LOCAL, slow=True)
def promote(ctx) -> dict:
    """On a joined PC whose hub is gone: become the site's hub from this PC's replica.

    A new epoch fences the old hub: when it comes back it is told, stands down and refuses writes. This PC
    continues the site's sync with central (the same identity, the outbox rows it replicated), numbers
    today's tickets above anything the old hub may have issued unseen, and applies its own spool."""
    from kiosk import tickets
    from kiosk.hub import certs, changelog, discovery, remote
    from kiosk.models import Meta, OutboxMutation
    from kiosk.site import site_name, this_device
    from kiosk.sync.hub_client import FingerprintMismatch, HubClient, HubUnreachable

    with ctx.store.read() as s:
        if state.role(s) != state.JOINED:
            raise InputError("hanya PC yang bergabung ke hub yang bisa dipromosikan menjadi hub")
        facts = state.joined_facts(s)
        hub_meta = state.get_json(s, state.K_HUB_META, {})
        cursor = state.get(s, state.K_CURSOR) or ""
    if not cursor or cursor.startswith("snap."):
        raise KioskError("replika PC ini belum lengkap (belum pernah tersinkron penuh dengan hub): tidak bisa "
                         "dipromosikan")
    try:
        with HubClient(facts["url"], facts["fingerprint"], facts["token"]) as old:
            if old.hello().get("role") == state.HUB:
                raise KioskError(f"hub {facts['url']} masih menjawab: promosi hanya bila hub mati/hilang "
                                 "(the hub is still up)")
    except (HubUnreachable, FingerprintMismatch):
        pass
    now = ctx.now()
    with ctx.store.transaction() as s:
        new_epoch = max(int(hub_meta.get("epoch") or 0), facts["epoch"]) + 1
        for key, value in (hub_meta.get("sync") or {}).items():  # the site's identity at central
            row = s.get(Meta, key) or Meta(key=key)
            row.value = value
            s.add(row)
        device = this_device(s)
        replicated_epoch = s.scalar(select(func.max(OutboxMutation.epoch))) or 0
        device.epoch = max(replicated_epoch, int(hub_meta.get("outbox_epoch") or 0), device.epoch) + 1
        floors = tickets.raise_number_floor(s, now=now, gap=NUMBER_GAP)
        state.put(s, state.K_PREVIOUS, {"url": facts["url"], "fingerprint": facts["fingerprint"],
                                        "token": facts["token"], "cursor": cursor,
                                        "floors": changelog.id_floors(s)})
        for key in (state.K_URL, state.K_FINGERPRINT, state.K_TOKEN, state.K_CURSOR, state.K_LAST_CONTACT):
            state.put(s, key, None)
        state.become_hub(s, epoch=new_epoch)
        # This hub's change log continues where the replica left the old one's: a PC that had applied
        # exactly as much carries on, any other starts from a snapshot.
        origin = int(cursor)
        s.execute(text("DELETE FROM sqlite_sequence WHERE name = 'site_changes'"))
        s.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES ('site_changes', :n)"), {"n": origin})
        state.put(s, changelog.K_PRUNED, str(origin))
        state.put(s, state.K_ORIGIN, str(origin))
        site = device.site_code
    _forget_role(ctx)
    remote.forget_client(ctx)
    applied = apply_own_spool(ctx)
    certs.ensure(ctx.data_dir, site_name(site))
    return {"role": state.HUB, "epoch": new_epoch, "previous_hub": facts["url"],
            "urls": discovery.urls(int(ctx.settings.get("hub.port"))),
            "fingerprint": certs.pretty(certs.fingerprint(ctx.data_dir)), "number_floor": floors,
            "spool_applied": applied}


def apply_own_spool(ctx) -> int:
    """A promoted PC applies the writes it spooled while the old hub was away, each once (by its key)."""
    from kiosk.hub import requests
    from kiosk.models import SpoolEntry

    with ctx.store.read() as s:
        entries = list(s.scalars(select(SpoolEntry).where(SpoolEntry.sent_at.is_(None), SpoolEntry.error.is_(None))
                                 .order_by(SpoolEntry.id)))
    applied = 0
    for entry in entries:
        status, body = requests.execute(ctx, op_name=entry.op, args=json.loads(entry.args), actor=entry.actor,
                                        key=entry.key, client="self", now=ctx.now())
        with ctx.store.transaction() as s:
            row = s.get(SpoolEntry, entry.id)
            row.attempts += 1
            row.sent_at = ctx.now()
            row.result = json.dumps(body.get("result"), ensure_ascii=False, default=str) if status == 200 else None
            row.error = None if status == 200 else f"{body.get('error')}: {body.get('message')}"
        applied += status == 200
    return applied


# --- anywhere --------------------------------------------------------------------------------------------------

@op("hub.status", scope=LOCAL, write=False, slow=True)
def status(ctx) -> dict:
    """{role, hub_url, reachable, last_contact, replica_lag_s, spooled, clients: [{name, last_seen}], ...}."""
    from kiosk.hub import certs, discovery, pairing, remote
    from kiosk.sync.hub_client import HubClient, HubUnreachable

    with ctx.store.read() as s:
        current = state.role(s)
        facts = state.joined_facts(s)
        data = {"role": current, "hub_url": None, "reachable": None, "last_contact": state.get(s, state.K_LAST_CONTACT),
                "replica_lag_s": None, "spooled": remote.spooled_count(s), "clients": [], "epoch": state.epoch(s),
                "name": facts["name"]}
        if current in (state.HUB, state.STOOD_DOWN):
            data["clients"] = [{"name": c.name, "last_seen": c.last_seen.isoformat() if c.last_seen else None,
                                "address": c.address} for c in pairing.clients(s)]
        if current == state.STOOD_DOWN:
            data["hub_url"] = state.get(s, state.K_URL)
        lag = remote.replica_lag_seconds(s, ctx.now()) if current == state.JOINED else None
    port = int(ctx.settings.get("hub.port"))
    if current == state.HUB:
        data["hub_url"] = discovery.urls(port)[0]
        fingerprint = certs.fingerprint(ctx.data_dir)
        data["fingerprint"] = certs.pretty(fingerprint) if fingerprint else None
        data["reachable"] = _answers(f"https://127.0.0.1:{port}", fingerprint) if fingerprint else False
    elif current == state.JOINED:
        data["hub_url"] = facts["url"]
        try:
            with HubClient(facts["url"], facts["fingerprint"], facts["token"]) as client:
                client.hello()
                data["reachable"] = True
                remote.pull(ctx, client)
                lag = 0.0
        except HubUnreachable:
            data["reachable"] = False
        except KioskError as exc:
            data["reachable"] = False
            data["error"] = str(exc)
        data["replica_lag_s"] = lag
        with ctx.store.read() as s:
            data["last_contact"] = state.get(s, state.K_LAST_CONTACT)
    return data


def _answers(url: str, fingerprint: str) -> bool:
    from kiosk.sync.hub_client import HubClient

    try:
        with HubClient(url, fingerprint) as client:
            client.hello()
        return True
    except KioskError:
        return False


# --- before joining (the setup wizard) ---------------------------------------------------------------------------

@op("hub.find", scope=LOCAL, write=False, slow=True)
def find(ctx=None, *, seconds: float = 3.0) -> list[dict]:
    """The site hubs announced on this LAN (mDNS), one entry per hub, newest epoch first:
    [{url, urls, site, site_name, epoch, fingerprint}] (`url` is its first address, LAN before loopback)."""
    from kiosk.hub import discovery
    from kiosk.site import site_name

    try:
        found = discovery.find(timeout=max(0.5, min(float(seconds), 10.0)))
    except OSError as exc:  # no multicast on this network: the technician types the address
        raise KioskError(f"mencari hub di jaringan gagal ({type(exc).__name__}); ketik alamat hub") from None
    hubs: dict[str, dict] = {}
    for hub in found:
        key = hub["fingerprint"] or hub["url"]
        if key in hubs:
            hubs[key]["urls"].append(hub["url"])
        else:
            hubs[key] = {**hub, "urls": [hub["url"]], "site_name": site_name(hub["site"]) if hub["site"] else None}
    return list(hubs.values())


@op("hub.probe", scope=LOCAL, write=False, slow=True)
def probe(ctx=None, *, hub: str | list[str]) -> dict:
    """Does a site hub answer at `hub` (https://HOST:PORT, or a hub's addresses, tried in turn)?
    {ok, url, site, site_name, name, fingerprint, error} — the error in words; nothing is joined or stored
    (the pairing code is spent only by `hub.join`)."""
    addresses = [hub] if isinstance(hub, str) else list(hub)
    if not addresses:
        raise InputError("sebutkan alamat hub, mis. https://192.168.1.10:8710")
    result: dict = {}
    for address in addresses:
        result = _probe_one(address)
        if result["ok"]:
            break
    return result


def _probe_one(hub: str) -> dict:
    from kiosk.hub import certs
    from kiosk.site import site_name
    from kiosk.sync.hub_client import HubClient, HubUnreachable, check_url, fetch_fingerprint
    from kiosk.sync.words import network_words

    url = check_url(hub)
    failed = {"ok": False, "url": url, "site": None, "site_name": None, "name": None, "fingerprint": None}
    try:
        seen = fetch_fingerprint(url)
        with HubClient(url, seen) as client:
            hello = client.hello()
    except HubUnreachable as exc:
        return {**failed, "error": network_words(exc, what="hub")}
    except KioskError as exc:
        return {**failed, "error": str(exc)}
    if hello.get("role") != state.HUB:
        where = f": hub situs sekarang {hello['successor']}" if hello.get("successor") else ""
        return {**failed, "site": hello.get("site"), "name": hello.get("name"), "fingerprint": certs.pretty(seen),
                "error": f"PC di alamat ini bukan hub situs{where}"}
    return {"ok": True, "url": url, "site": hello.get("site"),
            "site_name": site_name(hello["site"]) if hello.get("site") else None, "name": hello.get("name"),
            "fingerprint": certs.pretty(seen), "error": None}
