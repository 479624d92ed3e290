"""Survei Kepuasan Masyarakat (SKM) and its index (IKM), after PermenPANRB 14/2017.

Each response scores the 9 unsur 1..4. Per unsur, NRR = mean score; IKM = Σ NRR_i × 1/9 × 25.
The weights are exactly 1/9 (the regulation's printed 0.111 would cap IKM at 99.9 and can cost a
grade near a boundary), so everything is computed in Fractions and only the output is rounded.
Responses are anonymous: no operator, ticket or applicant is stored with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import outbox
from kiosk.catalog import get_service
from kiosk.clock import SITE_TZ
from kiosk.errors import InputError
from kiosk.models import Survey, new_id
from kiosk.site import site_code

UNSUR = [
    ("U1", "Persyaratan"),
    ("U2", "Sistem, mekanisme dan prosedur"),
    ("U3", "Waktu penyelesaian"),
    ("U4", "Biaya/tarif"),
    ("U5", "Produk spesifikasi jenis pelayanan"),
    ("U6", "Kompetensi pelaksana"),
    ("U7", "Perilaku pelaksana"),
    ("U8", "Sarana dan prasarana"),
    ("U9", "Penanganan pengaduan, saran dan masukan"),
]
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

# Lower bounds of the mutu pelayanan grades (IKM converted, 25..100), best first.
MUTU_THRESHOLDS = [(Fraction("88.31"), "A"), (Fraction("76.61"), "B"), (Fraction("65.00"), "C")]
_WEIGHT = Fraction(1, 9)
_CENT = Decimal("0.01")


def validate_scores(scores: Sequence[int]) -> list[int]:
    """Exactly 9 integer scores, each 1..4."""
    values = list(scores)
    if len(values) != len(UNSUR) or any(type(v) is not int or not 1 <= v <= 4 for v in values):
        raise InputError(f"survei harus 9 nilai 1..4 (9 scores 1..4), bukan {values!r}")
    return values


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
    outbox.append(session, "survey.added",
                  {"i": row.id, "s": service.code, "sc": values, "at": outbox.epoch_seconds(now)}, now)
    return row


def _round2(value: Fraction) -> float:
    # Half up, as people (and spreadsheets) round the published figure; not banker's rounding.
    return float((Decimal(value.numerator) / Decimal(value.denominator)).quantize(_CENT, rounding="ROUND_HALF_UP"))


def mutu_for(ikm_value: float | Fraction | Decimal | int) -> str:
    """Mutu pelayanan grade of an IKM value: A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, else D."""
    # Floats go through their decimal text, so 88.31 is 88.31 and not 88.30999….
    value = Fraction(repr(ikm_value)) if isinstance(ikm_value, float) else Fraction(ikm_value)
    for bound, grade in MUTU_THRESHOLDS:
        if value >= bound:
            return grade
    return "D"


def compute_ikm(responses: Iterable[Sequence[int]]) -> dict:
    """IKM of score lists: {respondents, ikm, mutu, per_unsur: {U1: NRR, ...}}, rounded to 2 decimals."""
    rows = [validate_scores(r) for r in responses]
    if not rows:
        return {"respondents": 0, "ikm": None, "mutu": None, "per_unsur": {}}
    n = len(rows)
    nrr = [Fraction(sum(r[i] for r in rows), n) for i in range(len(UNSUR))]
    ikm_value = _round2(sum(v * _WEIGHT for v in nrr) * 25)
    return {
        "respondents": n,
        "ikm": ikm_value,
        # Graded on the published (rounded) figure, so the number and its letter always agree.
        "mutu": mutu_for(ikm_value),
        "per_unsur": {code: _round2(v) for (code, _), v in zip(UNSUR, nrr, strict=True)},
    }


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
