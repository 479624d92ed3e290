"""Survei Kepuasan Masyarakat (SKM) at the site: storing responses and the IKM over them.

The scoring itself (9 unsur 1..4, IKM with exact 1/9 weights, mutu grades), the respondent's profile
groups and the report's tables are mpp.skm, which central uses too. Responses are anonymous: no operator,
ticket or applicant is stored with them (a profile is age, sex, education and occupation, all optional).

A counter may invite the citizen it just served to answer at the kiosk ("Mohon isi survei"): the ticket is
marked `survey_invited_at`, and the kiosk shows the survey for that ticket's service while the invitation
is fresh. The answer is not tied back to the ticket.
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
from kiosk.models import Survey, Ticket, new_id
from kiosk.site import site_code
from mpp import wire
from mpp.skm import UNSUR, check_profile, compute_ikm, mutu_for, profile_counts, unsur_table, validate_scores

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

__all__ = ["UNSUR", "add_survey", "check_profile", "compute_ikm", "ikm", "invitations", "invite", "mutu_for",
           "parse_scores", "summary", "validate_scores"]
# How long a counter's invitation stays on offer at the kiosk.
INVITE_MINUTES = 10


def parse_scores(text: str) -> list[int]:
    """`4,4,3,4,4,4,4,3,4` (commas, semicolons or spaces) -> [4, 4, 3, ...]."""
    parts = [p for p in re.split(r"[\s,;]+", str(text).strip()) if p]
    if not all(p.isascii() and p.isdigit() for p in parts):
        raise InputError(f"survei harus 9 nilai 1..4 dipisah koma, mis. 4,4,3,4,4,4,4,3,4 (bukan {text!r})")
    return validate_scores([int(p) for p in parts])


def add_survey(session: Session, *, service_code: str, scores: Sequence[int], now: datetime,
               profile: dict | None = None) -> Survey:
    """Store one anonymous SKM response for a service, with the respondent's optional profile
    (age, sex, education, job) and suggestion (`mpp.skm.check_profile`)."""
    values = validate_scores(scores)
    extra = check_profile(**(profile or {}))
    service = get_service(session, service_code)
    row = Survey(id=new_id(), site_code=site_code(session), service_code=service.code,
                 scores=values, at=now, **extra)
    session.add(row)
    outbox.append(session, wire.SURVEY_ADDED, now, id=row.id, service=service.code, scores=values, at=now, **extra)
    return row


def _day_start_utc(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=SITE_TZ).astimezone(UTC)


def _between(query, service_code: str | None, date_from: date | None, date_to: date | None):
    if service_code:
        query = query.where(Survey.service_code == service_code.strip().upper())
    if date_from is not None:
        query = query.where(Survey.at >= _day_start_utc(date_from))
    if date_to is not None:
        query = query.where(Survey.at < _day_start_utc(date_to + timedelta(days=1)))
    return query


def ikm(session: Session, *, service_code: str | None = None, date_from: date | None = None,
        date_to: date | None = None) -> dict:
    """IKM over stored responses; dates are the site's local business days, both inclusive."""
    return compute_ikm(session.scalars(_between(select(Survey.scores), service_code, date_from, date_to)))


def summary(session: Session, *, service_code: str | None = None, date_from: date | None = None,
            date_to: date | None = None) -> dict:
    """The IKM (`ikm`) plus the report's tables: `unsur` [{code, name, nrr, nrr_weighted}] and `profile`
    {sex, age, education, job} (respondents per group)."""
    rows = session.execute(_between(select(Survey.scores, Survey.age, Survey.sex, Survey.education, Survey.job),
                                     service_code, date_from, date_to)).all()
    scores = [r.scores for r in rows]
    return {**compute_ikm(scores), "unsur": unsur_table(scores),
            "profile": profile_counts({"age": r.age, "sex": r.sex, "education": r.education, "job": r.job}
                                      for r in rows)}


def by_service(session: Session, *, date_from: date | None = None, date_to: date | None = None) -> list[dict]:
    """The IKM of each service that has responses: [{service, respondents, ikm, mutu}] by service code."""
    rows = session.execute(_between(select(Survey.service_code, Survey.scores), None, date_from, date_to)).all()
    grouped: dict[str, list] = {}
    for row in rows:
        grouped.setdefault(row.service_code, []).append(row.scores)
    return [{"service": code, **{k: v for k, v in compute_ikm(scores).items() if k != "per_unsur"}}
            for code, scores in sorted(grouped.items())]


def suggestions(session: Session, *, service_code: str | None = None, date_from: date | None = None,
                date_to: date | None = None) -> list[dict]:
    """The respondents' suggestions, oldest first: [{at, service, text}]."""
    query = _between(select(Survey.at, Survey.service_code, Survey.suggestion)
                     .where(Survey.suggestion.is_not(None)), service_code, date_from, date_to)
    return [{"at": r.at, "service": r.service_code, "text": r.suggestion}
            for r in session.execute(query.order_by(Survey.at))]


# --- the counter's invitation ("Mohon isi survei") --------------------------------------------------------

def invite(session: Session, *, counter: int, now: datetime) -> Ticket:
    """Invite the citizen counter N served last (the ticket it serves now, or its last finished one today)
    to answer the survey at the kiosk."""
    from kiosk import tickets

    day = tickets.business_day(now)
    query = (select(Ticket).where(Ticket.counter == counter, Ticket.business_day == day,
                                  Ticket.status.in_((tickets.SERVING, tickets.CALLED, tickets.DONE)))
             .order_by(Ticket.status.in_((tickets.SERVING, tickets.CALLED)).desc(),
                       Ticket.finished_at.desc().nulls_last(), Ticket.seq.desc()))
    ticket = session.scalars(query.limit(1)).first()
    if ticket is None:
        raise InputError(f"loket {counter} belum melayani siapa pun hari ini (no ticket to invite)")
    ticket.survey_invited_at = now
    return ticket


def invitations(session: Session, *, now: datetime) -> list[Ticket]:
    """Tickets whose citizen a counter invited to the survey in the last INVITE_MINUTES, newest first."""
    since = now - timedelta(minutes=INVITE_MINUTES)
    return list(session.scalars(select(Ticket).where(Ticket.survey_invited_at >= since)
                                .order_by(Ticket.survey_invited_at.desc())))
