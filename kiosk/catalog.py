"""The service catalog: agencies and services (standar pelayanan). Seeded from the bundled catalog
(mpp/data/catalog.toml, validated by mpp.catalog), updated by pull."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.errors import NotFound
from kiosk.models import Agency, Service
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
