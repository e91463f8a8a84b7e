"""How the drill player looks: sizes chosen to be read from 2 m on a 13-inch laptop."""

from __future__ import annotations

from ankle_gui.ui.common.style import ACCENT, ERROR_COLOUR, OK_COLOUR

KEYS_TEXT = ("Space start / pause / count rep · N next · B back · U undo rep · "
             "P sharp pain · M sound · V voice · G figure · F11 full screen · Esc stop")

# One colour per state (work uses the side's colour), Okabe–Ito based so they stay apart
# with the common colour-vision deficiencies; the banner's word says the same in letters.
STATE_COLOURS = {
    "setup": "#e4e7ec",
    "waiting": "#e4e7ec",
    "get_ready": "#E69F00",     # amber: about to start
    "hold_still": "#1d2939",    # near-black: stay still
    "rest": OK_COLOUR,          # green: recover
    "switch": "#6941C6",        # purple: move to the other side
    "paused": "#667085",        # grey: nothing is counting
    "done": OK_COLOUR,
}


def state_colour(state: str) -> str:
    return STATE_COLOURS.get(state, "#1d2939")

PLAYER_STYLE = f"""
QLabel#playerTitle {{ font-size: 22pt; font-weight: 600; }}
QLabel#stepLabel {{ font-size: 13pt; color: #475467; }}
QLabel#sideLabel {{ font-size: 30pt; font-weight: 700; color: white; border-radius: 10px;
    padding: 4px 22px; }}
QLabel#stateBanner {{ font-size: 30pt; font-weight: 800; border-radius: 10px;
    padding: 2px 12px; letter-spacing: 2px; }}
QLabel#cueText {{ font-size: 24pt; }}
QLabel#statusLine {{ font-size: 20pt; font-weight: 600; color: #1d2939; }}
QLabel#playerHint {{ font-size: 15pt; color: #344054; }}
QLabel#playerDetails {{ font-size: 15pt; color: #344054; }}
QLabel#playerDetails[big="true"] {{ font-size: 21pt; color: #1d2939; }}
QLabel#playerNote {{ font-size: 12pt; color: #9a3412; }}
QLabel#saveError {{ font-size: 14pt; color: {ERROR_COLOUR}; font-weight: 600; }}
QLabel#keysHint {{ font-size: 12pt; color: #475467; }}
QProgressBar#stepProgress {{ border: none; background: #e4e7ec; border-radius: 8px;
    min-height: 18px; max-height: 18px; }}
QPushButton {{ font-size: 13pt; padding: 7px 12px; }}
QPushButton[primary="true"] {{ font-size: 18pt; font-weight: 700; min-width: 170px;
    background: {ACCENT}; color: white; border: none; border-radius: 8px; }}
QPushButton:checked {{ background: #d1e9ff; border: 2px solid {ACCENT}; border-radius: 6px; }}
QPushButton#sharpPainButton {{ color: white; background: {ERROR_COLOUR}; border: none;
    border-radius: 8px; font-weight: 700; }}
"""
