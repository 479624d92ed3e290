"""Survei Kepuasan: the 9 SKM questions, one at a time, answered with four faces."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.ops import survey
from kiosk.ui.i18n import Translatable
from kiosk.ui.kiosk.pages.common import KIOSK_ACTOR, add_nav, page_layout
from kiosk.ui.qt import QHBoxLayout, Qt, QWidget, Signal
from kiosk.ui.widgets.common import make_label
from kiosk.ui.widgets.tiles import BigTile


class SurveyPage(Translatable, QWidget):
    """The 9 SKM questions, one at a time, with four big faces; the last answer stores the response."""

    submitted = Signal()
    back = Signal()
    home = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service: str | None = None
        self.scores: list[int] = []
        asked = ctx.run(survey.questions)
        self.questions: list[dict] = asked["questions"]
        self.answers: dict[int, dict] = {a["score"]: a for a in asked["answers"]}
        layout = page_layout(self, 14)
        self.progress = make_label(name="surveyProgress")
        self.question = make_label(name="surveyQuestion", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.faces: dict[int, BigTile] = {}
        for score in sorted(self.answers):
            tile = BigTile(icon_name=f"face{score}", tone="white", icon_size=120)
            tile.setProperty("face", True)
            tile.setProperty("tile", False)
            tile.clicked.connect(lambda _=False, v=score: self.answer(v))
            row.addWidget(tile)
            self.faces[score] = tile
        layout.addLayout(row, 3)
        self.nav = add_nav(layout, self._back, self.home)

    def start(self, service: str | None = None) -> None:
        """A new response about `service` (a service code), from the first question."""
        self.service = service
        self.scores = []
        self.retranslate()

    def answer(self, score: int) -> None:
        self.scores.append(score)
        if len(self.scores) == len(self.questions):
            self.submit()
        else:
            self.retranslate()

    def submit(self) -> None:
        """Store the anonymous response; `submitted` once it is saved, the reason in place if not."""
        try:
            self.ctx.run(survey.add_survey, actor=KIOSK_ACTOR, service=self.service, scores=list(self.scores))
        except KioskError as exc:
            self.progress.setText(str(exc))
            return
        self.submitted.emit()

    def _back(self) -> None:
        if self.scores:
            self.scores.pop()
            self.retranslate()
        else:
            self.back.emit()

    def retranslate(self) -> None:
        text = "text_en" if self.language() == "en" else "text"
        index = min(len(self.scores), len(self.questions) - 1)
        question = self.questions[index]
        self.progress.setText(self.tr("Pertanyaan {i} dari {n}").format(i=index + 1, n=len(self.questions))
                              + f"  ·  {question['name']}")
        self.question.setText(question[text])
        for score, tile in self.faces.items():
            tile.set_texts(self.answers[score][text])
        self.nav.retranslate()
