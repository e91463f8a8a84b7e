"""core/units.py: what a typed length is told, in the person's own unit."""

from __future__ import annotations

import pytest

from ankle_gui.core.units import LengthError, Unit, parse_length

TOO_FAR = "is beyond what an ankle can do; check the number."


@pytest.mark.parametrize(("unit", "typed", "message"), [
    # 12 in is refused, so the limit said is the real one: 30 cm = 11.81 in.
    (Unit.INCH, "12", f"More than 11.8 in (30 cm) {TOO_FAR}"),
    (Unit.CM, "31", f"More than 30 cm {TOO_FAR}"),
    (Unit.INCH, "10cm", "Enter the distance in inches, not cm."),
    (Unit.CM, "4 in", "Enter the distance in cm, not inches."),
    (Unit.CM, '4"', "Enter the distance in cm, not inches."),   # never taken as 4 cm
])
def test_a_refused_length_says_why_in_the_persons_unit(unit, typed, message):
    with pytest.raises(LengthError) as refused:
        parse_length(typed, unit)
    assert str(refused.value) == message


def test_the_limit_said_is_never_a_number_that_passes():
    assert parse_length("11.8", Unit.INCH) == pytest.approx(29.972)
    assert parse_length('4,5"', Unit.INCH) == pytest.approx(11.43)
    with pytest.raises(LengthError, match="More than 7.8 in \\(20 cm\\)"):
        parse_length("7.9", Unit.INCH, max_cm=20)
