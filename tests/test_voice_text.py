"""The words the TV says: Indonesian numbers, letter names and the whole announcement."""

from __future__ import annotations

import pytest

from kiosk.errors import InputError
from kiosk.voice import text

CARDINALS = [
    (0, "nol"), (1, "satu"), (7, "tujuh"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"),
    (19, "sembilan belas"), (20, "dua puluh"), (21, "dua puluh satu"), (25, "dua puluh lima"),
    (99, "sembilan puluh sembilan"), (100, "seratus"), (101, "seratus satu"), (103, "seratus tiga"),
    (110, "seratus sepuluh"), (111, "seratus sebelas"), (119, "seratus sembilan belas"),
    (200, "dua ratus"), (250, "dua ratus lima puluh"), (999, "sembilan ratus sembilan puluh sembilan"),
    (1000, "seribu"), (1001, "seribu satu"), (1100, "seribu seratus"), (1111, "seribu seratus sebelas"),
    (2000, "dua ribu"), (2025, "dua ribu dua puluh lima"), (9999, "sembilan ribu sembilan ratus sembilan puluh sembilan"),
    (11000, "sebelas ribu"), (100000, "seratus ribu"), (1000000, "satu juta"),
    (2500000, "dua juta lima ratus ribu"), (1000000000, "satu miliar"),
]


@pytest.mark.parametrize(("n", "words"), CARDINALS)
def test_cardinal_numbers_read_the_indonesian_way(n, words):
    assert text.cardinal(n) == words


LETTERS = [("A", "A"), ("B", "Be"), ("C", "Ce"), ("D", "De"), ("E", "E"), ("F", "Ef"), ("G", "Ge"), ("H", "Ha"),
           ("J", "Je"), ("K", "Ka"), ("L", "El"), ("M", "Em"), ("N", "En"), ("Q", "Ki"), ("R", "Er"),
           ("S", "Es"), ("V", "Fe"), ("W", "We"), ("X", "Eks"), ("Y", "Ye"), ("Z", "Zet")]


@pytest.mark.parametrize(("letter", "name"), LETTERS)
def test_letters_by_their_indonesian_names(letter, name):
    assert text.letter_names(letter) == name
    assert text.letter_names(letter.lower()) == name


@pytest.mark.parametrize(("number", "reading", "words"), [
    ("A-025", "cardinal", "A dua puluh lima"),
    ("A-001", "cardinal", "A satu"),
    ("B-011", "cardinal", "Be sebelas"),
    ("C-100", "cardinal", "Ce seratus"),
    ("D-103", "cardinal", "De seratus tiga"),
    ("Q-999", "cardinal", "Ki sembilan ratus sembilan puluh sembilan"),
    ("a12", "cardinal", "A dua belas"),
    ("K 1000", "cardinal", "Ka seribu"),
    ("A-001", "digits", "A nol nol satu"),
    ("A-025", "digits", "A nol dua lima"),
    ("G-110", "digits", "Ge satu satu nol"),
])
def test_ticket_numbers(number, reading, words):
    assert text.ticket_words(number, reading) == words


def test_the_announcement_names_the_number_and_the_counter():
    assert text.announcement_text("A-025", 2) == "Nomor antrian A dua puluh lima, silakan menuju loket dua."
    assert text.announcement_text("B-001", "12") == "Nomor antrian Be satu, silakan menuju loket dua belas."
    assert (text.announcement_text("A-001", 3, reading="digits")
            == "Nomor antrian A nol nol satu, silakan menuju loket tiga.")


def test_a_recall_says_which_call_it_is():
    assert text.announcement_text("A-025", 2, recall=1).startswith("Panggilan kedua. Nomor antrian A dua puluh lima")
    assert text.announcement_text("A-025", 2, recall=2).startswith("Panggilan ketiga. ")
    assert text.announcement_text("A-025", 2, recall=3).startswith("Panggilan keempat. ")
    assert text.ordinal(1) == "pertama" and text.ordinal(10) == "kesepuluh"


def test_service_and_counter_names_are_made_speakable():
    said = text.announcement_text("A-025", 2, "Perekaman & Pencetakan KTP-el")
    assert said == "Nomor antrian A dua puluh lima, layanan Perekaman dan Pencetakan Ka Te Pe el, silakan menuju loket dua."
    assert "layanan Kartu Identitas Anak," in text.announcement_text("F-002", 1, "Kartu Identitas Anak (KIA)")
    assert "layanan Pengesahan Es Te En Ka Tahunan" in text.announcement_text("L-001", 1, "Pengesahan STNK Tahunan")
    assert "layanan sim" in text.announcement_text("S-001", 1, "SIM")  # said as a word, not spelled
    assert text.announcement_text("A-001", "Loket Samsat 3").endswith("silakan menuju loket Samsat tiga.")
    assert text.announcement_text("A-001", "Ruang BPJS").endswith("silakan menuju Ruang Be Pe Je Es.")


@pytest.mark.parametrize(("args", "kw"), [
    (("25", 2), {}), (("A-", 2), {}), (("", 2), {}), (("A-0001234", 2), {}),
    (("A-025", 2), {"reading": "words"}), (("A-025", 2), {"recall": -1}), (("A-025", "  "), {}),
])
def test_bad_input_is_a_clear_error(args, kw):
    with pytest.raises(InputError):
        text.announcement_text(*args, **kw)
