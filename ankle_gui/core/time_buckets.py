"""Time on the Progress page's axis: ranges, local days, weeks and months, buckets.

Pure Python. Times are POSIX seconds (what the chart's date axis wants); weeks and
days are local, because a patient's "Monday" is a local Monday.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Protocol

DAY_S = 86400
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
WEEK_S = 7 * DAY_S


@dataclass(frozen=True)
class RangeChoice:
    key: str
    label: str
    days: int | None


RANGES = (
    RangeChoice("4w", "Last 4 weeks", 28),
    RangeChoice("3m", "Last 3 months", 91),
    RangeChoice("1y", "Last year", 365),
    RangeChoice("all", "All results", None),
)
RANGE_KEYS = tuple(r.key for r in RANGES)


def range_choice(key: str) -> RangeChoice:
    for choice in RANGES:
        if choice.key == key:
            return choice
    raise KeyError(f"unknown range {key!r}; choose one of {', '.join(RANGE_KEYS)}")


def range_start(key: str, now: float) -> float | None:
    days = range_choice(key).days
    return None if days is None else now - days * DAY_S


def local_day(t: float) -> int:
    """Days since 1970-01-01 in local time (DST-aware)."""
    return int((t + time.localtime(t).tm_gmtoff) // DAY_S)


def week_of_day(day: int) -> int:
    """Monday-based week number of a day number; 1970-01-05 was a Monday."""
    return (day - 4) // 7


def local_week(t: float) -> int:
    return week_of_day(local_day(t))


class OnADay(Protocol):
    @property
    def day(self) -> int | None: ...   # the local day, when the store worked it out

    @property
    def t(self) -> float: ...


def day_of(item: OnADay) -> int:
    """The local day of a Measure, SetDone or AsymmetryPoint: given by the store
    (computed in SQLite, in C) or worked out here."""
    return item.day if item.day is not None else local_day(item.t)


def days_of(items: Iterable[OnADay]) -> list[int]:
    """``day_of`` of each item (one loop: ten years of daily results are 3,650 a side)."""
    return [day if (day := item.day) is not None else local_day(item.t) for item in items]


@cache  # a few thousand distinct days at most, asked for again at every redraw
def month_of_day(day: int) -> int:
    moment = date.fromordinal(day + _EPOCH_ORDINAL)
    return moment.year * 12 + moment.month


def week_start_t(week: int) -> float:
    """POSIX time of local midnight starting ``week`` (close enough for an axis tick)."""
    guess = float((week * 7 + 4) * DAY_S)
    return guess - time.localtime(guess).tm_gmtoff



# --- aggregation ----------------------------------------------------------------------------

BUCKETS = (("day", "daily means"), ("week", "weekly means"), ("month", "monthly means"))


def _bucket_keys(kind: str, days: list[int]) -> list[int]:
    if kind == "day":
        return days
    if kind == "week":
        return [(d - 4) // 7 for d in days]  # week_of_day, inline: called for every result
    months = {d: month_of_day(d) for d in set(days)}
    return [months[d] for d in days]
