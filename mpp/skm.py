"""Survei Kepuasan Masyarakat (SKM) scores and their index (IKM), after PermenPANRB 14/2017.

Each response scores the 9 unsur 1..4. Per unsur, NRR = mean score; IKM = Σ NRR_i × 1/9 × 25.
The weights are exactly 1/9 (the regulation's printed 0.111 would cap IKM at 99.9 and can cost a
grade near a boundary), so everything is computed in Fractions and only the output is rounded.
The site and central compute the same figure with this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

from mpp.errors import InputError

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
# Lower bounds of the mutu pelayanan grades (IKM converted, 25..100), best first.
MUTU_THRESHOLDS = [(Fraction("88.31"), "A"), (Fraction("76.61"), "B"), (Fraction("65.00"), "C")]
# The regulation's words for each grade (kinerja unit pelayanan) and its IKM interval.
MUTU_LABELS = {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}
MUTU_RANGES = {"A": "88,31 – 100,00", "B": "76,61 – 88,30", "C": "65,00 – 76,60", "D": "25,00 – 64,99"}
# The same grades as intervals of the (unconverted) average score, as the regulation's table prints them.
MUTU_NRR_RANGES = {"A": "3,5324 – 4,00", "B": "3,0644 – 3,532", "C": "2,60 – 3,064", "D": "1,00 – 2,5996"}
_WEIGHT = Fraction(1, 9)
_CENT = Decimal("0.01")


def validate_scores(scores: Sequence[int]) -> list[int]:
    """Exactly 9 integer scores, each 1..4."""
    values = list(scores)
    if len(values) != len(UNSUR) or any(type(v) is not int or not 1 <= v <= 4 for v in values):
        shown = repr(values) if len(values) <= 20 else f"{len(values)} nilai"
        raise InputError(f"survei harus 9 nilai 1..4 (9 scores 1..4), bukan {shown[:80]}")
    return values


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


# --- the report's tables: NRR per unsur, and who answered ----------------------------------------------------
# The respondent's profile, as the regulation's questionnaire asks it (all optional).
SEXES = ("L", "P")
EDUCATION = ("SD", "SMP", "SMA", "D3", "S1", "S2", "S3")
# The questionnaire asks the age in years and the regulation fixes no bands for the report; these decades are
# what SKM reports commonly show (60+ is "lansia", as the queue's priority class).
AGE_BANDS = (("<20", 0, 19), ("20-29", 20, 29), ("30-39", 30, 39), ("40-49", 40, 49), ("50-59", 50, 59),
             ("60+", 60, 200))
AGE_MIN, AGE_MAX = 10, 120
UNKNOWN = "unknown"  # the profile group of a respondent who left that question out


def age_band(age: int | None) -> str:
    """The report's age band of an age in years ("30-39"), or "unknown"."""
    if age is None:
        return UNKNOWN
    return next(label for label, low, high in AGE_BANDS if low <= age <= high)


def unsur_table(responses: Iterable[Sequence[int]]) -> list[dict]:
    """Per unsur: {code, name, nrr, nrr_weighted} — NRR = mean score 1..4 (2 decimals), weighted = NRR × 1/9
    (3 decimals); empty without responses. The IKM is the sum of the exact weighted NRRs × 25."""
    rows = [validate_scores(r) for r in responses]
    if not rows:
        return []
    n = len(rows)
    out = []
    for i, (code, name) in enumerate(UNSUR):
        nrr = Fraction(sum(r[i] for r in rows), n)
        out.append({"code": code, "name": name, "nrr": _round2(nrr), "nrr_weighted": _round(nrr * _WEIGHT, 3)})
    return out


def profile_counts(profiles: Iterable[dict]) -> dict:
    """Respondents per group: {sex: {L, P, unknown}, age: {<20 … 60+, unknown}, education: {SD … S3, unknown},
    job: {text: n, …, unknown}} from dicts with age, sex, education, job (None when not given). Every fixed
    group is present (0 when nobody); jobs are counted as written, the most frequent first."""
    sex = dict.fromkeys((*SEXES, UNKNOWN), 0)
    age = dict.fromkeys((*(label for label, _, _ in AGE_BANDS), UNKNOWN), 0)
    education = dict.fromkeys((*EDUCATION, UNKNOWN), 0)
    jobs: dict[str, int] = {}
    for p in profiles:
        sex[p.get("sex") if p.get("sex") in SEXES else UNKNOWN] += 1
        age[age_band(p.get("age")) if isinstance(p.get("age"), int) else UNKNOWN] += 1
        education[p.get("education") if p.get("education") in EDUCATION else UNKNOWN] += 1
        job = p.get("job") or UNKNOWN
        jobs[job] = jobs.get(job, 0) + 1
    unknown_jobs = jobs.pop(UNKNOWN, 0)
    ordered = dict(sorted(jobs.items(), key=lambda item: (-item[1], item[0].casefold())))
    return {"sex": sex, "age": age, "education": education, "job": {**ordered, UNKNOWN: unknown_jobs}}


def _round(value: Fraction, places: int) -> float:
    quantum = Decimal(1).scaleb(-places)
    return float((Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, rounding="ROUND_HALF_UP"))


def check_profile(*, age=None, sex=None, education=None, job=None, suggestion=None) -> dict:
    """The respondent's optional profile and suggestion, normalised: {age, sex, education, job, suggestion}
    (None where not given). Raises InputError (one line, Bahasa Indonesia first) on a value out of range."""
    from mpp.text import clean_field

    if age is not None and age != "":
        if isinstance(age, str) and age.strip().isdigit():
            age = int(age.strip())
        if type(age) is not int or not AGE_MIN <= age <= AGE_MAX:
            raise InputError(f"umur harus {AGE_MIN}..{AGE_MAX} tahun, bukan {str(age)[:20]!r} (age in years)")
    else:
        age = None
    sex = (str(sex).strip().upper() or None) if sex is not None else None
    if sex is not None and sex not in SEXES:
        raise InputError(f"jenis kelamin harus L atau P, bukan {sex[:10]!r} (sex L|P)")
    education = (str(education).strip().upper() or None) if education is not None else None
    if education is not None and education not in EDUCATION:
        raise InputError(f"pendidikan harus salah satu dari {'|'.join(EDUCATION)}, bukan {education[:10]!r}")
    return {"age": age, "sex": sex, "education": education, "job": clean_field("job", job),
            "suggestion": clean_field("suggestion", suggestion)}
