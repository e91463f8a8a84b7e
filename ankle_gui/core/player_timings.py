"""A person's own pace between sets: get-ready time, side-switch time, wait for Space."""

from __future__ import annotations

from typing import NamedTuple

# Limits a physio would accept: long enough to get into position, short enough to stay warm.
GET_READY_RANGE_S = (3, 30)
SWITCH_SIDE_RANGE_S = (5, 180)


class TimingsError(ValueError):
    """Timings that cannot be used; the message is for the user."""


class PlayerTimings(NamedTuple):
    """How the drill player paces the gaps around each set, for one profile."""

    get_ready_s: int = 5        # a countdown before each set, to get into position
    switch_side_s: int = 30     # time to move a band or turn round before the other side
    wait_for_space: bool = False  # a set that would start by itself waits for Space


DEFAULT_TIMINGS = PlayerTimings()


def check_timings(get_ready_s: int, switch_side_s: int, wait_for_space: bool) -> PlayerTimings:
    """The timings to store, or TimingsError saying what to change (nothing is stored)."""
    low, high = GET_READY_RANGE_S
    if not low <= get_ready_s <= high:
        raise TimingsError(f"The get-ready time must be between {low} and {high} seconds.")
    low, high = SWITCH_SIDE_RANGE_S
    if not low <= switch_side_s <= high:
        raise TimingsError(f"The time to switch sides must be between {low} and {high} seconds.")
    return PlayerTimings(int(get_ready_s), int(switch_side_s), bool(wait_for_space))
