"""SKM responses and the IKM, checked against figures worked out by hand."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import select

from kiosk import survey
from kiosk.clock import SITE_TZ
from kiosk.errors import InputError, NotFound
from kiosk.models import OutboxMutation, Survey

ALL4, ALL3 = [4] * 9, [3] * 9


@pytest.fixture
def clock_start():
    return datetime(2026, 11, 28, 9, 0, tzinfo=SITE_TZ)


def test_constants_cover_nine_unsur_in_both_languages():
    assert [code for code, _ in survey.UNSUR] == [f"U{i}" for i in range(1, 10)]
    assert len(survey.QUESTIONS_ID) == len(survey.QUESTIONS_EN) == 9
    assert sorted(survey.ANSWERS_ID) == sorted(survey.ANSWERS_EN) == [1, 2, 3, 4]


@pytest.mark.parametrize("text, expected", [
    ("4,4,3,4,4,4,4,3,4", [4, 4, 3, 4, 4, 4, 4, 3, 4]),
    (" 1, 2 ,3,4;1 2 3 4 1 ", [1, 2, 3, 4, 1, 2, 3, 4, 1]),
])
def test_parse_scores(text, expected):
    assert survey.parse_scores(text) == expected


@pytest.mark.parametrize("text", ["", "4,4,4,4,4,4,4,4", "4,4,4,4,4,4,4,4,4,4", "0,4,4,4,4,4,4,4,4",
                                  "5,4,4,4,4,4,4,4,4", "a,4,4,4,4,4,4,4,4", "4.0,4,4,4,4,4,4,4,4", "-1,4,4,4,4,4,4,4,4"])
def test_bad_scores_are_an_input_error(text):
    with pytest.raises(InputError, match="9 nilai"):
        survey.parse_scores(text)


def test_validate_scores_refuses_non_integers():
    with pytest.raises(InputError):
        survey.validate_scores([True] * 9)
    with pytest.raises(InputError):
        survey.validate_scores([4.0] * 9)


@pytest.mark.parametrize("value, grade", [
    (100, "A"), (88.31, "A"), (88.30, "B"), (88.309999, "B"), (76.61, "B"), (76.60, "C"), (65.00, "C"),
    (64.99, "D"), (25, "D"), (Fraction("88.31"), "A"), (Decimal("76.61"), "B"), (Fraction(8831, 100) - Fraction(1, 10**9), "B"),
])
def test_mutu_boundaries(value, grade):
    assert survey.mutu_for(value) == grade


def test_exact_weights_keep_a_grade_that_0111_weights_lose():
    # By hand: 5 respondents, 159 points in 45 answers.
    #   U1..U6: (4+4+3+3+4)/5 = 3.6     U7..U9: (4+4+3+3+3)/5 = 3.4
    #   IKM = (6×3.6 + 3×3.4) × 1/9 × 25 = 31.8 / 9 × 25 = 88.333… -> 88.33, mutu A
    #   with the printed weight 0.111: 31.8 × 0.111 × 25 = 88.245 -> B
    rows = [ALL4, ALL4, ALL3, ALL3, [4, 4, 4, 4, 4, 4, 3, 3, 3]]
    result = survey.compute_ikm(rows)
    assert result == {"respondents": 5, "ikm": 88.33, "mutu": "A",
                      "per_unsur": {**{f"U{i}": 3.6 for i in range(1, 7)}, **{f"U{i}": 3.4 for i in range(7, 10)}}}
    naive = round(sum(result["per_unsur"].values()) * 0.111 * 25, 2)
    assert survey.mutu_for(naive) == "B"


def test_final_rounding_is_half_up_and_the_grade_follows_the_published_figure():
    # 1 respondent all 4, 7 all 3: every NRR = 25/8 = 3.125, IKM = 3.125 × 25 = 78.125 -> 78.13 (not 78.12)
    result = survey.compute_ikm([ALL4] + [ALL3] * 7)
    assert result["ikm"] == 78.13 and result["per_unsur"]["U1"] == 3.13 and result["mutu"] == "B"
    # 22 all 4, 1 with eight 4s and a 3, 20 all 3: 1367 points / 387 answers × 25 = 88.3075… -> 88.31, A
    rows = [ALL4] * 22 + [[4] * 8 + [3]] + [ALL3] * 20
    result = survey.compute_ikm(rows)
    assert result["respondents"] == 43 and result["ikm"] == 88.31 and result["mutu"] == "A"


def test_all_fours_is_exactly_100():
    assert survey.compute_ikm([ALL4] * 7)["ikm"] == 100.0


def test_no_respondents():
    assert survey.compute_ikm([]) == {"respondents": 0, "ikm": None, "mutu": None, "per_unsur": {}}


def test_add_survey_stores_and_appends_outbox(site_store, clock):
    with site_store.transaction() as s:
        row = survey.add_survey(s, service_code="ktp", scores=[4, 4, 3, 4, 4, 4, 4, 3, 4], now=clock.now())
        row_id = row.id
    with site_store.read() as s:
        stored = s.get(Survey, row_id)
        assert stored.service_code == "KTP" and stored.site_code == "64.02.12" and stored.scores[2] == 3
        (mutation,) = s.scalars(select(OutboxMutation)).all()
        assert mutation.name == "survey.added"
        assert json.loads(mutation.payload) == {"i": row_id, "s": "KTP", "sc": [4, 4, 3, 4, 4, 4, 4, 3, 4],
                                                "at": int(clock.now().timestamp())}


def test_add_survey_refuses_bad_input(site_store, clock):
    with pytest.raises(InputError), site_store.transaction() as s:
        survey.add_survey(s, service_code="KTP", scores=[4] * 8, now=clock.now())
    with pytest.raises(NotFound), site_store.transaction() as s:
        survey.add_survey(s, service_code="XYZ", scores=ALL4, now=clock.now())


def test_ikm_filters_by_service_and_local_business_days(site_store, clock):
    at = [
        (datetime(2026, 11, 27, 23, 30, tzinfo=SITE_TZ), "KTP", ALL3),   # 27th local (15:30 UTC)
        (datetime(2026, 11, 28, 0, 30, tzinfo=SITE_TZ), "KTP", ALL4),    # 28th local, still 27th in UTC
        (datetime(2026, 11, 28, 16, 0, tzinfo=SITE_TZ), "KK", ALL4),
        (datetime(2026, 11, 29, 7, 59, tzinfo=SITE_TZ), "KTP", [1] * 9),  # 29th local, 23:59 UTC on the 28th
    ]
    with site_store.transaction() as s:
        for when, code, scores in at:
            survey.add_survey(s, service_code=code, scores=scores, now=when)
    with site_store.read() as s:
        assert survey.ikm(s)["respondents"] == 4
        day28 = survey.ikm(s, date_from=date(2026, 11, 28), date_to=date(2026, 11, 28))
        assert day28["respondents"] == 2 and day28["ikm"] == 100.0
        assert survey.ikm(s, service_code="ktp", date_to=date(2026, 11, 28))["ikm"] == 87.5  # (3+4)/2 × 25
        assert survey.ikm(s, service_code="KTP", date_from=date(2026, 11, 29))["ikm"] == 25.0
        assert survey.ikm(s, service_code="PBG") == {"respondents": 0, "ikm": None, "mutu": None, "per_unsur": {}}
