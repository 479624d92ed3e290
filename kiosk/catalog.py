"""The service catalog: agencies and services (standar pelayanan). Seeded from the bundled catalog
(mpp/data/catalog.toml, validated by mpp.catalog), updated by pull."""

from __future__ import annotations

import re
import tomllib
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.errors import NotFound
from kiosk.models import Agency, Service, Ticket
from mpp.catalog import MODES, load_catalog_file, validate_catalog

SERVICE_FIELDS = ("name", "name_en", "prefix", "mode", "sla_days", "sla", "fee", "fee_text", "product",
                  "avg_service_minutes", "requirements", "procedure")

__all__ = ["MODES", "apply_catalog", "get_service", "load_catalog_file", "service_dict", "services",
           "validate_catalog"]


def apply_catalog(session: Session, data: dict) -> int:
    """Upsert agencies and services from a catalog document; services missing from it become inactive.

    Returns the number of active services.
    """
    validate_catalog(data)
    version = int(data.get("version", 1))
    default_complaint = data.get("complaint_channel", "")
    for a in data.get("agencies", []):
        agency = session.get(Agency, a["code"]) or Agency(code=a["code"])
        agency.name, agency.short = a["name"], a.get("short", a["code"])
        session.add(agency)
    session.flush()
    listed = set()
    for svc in data["services"]:
        service = session.get(Service, svc["code"]) or Service(code=svc["code"])
        for field in SERVICE_FIELDS:
            if field in svc:
                setattr(service, field, svc[field])
        service.agency_code = svc["agency"]
        service.complaint = svc.get("complaint", default_complaint)
        service.active = True
        service.catalog_version = version
        session.add(service)
        listed.add(svc["code"])
    for service in session.scalars(select(Service).where(Service.code.not_in(listed))):
        service.active = False
    return len(listed)


def services(session: Session, include_inactive: bool = False) -> list[Service]:
    """Services in catalog order (by ticket prefix)."""
    query = select(Service).order_by(Service.prefix)
    if not include_inactive:
        query = query.where(Service.active.is_(True))
    return list(session.scalars(query))


def get_service(session: Session, code: str, *, include_inactive: bool = False) -> Service:
    """An active service by code (case-insensitive); `include_inactive` for old tickets of retired ones."""
    service = session.get(Service, code.strip().upper())
    if service is None or not (service.active or include_inactive):
        raise NotFound(f"layanan tidak dikenal: {code!r} (lihat `kiosk services`)")
    return service


def service_dict(service: Service) -> dict:
    """The shape `kiosk services --json` prints."""
    return {
        "code": service.code,
        "name": service.name,
        "agency": service.agency.short,
        "prefix": service.prefix,
        "mode": service.mode,
        "sla": service.sla,
        "fee": service.fee,
    }


def fee_text(service: Service) -> str:
    """The fee as a citizen reads it: the catalog's own words, else "Gratis" or "Rp10.000"."""
    return service.fee_text or ("Gratis" if not service.fee else f"Rp{service.fee:,}".replace(",", "."))


def service_detail(service: Service) -> dict:
    """Everything a citizen may read of one service (the kiosk's tiles and Info Layanan, the info sheet)."""
    return {
        "code": service.code, "name": service.name, "name_en": service.name_en or "", "prefix": service.prefix,
        "mode": service.mode, "agency": service.agency_code, "agency_short": service.agency.short,
        "agency_name": service.agency.name, "requirements": list(service.requirements or []),
        "procedure": list(service.procedure or []), "sla": service.sla, "sla_days": service.sla_days,
        "fee": service.fee, "fee_text": fee_text(service), "product": service.product,
        "complaint": service.complaint,
        "label": everyday_label(service.code, "id") or service.name,
        "label_en": everyday_label(service.code, "en") or service.name_en or service.name,
    }


def service_names(session: Session, code: str) -> dict:
    """{code, name, name_en} of a service, retired ones too (old records still name them)."""
    service = session.get(Service, code)
    if service is None:
        return {"code": code, "name": code, "name_en": ""}
    return {"code": service.code, "name": service.name, "name_en": service.name_en or ""}


def all_service_names(session: Session) -> dict[str, dict]:
    """code -> {code, name, name_en, prefix} of every service, retired ones too."""
    return {s.code: {"code": s.code, "name": s.name, "name_en": s.name_en or "", "prefix": s.prefix}
            for s in session.scalars(select(Service))}


# --- the citizens' words: popular services and search -------------------------------------------------

DEFAULT_POPULAR = ("KTP", "KK", "AKLAHIR")  # a new site with no history yet
POPULAR_DAYS = 30
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@cache
def service_words() -> dict[str, dict]:
    """code -> {label, label_en, words} from mpp/data/service_words.toml (the everyday names)."""
    from mpp.catalog import BUNDLED_CATALOG

    with open(Path(BUNDLED_CATALOG).with_name("service_words.toml"), "rb") as fh:
        return tomllib.load(fh)


def everyday_label(code: str, lang: str = "id") -> str | None:
    """The short name citizens use ("KTP", "Akta Lahir"), or None when the table has none."""
    entry = service_words().get(code) or {}
    return entry.get("label_en" if lang == "en" else "label") or entry.get("label")


def _squash(text: str) -> str:
    """Lower case, words separated by one space (dashes and punctuation are spaces): "E-KTP" -> "e ktp"."""
    return _NOT_WORD.sub(" ", str(text or "").lower()).strip()


def popular_services(session: Session, *, now: datetime, limit: int = 3,
                     available: set[str] | None = None) -> list[str]:
    """The codes of the most-issued services of the last POPULAR_DAYS days (transfers aside), filled up with
    DEFAULT_POPULAR, then any other; only active services (and only those in `available`, if given)."""
    since = now - timedelta(days=POPULAR_DAYS)
    counted = session.execute(
        select(Ticket.service_code, func.count()).where(Ticket.issued_at >= since, Ticket.transferred_from.is_(None))
        .group_by(Ticket.service_code).order_by(func.count().desc(), Ticket.service_code)).all()
    active = [svc.code for svc in services(session)]
    ok = [code for code in active if available is None or code in available]
    chosen: list[str] = []
    for code in [c for c, _ in counted] + list(DEFAULT_POPULAR) + ok:
        if code in ok and code not in chosen:
            chosen.append(code)
        if len(chosen) >= limit:
            break
    return chosen


def search_services(session: Session, text: str) -> list[str]:
    """Service codes matching what a citizen typed ("ktp", "e-ktp", "akta lahir", "pindah"), best first:
    an everyday word said exactly, then words that begin with what was typed, then the catalog's names."""
    query = _squash(text)
    if not query:
        return []
    compact = query.replace(" ", "")
    tokens = query.split()
    scored = []
    for svc in services(session):
        entry = service_words().get(svc.code) or {}
        words = [_squash(w) for w in [svc.code, entry.get("label", ""), *entry.get("words", [])] if w]
        names = _squash(" ".join([svc.name, svc.name_en or "", svc.agency.short, *words]))
        name_words = names.split()
        if any(compact == w.replace(" ", "") for w in words):
            score = 3
        elif any(w.replace(" ", "").startswith(compact) for w in words):
            score = 2
        elif all(any(nw.startswith(t) for nw in name_words) for t in tokens):
            score = 1
        else:
            continue
        scored.append((-score, svc.prefix, svc.code))
    return [code for *_, code in sorted(scored)]
