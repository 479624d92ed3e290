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
