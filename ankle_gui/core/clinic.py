"""Clinic mode's rules, in words a physio would use: codes, idle time, programmes, ratings,
and what a patient may do on the shared PC against what the clinician may do.

Pure Python: the services check input here before anything is written.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

CODE_DIGITS = (4, 6)
IDLE_MINUTES = (1, 30)
DEFAULT_IDLE_MINUTES = 3
SESSIONS_PER_WEEK = (1, 14)
RETEST_WEEKS = (1, 52)
DEFAULT_RETEST_WEEKS = 4
RATING = (0, 10)
MAX_CLINIC_NAME = 100


class ClinicRuleError(ValueError):
    """Input that breaks one of these rules; the message says what to type instead."""


class Mode(StrEnum):
    HOME = "home"
    CLINIC = "clinic"


class Role(StrEnum):
    HOME = "home"            # home mode: one person or a family, everything open
    WELCOME = "welcome"      # clinic mode, nobody signed in: the welcome screen only
    PATIENT = "patient"      # clinic mode, one patient opened with their code
    CLINICIAN = "clinician"  # clinic mode, unlocked with the PIN


def check_patient_code(text: str) -> str:
    code = text.strip()
    low, high = CODE_DIGITS
    if not (code.isascii() and code.isdigit()) or not low <= len(code) <= high:
        raise ClinicRuleError(f"A patient code is {low} to {high} digits (0–9), for example "
                              "4821.")
    return code


def check_idle_minutes(minutes: int) -> int:
    low, high = IDLE_MINUTES
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not low <= minutes <= high:
        raise ClinicRuleError(f"The time before the app locks must be {low} to {high} minutes.")
    return minutes


def idle_minutes_from_seconds(text: str) -> int:
    """``clinic idle SECONDS``: whole minutes, 60 to 1800 seconds."""
    low, high = IDLE_MINUTES
    words = (f"Give the idle time in seconds, a whole number of minutes from {low * 60} "
             f"({low} minute) to {high * 60} ({high} minutes), for example 180 for 3 minutes.")
    raw = text.strip()
    if not (raw.isascii() and raw.isdigit()):
        raise ClinicRuleError(f"{text!r} is not a number of seconds. {words}")
    seconds = int(raw)
    if seconds % 60 or not low * 60 <= seconds <= high * 60:
        raise ClinicRuleError(f"{seconds} seconds will not do. {words}")
    return seconds // 60


def check_sessions_per_week(count: int) -> int:
    low, high = SESSIONS_PER_WEEK
    if isinstance(count, bool) or not isinstance(count, int) or not low <= count <= high:
        raise ClinicRuleError(f"Sessions per week must be {low} to {high}.")
    return count


def check_retest_weeks(weeks: int) -> int:
    low, high = RETEST_WEEKS
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not low <= weeks <= high:
        raise ClinicRuleError(f"The retest interval must be {low} to {high} weeks.")
    return weeks


def check_rating(value: int | None, what: str) -> int | None:
    """A 0–10 rating, or None when the patient skipped it."""
    if value is None:
        return None
    low, high = RATING
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ClinicRuleError(f"The {what} rating is a whole number from {low} to {high}, "
                              "or left out.")
    return value


def check_clinic_name(text: str) -> str:
    name = " ".join(text.split())
    if len(name) > MAX_CLINIC_NAME:
        raise ClinicRuleError(f"The clinic's name can have at most {MAX_CLINIC_NAME} "
                              "characters.")
    if any(not ch.isprintable() for ch in name):
        raise ClinicRuleError("The clinic's name has a character that cannot be printed.")
    return name


class Permissions(NamedTuple):
    """What the screens may offer. The UI asks; the services check again."""

    can_open_own_work: bool       # test, train, progress and report of the open profile
    can_export_own: bool          # the open profile's results and report
    can_switch_profile: bool
    can_see_other_names: bool
    can_manage_profiles: bool     # create, rename, delete, change codes, set programmes
    can_export_all: bool
    can_backup: bool
    can_restore: bool
    can_import: bool
    can_settings: bool
    can_view_dashboard: bool
    can_view_audit: bool
    can_quit_freely: bool         # quit or leave full screen without the PIN


_EVERYTHING = Permissions(*([True] * len(Permissions._fields)))
_NOTHING = Permissions(*([False] * len(Permissions._fields)))


def permissions_for(role: Role) -> Permissions:
    if role in (Role.HOME, Role.CLINICIAN):
        return _EVERYTHING
    if role is Role.PATIENT:
        return _NOTHING._replace(can_open_own_work=True, can_export_own=True)
    return _NOTHING  # the welcome screen: a code or the PIN, nothing else


def idle_for_too_long(now_s: float, last_input_s: float, idle_minutes: int,
                      drill_running: bool) -> bool:
    """Whether the screen should go back to welcome. Times are monotonic seconds.

    A running drill is activity (the patient is at arm's length, not at the keyboard); a
    paused one is not, so a patient who walks away mid-drill is locked out all the same."""
    if drill_running:
        return False
    return now_s - last_input_s >= idle_minutes * 60
