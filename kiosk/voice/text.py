"""The words the TV says, in Bahasa Indonesia: one function builds the whole announcement.

What is returned is exactly what is spoken (and what a test or a log can read): letters by their
Indonesian names ("Be", "Ce", ...), numbers as Indonesian cardinals ("dua puluh lima", "seratus tiga",
"sebelas", "seribu") or digit by digit ("nol dua lima") as a setting. Nothing here knows of audio.
"""

from __future__ import annotations

import re

from kiosk.errors import InputError

NUMBER_READINGS = ("cardinal", "digits")

_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
# Indonesian letter names (ejaan): the name is what a citizen expects to hear for the letter on a ticket.
LETTERS = {
    "A": "A", "B": "Be", "C": "Ce", "D": "De", "E": "E", "F": "Ef", "G": "Ge", "H": "Ha", "I": "I",
    "J": "Je", "K": "Ka", "L": "El", "M": "Em", "N": "En", "O": "O", "P": "Pe", "Q": "Ki", "R": "Er",
    "S": "Es", "T": "Te", "U": "U", "V": "Fe", "W": "We", "X": "Eks", "Y": "Ye", "Z": "Zet",
}
_SCALES = ((1_000_000_000_000, "triliun"), (1_000_000_000, "miliar"), (1_000_000, "juta"))
_TICKET_RE = re.compile(r"^\s*([A-Za-z]{1,3})\s*-?\s*(\d{1,6})\s*$")
_ACRONYM_RE = re.compile(r"\b[A-Z]{2,6}\b")
# Acronyms Indonesians say as a word, not letter by letter.
SAID_AS_WORDS = frozenset({"SIM", "SIUP", "SAMSAT", "LAPOR", "SIAK", "PASPOR", "BAPENDA"})
_DIGITS_RE = re.compile(r"\d+")


def cardinal(n: int) -> str:
    """An integer in Indonesian words: 11 -> "sebelas", 103 -> "seratus tiga", 1000 -> "seribu"."""
    if n < 0:
        return "minus " + cardinal(-n)
    if n < 10:
        return _UNITS[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_UNITS[tens]} puluh" + (f" {_UNITS[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
        return head + (f" {cardinal(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        head = "seribu" if thousands == 1 else f"{cardinal(thousands)} ribu"
        return head + (f" {cardinal(rest)}" if rest else "")
    for size, word in _SCALES:
        if n >= size:
            big, rest = divmod(n, size)
            return f"{cardinal(big)} {word}" + (f" {cardinal(rest)}" if rest else "")
    raise AssertionError("unreachable")


def ordinal(n: int) -> str:
    """1 -> "pertama", 2 -> "kedua", 4 -> "keempat" (the "panggilan kedua" of a recall)."""
    if n < 1:
        raise ValueError(f"ordinal of {n}")
    return "pertama" if n == 1 else "ke" + cardinal(n)


def digits(text: str) -> str:
    """Digit by digit: "025" -> "nol dua lima"."""
    return " ".join(_UNITS[int(d)] for d in text if d.isdigit())


def letter_names(text: str) -> str:
    """Letters by their Indonesian names: "KTP" -> "Ka Te Pe"."""
    return " ".join(LETTERS[ch] for ch in text.upper() if ch in LETTERS)


def ticket_words(number: str, reading: str = "cardinal") -> str:
    """`A-025` -> "A dua puluh lima" (cardinal) or "A nol dua lima" (digits)."""
    if reading not in NUMBER_READINGS:
        raise InputError(f"cara membaca nomor: {' / '.join(NUMBER_READINGS)} (bukan {reading!r})")
    match = _TICKET_RE.match(number or "")
    if not match:
        raise InputError(f"nomor antrian tidak sah: {number!r} (contoh: A-025)")
    letters, seq = match.groups()
    said = digits(seq) if reading == "digits" else cardinal(int(seq))
    return f"{letter_names(letters)} {said}"


def spoken_phrase(text: str) -> str:
    """Free text (a service or counter name) made speakable: acronyms spelled, numbers in words."""
    text = re.sub(r"\([^)]*\)", " ", text)  # "Kartu Identitas Anak (KIA)": the brackets repeat the name
    text = text.replace("&", " dan ").replace("/", " atau ")
    text = _ACRONYM_RE.sub(lambda m: m.group(0).lower() if m.group(0) in SAID_AS_WORDS
                           else letter_names(m.group(0)), text)
    text = _DIGITS_RE.sub(lambda m: cardinal(int(m.group(0))), text)
    return " ".join(text.replace("-", " ").replace("—", " ").split())


def counter_words(counter: int | str) -> str:
    """Where to go: 2 -> "loket dua"; a name ("Loket Samsat 2", "Ruang BPJS") is spoken as written."""
    if isinstance(counter, int) or str(counter).strip().isdigit():
        return f"loket {cardinal(int(counter))}"
    name = spoken_phrase(str(counter))
    if not name:
        raise InputError("nama loket kosong")
    return name[0].lower() + name[1:] if name.split()[0].lower() == "loket" else name


def announcement_text(number: str, counter: int | str, service: str | None = None, *, recall: int = 0,
                      reading: str = "cardinal") -> str:
    """The announcement for a call: "Nomor antrian A dua puluh lima, silakan menuju loket dua."

    `recall` is how many times this call was repeated (1 -> "Panggilan kedua. ..."); `service`, when
    given, is named after the number; `reading` is "cardinal" (default) or "digits".
    """
    parts = []
    if recall < 0:
        raise InputError(f"recall harus 0 atau lebih, bukan {recall}")
    if recall:
        parts.append(f"Panggilan {ordinal(recall + 1)}.")
    said = f"Nomor antrian {ticket_words(number, reading)}"
    if service and (phrase := spoken_phrase(service)):
        said += f", layanan {phrase}"
    parts.append(f"{said}, silakan menuju {counter_words(counter)}.")
    return " ".join(parts)
