"""Colours and type sizes chosen to be read from a couple of metres away."""

from __future__ import annotations

from ankle_gui.core.records import Side
from ankle_gui.printing.palette import (  # one theme for the window and the paper
    ACCENT,
    ERROR_COLOUR,
    OK_COLOUR,
    SIDE_COLOURS,
    WARN_COLOUR,
)

BASE_POINT_SIZE = 12

APP_STYLESHEET = f"""
QWidget {{ font-size: {BASE_POINT_SIZE}pt; }}
QListWidget#navigation {{
    background: #f2f4f7; border: none; border-right: 1px solid #d0d5dd; padding-top: 8px;
    font-size: {BASE_POINT_SIZE + 2}pt;
}}
QListWidget#navigation::item {{ padding: 12px 18px; border-radius: 6px; margin: 2px 8px; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QLabel[role="title"] {{ font-size: {BASE_POINT_SIZE + 8}pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ font-size: {BASE_POINT_SIZE + 3}pt; font-weight: 600; }}
QLabel[role="hint"] {{ color: #475467; }}
QLabel[role="error"] {{ color: {ERROR_COLOUR}; font-weight: 600; }}
QLabel[role="ok"] {{ color: {OK_COLOUR}; font-weight: 600; }}
QPushButton {{ padding: 6px 14px; }}
QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border: none; border-radius: 6px; padding: 8px 18px;
    font-weight: 600;
}}
QPushButton[role="primary"]:disabled {{ background: #98a2b3; }}
QPushButton[role="danger"] {{ color: {ERROR_COLOUR}; }}
QPushButton[role="danger"]:disabled {{ color: #98a2b3; }}
QFrame#profileBar {{ background: #ffffff; border-bottom: 1px solid #d0d5dd; }}
QFrame#safetyNotice {{ background: #fff4e5; border-bottom: 2px solid {WARN_COLOUR}; }}
QFrame#planBanner {{ background: #eef4fb; border: 1px solid #b8d2ec; border-radius: 8px; }}
QLabel#currentProfileLabel {{ font-size: {BASE_POINT_SIZE + 3}pt; font-weight: 600; }}
"""


def side_colour(side: Side) -> str:
    return SIDE_COLOURS[side]
