"""Survei Kepuasan Masyarakat (SKM) at the site: storing responses and the IKM over them.

The scoring itself (9 unsur 1..4, IKM with exact 1/9 weights, mutu grades) is mpp.skm, which central
uses too. Responses are anonymous: no operator, ticket or applicant is stored with them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import outbox
from kiosk.catalog import get_service
from kiosk.clock import SITE_TZ
from kiosk.errors import InputError
from kiosk.models import Survey, new_id
from kiosk.site import site_code
from mpp import wire
from mpp.skm import UNSUR, compute_ikm, mutu_for, validate_scores

QUESTIONS_ID = [
    "Apakah persyaratan pelayanan sesuai dengan jenis layanannya?",
    "Apakah prosedur pelayanan di sini mudah?",
    "Apakah waktu penyelesaian pelayanan cepat?",
    "Apakah biaya/tarif pelayanan wajar?",
    "Apakah hasil pelayanan sesuai dengan standar pelayanan?",
    "Apakah petugas mampu dan kompeten?",
    "Apakah petugas sopan dan ramah?",
    "Bagaimana kualitas sarana dan prasarana?",
    "Bagaimana penanganan pengaduan, saran dan masukan?",
]
QUESTIONS_EN = [
    "Did the requirements fit the service?",
    "Was the procedure easy?",
    "Was the service completed quickly?",
    "Was the fee reasonable?",
    "Did the result match the service standard?",
    "Were the staff competent?",
    "Were the staff polite and friendly?",
    "How good were the facilities?",
    "How well are complaints and suggestions handled?",
]
ANSWERS_ID = {1: "Tidak baik/sesuai", 2: "Kurang baik/sesuai", 3: "Baik/sesuai", 4: "Sangat baik/sesuai"}
ANSWERS_EN = {1: "Poor", 2: "Fair", 3: "Good", 4: "Very good"}

__all__ = ["UNSUR", "add_survey", "compute_ikm", "ikm", "mutu_for", "parse_scores", "validate_scores"]


def parse_scores(text: str) -> list[int]:
    """`4,4,3,4,4,4,4,3,4` (commas, semicolons or spaces) -> [4, 4, 3, ...]."""
    parts = [p for p in re.split(r"[\s,;]+", str(text).strip()) if p]
    if not all(p.isascii() and p.isdigit() for p in parts):
        raise InputError(f"survei harus 9 nilai 1..4 dipisah koma, mis. 4,4,3,4,4,4,4,3,4 (bukan {text!r})")
    return validate_scores([int(p) for p in parts])


def add_survey(session: Session, *, service_code: str, scores: Sequence[int], now: datetime) -> Survey:
    """Store one anonymous SKM response for a service."""
    values = validate_scores(scores)
    service = get_service(session, service_code)
    row = Survey(id=new_id(), site_code=site_code(session), service_code=service.code,
                 scores=values, at=now)
    session.add(row)
    outbox.append(session, wire.SURVEY_ADDED, now, id=row.id, service=service.code, scores=values, at=now)
    return row


def _day_start_utc(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=SITE_TZ).astimezone(UTC)


def ikm(session: Session, *, service_code: str | None = None, date_from: date | None = None,
        date_to: date | None = None) -> dict:
    """IKM over stored responses; dates are the site's local business days, both inclusive."""
    query = select(Survey.scores)
    if service_code:
        query = query.where(Survey.service_code == service_code.strip().upper())
    if date_from is not None:
        query = query.where(Survey.at >= _day_start_utc(date_from))
    if date_to is not None:
        query = query.where(Survey.at < _day_start_utc(date_to + timedelta(days=1)))
    return compute_ikm(session.scalars(query))
