"""Countdowns and stopwatches that read an injected monotonic clock.

They store deadlines, never counted ticks, so a late or missed poll cannot make a
timer drift: the time left is always ``deadline - now``.
"""

from __future__ import annotations

import math


class Countdown:
    """A timer that can be paused, resumed and stretched without losing time."""

    def __init__(self, seconds: float, started_at: float):
        self.length = float(seconds)
        self._deadline: float | None = started_at + seconds
        self._left_when_paused = float(seconds)

    @property
    def running(self) -> bool:
        return self._deadline is not None

    @property
    def deadline(self) -> float | None:
        return self._deadline

    def remaining(self, now: float) -> float:
        if self._deadline is None:
            return max(0.0, self._left_when_paused)
        return max(0.0, self._deadline - now)

    def pause(self, now: float) -> None:
        if self._deadline is not None:
            self._left_when_paused = max(0.0, self._deadline - now)
            self._deadline = None

    def resume(self, now: float) -> None:
        if self._deadline is None:
            self._deadline = now + self._left_when_paused

    def add(self, seconds: float, now: float) -> None:
        """Stretch (or shorten, with a negative value) what is left; never below zero."""
        left = max(0.0, self.remaining(now) + seconds)
        self.length = max(0.0, self.length + seconds)
        if self._deadline is None:
            self._left_when_paused = left
        else:
            self._deadline = now + left

    def shown_seconds(self, now: float) -> int:
        """The whole second a countdown display shows: 45 until 44.000…, then 44, … 1, 0."""
        return math.ceil(round(self.remaining(now), 6))


class Stopwatch:
    """Active time only: a pause (or a sleeping laptop) does not count."""

    def __init__(self) -> None:
        self._total = 0.0
        self._since: float | None = None

    @property
    def running(self) -> bool:
        return self._since is not None

    def start(self, now: float) -> None:
        if self._since is None:
            self._since = now

    def stop(self, now: float) -> None:
        if self._since is not None:
            self._total += max(0.0, now - self._since)
            self._since = None

    def elapsed(self, now: float) -> float:
        running = max(0.0, now - self._since) if self._since is not None else 0.0
        return self._total + running


def clock_seconds(seconds: float) -> str:
    """Whole seconds left, rounded up like ``clock_text``: "5", "4", … "1", "0"."""
    return str(max(0, math.ceil(round(seconds, 6))))


def clock_text(seconds: float) -> str:
    """mm:ss for a countdown, rounding up so 0:00 shows only when time is really up."""
    whole = max(0, math.ceil(round(seconds, 6)))
    return f"{whole // 60:02d}:{whole % 60:02d}"
