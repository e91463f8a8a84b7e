"""The app's colours and the charts' markers: one theme for the window, its charts and
the paper.

Plain strings (no Qt), so that the window's style sheet, the screen's charts and the
printed ones name each colour once.
"""

from __future__ import annotations

from ankle_gui.core.records import Side

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
SIDE_COLOURS = {Side.LEFT: "#0072B2", Side.RIGHT: "#D55E00", Side.BOTH: "#444444"}
ACCENT = "#0072B2"
OK_COLOUR = "#007A4D"
WARN_COLOUR = "#B35900"
ERROR_COLOUR = "#B00020"   # also the left–right gap's flag line

# The charts (screen and paper).
SESSIONS_DONE = "#009E73"
PLANNED_SESSIONS = "#000000"
NORMAL_BAND = "#d9f0e3"          # the sources' normal range, on screen
PAPER_NORMAL_BAND = "#e6e6e6"    # and on paper: grey, named beside it
MARGIN_BAND_ALPHA = 22           # the fill of each side's margin-of-error band (of 255)
PAPER_INK = "#000000"            # axes, titles and keys on paper
PAPER_KEY_TEXT = "#111111"
RETEST_FILL = "#ffffff"          # retests after a session: open markers

# The charts' markers (pyqtgraph's names): left circles, right triangles, the gap squares;
# a retest just after a session is an open circle (left) or an open diamond (right).
SYMBOLS = {Side.LEFT: "o", Side.RIGHT: "t", Side.BOTH: "s"}
RETEST_SYMBOLS = {Side.LEFT: "o", Side.RIGHT: "d"}
