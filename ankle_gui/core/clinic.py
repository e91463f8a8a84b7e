"""Clinic mode's rules, in words a physio would use: codes, idle time, programmes, ratings,
and what a patient may do on the shared PC against what the clinician may do.

Pure Python: the services check input here before anything is written.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

# A patient's code: 8 digits, shown as two groups of four ("4821 7730"). Shorter codes were
# issued before; they no longer open anything (README, *Patients and their codes*).
CODE_DIGITS = 8
OLD_CODE_DIGITS = (4, 6)
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


class OldCodeError(ClinicRuleError):
    """A code of the old, shorter shape: it opens nothing any more."""


def check_patient_code(text: str) -> str:
    """The code as kept: 8 digits; spaces and dashes between them are allowed when typed."""
    code = "".join(text.split()).replace("-", "")
    if not (code.isascii() and code.isdigit()):
        raise ClinicRuleError(f"A patient code is {CODE_DIGITS} digits (0–9), for example "
                              "4821 7730.")
    low, high = OLD_CODE_DIGITS
    if low <= len(code) <= high:
        raise OldCodeError(f"Patient codes have {CODE_DIGITS} digits now. Ask at the desk for "
                           "your new code.")
    if len(code) != CODE_DIGITS:
        raise ClinicRuleError(f"A patient code is {CODE_DIGITS} digits (0–9), for example "
                              "4821 7730.")
    return code


def check_new_patient_code(text: str) -> str:
    """A code the clinician sets: 8 digits, and not one a guesser would try first."""
    try:
        code = check_patient_code(text)
    except OldCodeError:
        raise ClinicRuleError(f"A patient code is {CODE_DIGITS} digits now, for example "
                              "4821 7730.") from None
    if too_easy(code):
        raise ClinicRuleError("That code is too easy to guess (one digit repeated, digits in "
                              "a row, or one half twice). Take the suggested one.")
    return code


def too_easy(digits: str) -> bool:
    """One digit repeated, digits in a row up or down, or the same half twice."""
    half = len(digits) // 2
    return (len(set(digits)) == 1 or digits in "01234567890123456789"
            or digits in "98765432109876543210"
            or (len(digits) % 2 == 0 and digits[:half] == digits[half:]))


def code_words(code: str) -> str:
    """A code as it is read out and printed: "4821 7730"."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}" if len(code) == CODE_DIGITS else code


def masked_code(code: str) -> str:
    """A code as shown to someone who may be overheard: its groups, digits hidden."""
    return code_words("\u2022" * len(code))


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
    # Pick where a file goes (file dialogs, print to file) and open files or folders in other
    # programs. A patient's files go to the clinic's export folder, named by the app.
    can_choose_files: bool
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
                      clock_driven: bool) -> bool:
    """Whether the screen should go back to welcome. Times are monotonic seconds.

    A drill phase the clock drives (a timer, a get-ready countdown, paced reps) is activity:
    the patient is at arm's length, not at the keyboard. A phase that waits for the person
    (self-paced reps waiting for Space, a set waiting to start, a pause) is not, so a
    patient who walks away mid-drill is locked out all the same."""
    if clock_driven:
        return False
    return now_s - last_input_s >= idle_minutes * 60
