"""Lengths as a patient types them and as the store keeps them (always cm)."""

from __future__ import annotations

import math
from enum import StrEnum

CM_PER_INCH = 2.54
# Nobody's knee-to-wall distance gets anywhere near this; a larger value is a typo.
MAX_PLAUSIBLE_CM = 30.0


class Unit(StrEnum):
    CM = "cm"
    INCH = "in"

    @property
    def label(self) -> str:
        return "cm" if self is Unit.CM else "in"

    @property
    def words(self) -> str:
        """The unit as a sentence says it: "in cm", "in inches"."""
        return "cm" if self is Unit.CM else "inches"


def to_cm(value: float, unit: Unit) -> float:
    return value * CM_PER_INCH if unit is Unit.INCH else value


def from_cm(value_cm: float, unit: Unit) -> float:
    return value_cm / CM_PER_INCH if unit is Unit.INCH else value_cm


def format_length(value_cm: float, unit: Unit, decimals: int = 1) -> str:
    return f"{from_cm(value_cm, unit):.{decimals}f} {unit.label}"


def limit_words(max_cm: float, unit: Unit) -> str:
    """A limit as the person reads it: "30 cm", or "11.8 in (30 cm)". Rounded down, so a
    number the message calls too much is never one that would be accepted."""
    cm = f"{max_cm:g} cm"
    if unit is Unit.CM:
        return cm
    return f"{math.floor(from_cm(max_cm, unit) * 10) / 10:.1f} {unit.label} ({cm})"


class LengthError(ValueError):
    """A typed length that cannot be a real measurement; the message is for the user."""


ANKLE_LIMIT = "is beyond what an ankle can do"


def parse_length(text: str, unit: Unit, *, max_cm: float = MAX_PLAUSIBLE_CM,
                 beyond: str = ANKLE_LIMIT) -> float:
    """Parse what a user typed into a distance in cm.

    Accepts either decimal mark ("10,5" and "10.5"), so a German or French keyboard
    works the same as an English one.
    """
    cleaned = (text or "").strip().replace("\u00a0", " ")
    # 10" is inches too: never taken as 10 cm.
    for suffix, meant in (("cm", Unit.CM), ("in", Unit.INCH), ('"', Unit.INCH)):
        if cleaned.lower().endswith(suffix):
            if meant is not unit:
                raise LengthError(f"Enter the distance in {unit.words}, not {meant.words}.")
            cleaned = cleaned[: -len(suffix)].strip()
            break
    if not cleaned:
        raise LengthError("Enter a distance.")
    if cleaned.count(",") + cleaned.count(".") > 1:
        raise LengthError(f"{text.strip()!r} is not a number.")
    cleaned = cleaned.replace(",", ".")
    allowed = set("0123456789.-+")
    if not set(cleaned) <= allowed:
        raise LengthError(f"{text.strip()!r} is not a number.")
    try:
        value = float(cleaned)
    except ValueError:
        raise LengthError(f"{text.strip()!r} is not a number.") from None
    if not math.isfinite(value):
        raise LengthError("Enter a real distance.")
    if value < 0:
        raise LengthError("A distance cannot be negative.")
    value = value + 0.0  # "-0" is zero; never store a negative zero
    value_cm = to_cm(value, unit)
    if value_cm > max_cm:
        raise LengthError(f"More than {limit_words(max_cm, unit)} {beyond}; check the number.")
    return value_cm
