"""The citizens' satisfaction survey (SKM) and its index (IKM)."""

from __future__ import annotations

from datetime import date

from kiosk import survey
from kiosk.errors import InputError
from kiosk.ops import LOCAL, op, when


@op("survey.add")
def add_survey(ctx, *, service: str, scores: list[int] | str, at: str | None = None) -> dict:
    """Store one anonymous response: 9 scores 1..4 (a list, or text such as "4,4,3,4,4,4,4,3,4")."""
    values = survey.parse_scores(scores) if isinstance(scores, str) else survey.validate_scores(scores)
    with ctx.store.transaction() as s:
        row = survey.add_survey(s, service_code=service, scores=values, now=when(ctx, at))
        return {"service": row.service_code, "scores": values}


@op("survey.ikm", write=False)
def ikm(ctx, *, service: str | None = None, date_from: str | None = None, date_to: str | None = None) -> dict:
    """IKM over the stored responses (dates YYYY-MM-DD, the site's business days, inclusive)."""
    start, end = _day(date_from, "--from"), _day(date_to, "--to")
    if start and end and start > end:
        raise InputError("--from harus sebelum --to")
    with ctx.store.read() as s:
        return survey.ikm(s, service_code=service, date_from=start, date_to=end)


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


def _day(text: str | None, what: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        raise InputError(f"{what}: tanggal harus YYYY-MM-DD, bukan {text!r}") from None
