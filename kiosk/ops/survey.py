"""The citizens' satisfaction survey (SKM) and its index (IKM)."""

from __future__ import annotations

from datetime import date

from kiosk import survey
from kiosk.errors import InputError
from kiosk.ops.registry import LOCAL, op, when


@op("survey.add")
def add_survey(ctx, *, service: str, scores: list[int] | str, at: str | None = None, age: int | None = None,
               sex: str | None = None, education: str | None = None, job: str | None = None,
               suggestion: str | None = None) -> dict:
    """Store one anonymous response: 9 scores 1..4 (a list, or text such as "4,4,3,4,4,4,4,3,4"), and the
    respondent's optional profile (age in years, sex L|P, education SD..S3, job) and suggestion:
    {service, scores, age, sex, education, job, suggestion}."""
    values = survey.parse_scores(scores) if isinstance(scores, str) else survey.validate_scores(scores)
    profile = survey.check_profile(age=age, sex=sex, education=education, job=job, suggestion=suggestion)
    with ctx.store.transaction() as s:
        row = survey.add_survey(s, service_code=service, scores=values, now=when(ctx, at), profile=profile)
        return {"service": row.service_code, "scores": values, **profile}


@op("survey.check_profile", scope=LOCAL, write=False)
def check_profile(ctx=None, *, age=None, sex: str | None = None, education: str | None = None,
                  job: str | None = None, suggestion: str | None = None) -> dict:
    """The respondent's profile as `survey.add` will store it, or an InputError saying what is wrong
    (the kiosk's profile screen asks before going on)."""
    return survey.check_profile(age=age, sex=sex, education=education, job=job, suggestion=suggestion)


@op("survey.ikm", write=False)
def ikm(ctx, *, service: str | None = None, date_from: str | None = None, date_to: str | None = None) -> dict:
    """IKM over the stored responses (dates YYYY-MM-DD, the site's business days, inclusive):
    {respondents, ikm, mutu, per_unsur, unsur: [{code, name, nrr, nrr_weighted}],
    profile: {sex, age, education, job}}."""
    start, end = _range(date_from, date_to)
    with ctx.store.read() as s:
        return survey.summary(s, service_code=service, date_from=start, date_to=end)


@op("survey.invite")
def invite(ctx, *, counter: int) -> dict:
    """"Mohon isi survei": counter N asks the citizen it served last to answer at the kiosk, where the survey
    of that service opens while the invitation is fresh: {ticket, number, service, counter, invited_at}."""
    with ctx.store.transaction() as s:
        ticket = survey.invite(s, counter=int(counter), now=ctx.now())
        return _invitation(s, ticket)


@op("survey.invitations", write=False)
def invitations(ctx) -> list[dict]:
    """The counters' fresh invitations, newest first: [{ticket, number, service, counter, invited_at}]."""
    with ctx.store.read() as s:
        return [_invitation(s, t) for t in survey.invitations(s, now=ctx.now())]


@op("survey.for_ticket", write=False)
def for_ticket(ctx, *, text: str) -> dict:
    """A ticket's QR scanned at the kiosk -> the survey of the service it was served for:
    {ticket, number, service, counter, invited_at}; an InputError for a ticket not served (yet)."""
    from kiosk import codes, tickets

    found = codes.parse_lookup(text)
    if found["kind"] != "ticket":
        raise InputError("ini bukan QR tiket antrian (not a queue ticket)")
    with ctx.store.read() as s:
        ticket = tickets.find_ticket(s, found["ref"], now=ctx.now())
        if ticket.status in (tickets.WAITING, tickets.CALLED):
            raise InputError(f"{ticket.number} belum dilayani: survei dapat diisi setelah pelayanan "
                             "(survey after the service)")
        if ticket.status in (tickets.CANCELLED, tickets.NO_SHOW):
            raise InputError(f"{ticket.number} tidak dilayani: survei hanya untuk yang sudah dilayani")
        return _invitation(s, ticket)


def _invitation(s, ticket) -> dict:
    from kiosk import catalog

    return {"ticket": ticket.id, "number": ticket.number, "service": catalog.service_names(s, ticket.service_code),
            "counter": ticket.counter,
            "invited_at": ticket.survey_invited_at.isoformat() if ticket.survey_invited_at else None}


@op("survey.questions", scope=LOCAL, write=False)
def questions(ctx=None) -> dict:
    """What the survey screen asks, in Indonesian (`text`) and English (`text_en`): the 9 unsur of
    PermenPANRB 14/2017 with their question {code, name, text, text_en}, and the four answers
    {score, text, text_en}."""
    asked = zip(survey.UNSUR, survey.QUESTIONS_ID, survey.QUESTIONS_EN, strict=True)
    return {"questions": [{"code": code, "name": name, "text": text, "text_en": text_en}
                          for (code, name), text, text_en in asked],
            "answers": [{"score": score, "text": text, "text_en": survey.ANSWERS_EN[score]}
                        for score, text in sorted(survey.ANSWERS_ID.items())]}


def _range(date_from: str | None, date_to: str | None) -> tuple[date | None, date | None]:
    start, end = _day(date_from, "--from"), _day(date_to, "--to")
    if start and end and start > end:
        raise InputError("--from harus sebelum --to")
    return start, end


def _day(text: str | None, what: str) -> date | None:
    if not text:
        return None
    from kiosk.clock import parse_day

    try:
        return parse_day(text)
    except InputError as exc:
        raise InputError(f"{what}: {exc}") from None
