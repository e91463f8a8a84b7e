"""Date ticks a person can read: one kind of tick per range, each label a whole date.

pyqtgraph's own date axis mixes levels ("29", "Oct", "04" side by side read "29Oct 04"). Here
one step is chosen for the whole axis, the smallest that leaves room for every label, and each
label says what it is: "3 Nov" for days and weeks, "Nov" for months (with the year on each
January), "2027" for years. Ticks fall on local calendar boundaries.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

# The least time between two ticks with these labels that leaves room for both.
RoomBetween = Callable[[str, str], float]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# (unit, how many): tried in this order, the first that fits wins.
STEPS = (("day", 1), ("day", 2), ("week", 1), ("week", 2), ("month", 1), ("month", 2),
         ("month", 3), ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10))
# A step with more ticks than this never fits on an axis: not even tried (ten years of days).
MOST_TICKS = 120
SHORTEST_S = {"day": 23 * 3600, "week": 7 * 86400 - 3600, "month": 28 * 86400,
              "year": 365 * 86400}


def _local(t: float) -> datetime:
    return datetime.fromtimestamp(t).astimezone()


def _first_tick(start: datetime, unit: str, n: int) -> datetime:
    """The first boundary of this kind at or after ``start`` (local midnight)."""
    day = start.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "day":
        return day if day >= start else day + timedelta(days=1)
    if unit == "week":  # Mondays
        monday = day - timedelta(days=day.weekday())
        return monday if monday >= start else monday + timedelta(days=7)
    if unit == "month":
        month = day.replace(day=1)
        # Months on a grid from January, so "every 3 months" is Jan, Apr, Jul, Oct.
        while month < start or (month.month - 1) % n:
            month = _add_months(month, 1)
        return month
    year = day.replace(month=1, day=1)
    while year < start or year.year % n:
        year = year.replace(year=year.year + 1)
    return year


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.month - 1 + months
    return moment.replace(year=moment.year + index // 12, month=index % 12 + 1)


def _next(moment: datetime, unit: str, n: int) -> datetime:
    if unit == "day":
        # Local midnights: a day with a clock change is still one tick.
        return (moment + timedelta(days=n, hours=12)).replace(hour=0).astimezone()
    if unit == "week":
        return (moment + timedelta(days=7 * n, hours=12)).replace(hour=0).astimezone()
    if unit == "month":
        return _add_months(moment, n).replace(tzinfo=None).astimezone()
    return moment.replace(year=moment.year + n, tzinfo=None).astimezone()


def _ticks(start: float, end: float, unit: str, n: int) -> list[datetime]:
    first = _first_tick(_local(start), unit, n).replace(tzinfo=None).astimezone()
    ticks, moment = [], first
    while moment.timestamp() <= end:
        ticks.append(moment)
        moment = _next(moment, unit, n)
    return ticks


def _label(moment: datetime, unit: str) -> str:
    if unit in ("day", "week"):
        return f"{moment.day} {MONTHS[moment.month - 1]}"
    if unit == "month":
        name = MONTHS[moment.month - 1]
        return f"{name} {moment.year}" if moment.month == 1 else name
    return str(moment.year)


def _fits(ticks: list[tuple[float, str]], room_between: RoomBetween) -> bool:
    pairs = zip(ticks, ticks[1:], strict=False)
    return all(t2 - t1 >= room_between(a, b) for (t1, a), (t2, b) in pairs)


def date_ticks(start: float, end: float, room_between: RoomBetween) -> list[tuple[float, str]]:
    """Ticks between two epoch times as (time, label), using the finest step whose labels
    do not touch. ``room_between(a, b)`` is the least time between two ticks labelled a and b
    that leaves room for both labels on the axis."""
    if end <= start:
        return []
    finer: list[tuple[float, str]] = []
    for unit, n in STEPS:
        if (end - start) / (SHORTEST_S[unit] * n) > MOST_TICKS:
            continue
        ticks = [(m.timestamp(), _label(m, unit)) for m in _ticks(start, end, unit, n)]
        if not _fits(ticks, room_between):
            finer = ticks
            continue
        if len(ticks) < 2 and len(finer) >= 2:
            # This step is longer than the range and the one before is too tight: keep
            # every k-th of its ticks, so that a narrow axis still shows two dates.
            for every in range(2, len(finer)):
                thinned = finer[::every]
                if len(thinned) >= 2 and _fits(thinned, room_between):
                    return thinned
        return ticks
    return []
