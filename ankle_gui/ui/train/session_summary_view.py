"""The end of a session: what was done on each side, and what the retest showed."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.records import ANKLES, CompletedSet, SetOutcome, Side
from ankle_gui.core.session_rules import trained
from ankle_gui.core.session_summary import (
    NO_BEFORE,
    Planned,
    RetestLine,
    after_only_text,
    retest_note,
    summarise,
)
from ankle_gui.core.step_view import side_text
from ankle_gui.core.units import Unit
from ankle_gui.ui.common.style import ERROR_COLOUR, side_colour
from ankle_gui.ui.common.widgets import label, set_role

HEADINGS = {
    "done": "Session complete",
    "user": "Session stopped",
    "pain": "Stopped for sharp pain",
    "quit": "Session interrupted",
}
# A run through with every set skipped: nothing was trained, so it is not "complete".
NOTHING_DONE = "No set done this time"
SKIPPED_ALL = ("Every set was skipped, so this does not count as a session done. It is kept "
               "in your history with the sets you skipped.")
PAIN_ADVICE = ("Sharp pain is a signal to stop, not to push through. Please have your ankle "
               "checked by a physiotherapist or doctor before you do this drill again.")


def _sets_done(sets: list[CompletedSet]) -> int:
    return sum(s.outcome is SetOutcome.COMPLETED for s in sets)


class SessionSummaryView(QWidget):
    trainAgain = Signal()
    progressRequested = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sessionSummaryPage")
        self._catalogue = catalogue
        self.heading = label("", "title")
        self.heading.setObjectName("summaryHeading")
        self.painAdvice = label(PAIN_ADVICE, "error")
        self.painAdvice.setObjectName("painAdvice")
        self.body = QTextBrowser()
        self.body.setObjectName("sessionSummary")
        self.body.setOpenLinks(False)
        self.againButton = QPushButton("Train again")
        self.againButton.setObjectName("trainAgainButton")
        self.againButton.setProperty("role", "primary")
        self.progressButton = QPushButton("See my progress")
        self.progressButton.setObjectName("seeProgressButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.againButton)
        buttons.addWidget(self.progressButton)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.heading)
        layout.addWidget(self.painAdvice)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        self.againButton.clicked.connect(self.trainAgain)
        self.progressButton.clicked.connect(self.progressRequested)

    def show_session(self, reason: str, sets: list[CompletedSet], retest: list[RetestLine],
                     unit: Unit, after_only: dict[Side, float] | None = None,
                     planned: dict[tuple[str, Side], Planned] | None = None) -> None:
        """``after_only``: a retest saved with no test before the session; ``planned``: the
        plan's sets per drill and side (``planned_work``)."""
        heading = HEADINGS.get(reason, "Session")
        if reason == "done" and not trained(_sets_done(sets)):
            heading = NOTHING_DONE
        self.heading.setText(heading)
        set_role(self.heading, "title")
        self.painAdvice.setVisible(reason == "pain")
        self.body.setHtml(self.summary_html(sets, retest, unit, reason, after_only or {},
                                            planned))

    def summary_html(self, sets: list[CompletedSet], retest: list[RetestLine], unit: Unit,
                     reason: str, after_only: dict[Side, float] | None = None,
                     planned: dict[tuple[str, Side], Planned] | None = None) -> str:
        rows = []
        for line in summarise(sets, self._catalogue, planned):
            colour = side_colour(line.side)
            pain_style = f"; color:{ERROR_COLOUR}; font-weight:600" if line.stopped_for_pain \
                else ""
            rows.append(
                f"<tr><td style='padding:6px 14px 6px 0'>{escape(line.drill_name)}</td>"
                f"<td style='padding:6px 14px 6px 0; color:{colour}'><b>"
                f"{escape(side_text(line.side))}</b></td>"
                f"<td style='padding:6px 14px 6px 0'>{escape(line.amount_text())}</td>"
                f"<td style='padding:6px 0{pain_style}'>{escape(line.outcome_text())}</td></tr>")
        parts = ["<h3>What you did</h3>"]
        if rows:
            parts.append("<table style='font-size:14pt'><tr style='color:#475467'>"
                         "<th align=left>Drill</th><th align=left>Side</th>"
                         "<th align=left>Done</th><th align=left>Sets</th></tr>"
                         + "".join(rows) + "</table>")
        else:
            parts.append("<p>No set was finished this time.</p>")
        if reason == "done" and rows and not trained(_sets_done(sets)):
            parts.append(f"<p>{SKIPPED_ALL}</p>")
        if reason in ("user", "quit") and rows:
            parts.append("<p style='color:#475467'>Every finished set is saved; "
                         "the one in progress when you stopped is not.</p>")
        if retest:
            parts.append("<h3>Knee-to-wall, before and after</h3><ul style='font-size:14pt'>")
            for line in retest:
                colour = side_colour(line.side)
                parts.append(f"<li style='color:{colour}'><b>{escape(line.text(unit))}</b></li>")
            parts.append(f"</ul><p style='color:#475467'>{escape(retest_note(unit))}</p>")
        if after_only:
            parts.append("<h3>Knee-to-wall after the session</h3><ul style='font-size:14pt'>")
            for side in ANKLES:
                if side in after_only:
                    text = after_only_text(side, after_only[side], unit)
                    parts.append(f"<li style='color:{side_colour(side)}'><b>"
                                 f"{escape(text)}</b></li>")
            parts.append(f"</ul><p style='color:#475467'>{escape(NO_BEFORE)}</p>")
        return "".join(parts)
