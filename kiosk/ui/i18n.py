"""Translations: Bahasa Indonesia is the source language, English ships as `resources/i18n/kiosk_en.qm`.

Strings are written in Indonesian with `self.tr("...")` (context = the class name, as `pyside6-lupdate`
extracts them) or, outside a class, `translate("Context", "...")`. Unlike Qt's global translator, the
language here can differ per window: a citizen switching the kiosk to English must not switch the
operator's counter screen in the `all` role. Widgets mix in `Translatable`; a window sets its own
language with `set_window_language()`, everything else follows the application language.

Update the catalogues with `python scripts/update_translations.py` (lupdate + lrelease).
"""

from __future__ import annotations

from kiosk.resources import resources_dir
from kiosk.ui.qt import QT_TRANSLATE_NOOP, QTranslator, QWidget

LANGUAGES = ("id", "en")
SOURCE_LANGUAGE = "id"
_WINDOW_LANGUAGE = "_kiosk_language"

_translators: dict[str, QTranslator | None] = {}
_app_language = SOURCE_LANGUAGE


def translations_dir():
    return resources_dir() / "i18n"


def _translator(lang: str) -> QTranslator | None:
    if lang == SOURCE_LANGUAGE or lang not in LANGUAGES:
        return None
    if lang not in _translators:
        translator = QTranslator()
        path = translations_dir() / f"kiosk_{lang}.qm"
        # A missing .qm degrades to Indonesian text instead of failing to start.
        _translators[lang] = translator if translator.load(str(path)) else None
    return _translators[lang]


def set_app_language(lang: str) -> None:
    """The language of every window that has not chosen its own."""
    global _app_language
    _app_language = lang if lang in LANGUAGES else SOURCE_LANGUAGE


def app_language() -> str:
    return _app_language


def translate_in(lang: str, context: str, text: str) -> str:
    """`text` (Indonesian) in `lang`; the source text when there is no translation."""
    translator = _translator(lang)
    if translator is None:
        return text
    return translator.translate(context, text) or text


def translate(context: str, text: str) -> str:
    """`text` in the application language (lupdate extracts `translate("Context", "text")`)."""
    return translate_in(_app_language, context, text)


def set_window_language(window: QWidget, lang: str | None) -> None:
    """Give one window (and its children) its own language; None follows the application again."""
    # A Python attribute, not a Qt property: see kiosk.ui.widgets.common.get_prop.
    setattr(window, _WINDOW_LANGUAGE, lang if lang in LANGUAGES else None)


def language_of(widget) -> str:
    obj = widget
    while obj is not None:
        lang = getattr(obj, _WINDOW_LANGUAGE, None)
        if lang:
            return lang
        obj = obj.parent() if hasattr(obj, "parent") else None
    return _app_language


class Translatable:
    """Mixin for QObject classes: `self.tr("...")` follows the language of the widget's window."""

    def tr(self, text: str, disambiguation=None, n: int = -1) -> str:  # noqa: D401 (Qt's name)
        lang = language_of(self)
        if lang == SOURCE_LANGUAGE:
            return text
        translator = _translator(lang)
        if translator is None:
            return text
        # lupdate files a string under the class it is written in; try our classes up the MRO.
        for cls in type(self).__mro__:
            if cls.__module__.startswith("kiosk.ui"):
                found = translator.translate(cls.__name__, text)
                if found:
                    return found
        return text

    def language(self) -> str:
        return language_of(self)


# --- labels of domain codes ---------------------------------------------------------------------------

TICKET_STATUS = {
    "waiting": QT_TRANSLATE_NOOP("Status", "menunggu"),
    "called": QT_TRANSLATE_NOOP("Status", "dipanggil"),
    "serving": QT_TRANSLATE_NOOP("Status", "dilayani"),
    "done": QT_TRANSLATE_NOOP("Status", "selesai"),
    "no_show": QT_TRANSLATE_NOOP("Status", "tidak hadir"),
    "transferred": QT_TRANSLATE_NOOP("Status", "dialihkan"),
    "cancelled": QT_TRANSLATE_NOOP("Status", "dibatalkan"),
}
APPLICATION_STATUS = {
    "received": QT_TRANSLATE_NOOP("Status", "Diterima di Mini MPP"),
    "forwarded": QT_TRANSLATE_NOOP("Status", "Diteruskan ke MPP Induk Tenggarong"),
    "in_process": QT_TRANSLATE_NOOP("Status", "Sedang diproses"),
    "ready": QT_TRANSLATE_NOOP("Status", "Siap diambil"),
    "handed_over": QT_TRANSLATE_NOOP("Status", "Sudah diserahkan"),
    "rejected": QT_TRANSLATE_NOOP("Status", "Ditolak"),
}
PRIORITY = {
    "lansia": QT_TRANSLATE_NOOP("Status", "Lansia"),
    "disabilitas": QT_TRANSLATE_NOOP("Status", "Disabilitas"),
    "hamil": QT_TRANSLATE_NOOP("Status", "Ibu hamil"),
}
PRINT_JOB_STATE = {
    "queued": QT_TRANSLATE_NOOP("Status", "menunggu"),
    "sending": QT_TRANSLATE_NOOP("Status", "sedang dikirim"),
    "done": QT_TRANSLATE_NOOP("Status", "tercetak"),
    "failed": QT_TRANSLATE_NOOP("Status", "gagal, dicoba lagi"),
}
PRINT_JOB_KIND = {
    "ticket": QT_TRANSLATE_NOOP("Status", "tiket"),
    "receipt": QT_TRANSLATE_NOOP("Status", "tanda terima"),
    "info": QT_TRANSLATE_NOOP("Status", "info layanan"),
    "test": QT_TRANSLATE_NOOP("Status", "halaman uji"),
    "report": QT_TRANSLATE_NOOP("Status", "laporan"),
}
SERVICE_MODE = {
    "local": QT_TRANSLATE_NOOP("Status", "Selesai di Mini MPP ini"),
    "forward": QT_TRANSLATE_NOOP("Status", "Berkas diterima di sini, diproses di MPP Induk Tenggarong"),
    "online": QT_TRANSLATE_NOOP("Status", "Diurus secara daring (online); petugas dapat membantu"),
}


def label(table: dict[str, str], code: str | None, lang: str | None = None) -> str:
    """The translated label of a status / priority / mode code (the code itself when unknown)."""
    if code is None:
        return ""
    text = table.get(code)
    if text is None:
        return code
    return translate_in(lang or _app_language, "Status", text)


def service_name(service, lang: str | None = None) -> str:
    """A service's name in the language shown (the catalog has `name_en`)."""
    name_en = getattr(service, "name_en", "") or (service.get("name_en") if isinstance(service, dict) else "")
    name = service.name if hasattr(service, "name") else service["name"]
    return name_en if (lang or _app_language) == "en" and name_en else name
