"""This installation's site and identity: which kecamatan it serves, its device row, and setting it up."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from kiosk import catalog
from kiosk.errors import InputError, NotInitialised
from kiosk.models import Device, new_id
from mpp.sites import CROCKFORD, normalise_site_code, site_name

__all__ = ["CROCKFORD", "init_site", "new_reg_tag", "normalise_site_code", "site_name"]


def this_device(session: Session) -> Device:
    """This installation's identity (site, device id, outbox epoch); NotInitialised before `kiosk init`."""
    found = session.info.get("kiosk.device")
    if found is not None and found in session:  # once per transaction: every outbox append asks for it
        return found
    # no_autoflush: asking who we are must not flush the caller's half-built rows (a query per append).
    with session.no_autoflush:
        found = session.get(Device, 1)
    if found is None:
        raise NotInitialised("data dir ini belum disiapkan: jalankan `kiosk init --site KODE` atau `kiosk setup`")
    session.info["kiosk.device"] = found
    return found


def site_code(session: Session) -> str:
    """The kecamatan code of the site this data dir belongs to."""
    return this_device(session).site_code


def new_reg_tag() -> str:
    return "".join(secrets.choice(CROCKFORD) for _ in range(3))


def init_site(session: Session, site_code: str, device_name: str, at: datetime) -> Device:
    """Create this installation's identity and seed the catalog. Refuses to re-initialise another site."""
    code = normalise_site_code(site_code)
    existing = session.get(Device, 1)
    if existing is not None:
        if existing.site_code != code:
            raise InputError(f"data dir ini sudah untuk situs {existing.site_code}; gunakan data dir lain")
        return existing
    device = Device(id=1, device_uuid=new_id(), site_code=code, name=device_name, reg_tag=new_reg_tag(),
                    epoch=1, created_at=at)
    session.add(device)
    catalog.apply_catalog(session, catalog.load_catalog_file())
    return device


def current_site_name(session: Session) -> str | None:
    """The name of this data dir's kecamatan, or None before it is set up."""
    found = session.get(Device, 1)
    return site_name(found.site_code) if found is not None else None
