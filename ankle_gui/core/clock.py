"""Time as the domain sees it: UTC on disk, local on screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

# One fixed shape, so that string order on disk is time order.
_ISO_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"


# Wall time, handed in by whoever starts the app (or a test): pages, services and the store
# never read the computer's clock themselves, so the date in a test is the test's choice.
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_utc_iso(moment: datetime) -> str:
    """A timezone-aware moment as the canonical UTC ISO-8601 string stored in the database."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a naive datetime has no place on disk; give it a timezone")
    return moment.astimezone(UTC).strftime(_ISO_FORMAT)


def from_utc_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time without a timezone: {text!r}")
    return moment.astimezone(UTC)


def to_local(moment: datetime) -> datetime:
    return moment.astimezone()


def local_display(text_or_moment: str | datetime, with_time: bool = True) -> str:
    moment = from_utc_iso(text_or_moment) if isinstance(text_or_moment, str) else text_or_moment
    local = to_local(moment)
    return local.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
