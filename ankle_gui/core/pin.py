"""The clinician's PIN, its recovery code, and how long a wrong PIN or patient code waits.

Pure Python. Only a salted scrypt hash of the PIN or the recovery code is ever kept; neither
leaves the call that checks it. After FREE_TRIES wrong tries, each further try must wait,
30 s at first and twice as long after each wrong one, up to MAX_WAIT_S (5 minutes). Wrong
tries fade: one is forgotten for every FORGET_ONE_AFTER_S without a wrong try. A right PIN
clears the count; a right patient code does not (one's own code must not buy more guesses).
"""

from __future__ import annotations

import json
from typing import NamedTuple

MIN_PIN_DIGITS = 6
MAX_PIN_DIGITS = 32
FREE_TRIES = 5
FIRST_WAIT_S = 30
# One count serves the whole waiting room (codes) or the one clinician (PIN), so a prankster
# must not lock anyone out for long: at most 5 minutes. That is also the fastest anyone can
# guess once the free tries are spent: 12 an hour (README, *The PIN*, *Patients and their
# codes*).
MAX_WAIT_S = 5 * 60
MAX_CODE_WAIT_S = MAX_WAIT_S
FORGET_ONE_AFTER_S = 5 * 60
# scrypt's cost: 2^14 × 8 × 128 bytes = 16 MiB of memory per try, and a noticeable pause
# (the README has the figure).
DEFAULT_PARAMS = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32}
SALT_BYTES = 16


class PinError(ValueError):
    """A new PIN that will not do; the message says why, in words for the clinician."""


class PinHash(NamedTuple):
    digest: bytes
    salt: bytes
    params: str  # JSON of the scrypt parameters, kept with the hash so they can change later


def check_new_pin(text: str) -> str:
    """The PIN to keep, or PinError. Digits only, at least six, and not a guessable run."""
    pin = text.strip()
    if not pin:
        raise PinError("The PIN is empty. Type at least 6 digits.")
    if not (pin.isascii() and pin.isdigit()):
        raise PinError("The PIN must be digits only (0–9).")
    if len(pin) < MIN_PIN_DIGITS:
        raise PinError(f"The PIN needs at least {MIN_PIN_DIGITS} digits; this one has "
                       f"{len(pin)}.")
    if len(pin) > MAX_PIN_DIGITS:
        raise PinError(f"The PIN can have at most {MAX_PIN_DIGITS} digits.")
    if len(set(pin)) == 1 or pin in "01234567890123456789" or pin in "98765432109876543210":
        raise PinError("That PIN is too easy to guess (one digit repeated, or digits in a "
                       "row). Choose another.")
    return pin


def hash_pin(pin: str, salt: bytes | None = None, params: str | None = None) -> PinHash:
    # Imported here: hashlib loads OpenSSL, which a window that never checks a PIN (home
    # mode) should not carry (README, Performance).
    import hashlib
    import secrets

    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    params = params if params is not None else json.dumps(DEFAULT_PARAMS, sort_keys=True)
    cost = json.loads(params)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=cost["n"], r=cost["r"],
                            p=cost["p"], dklen=cost["dklen"], maxmem=64 * 1024 * 1024)
    return PinHash(digest, salt, params)


def pin_matches(pin: str, stored: PinHash) -> bool:
    """Whether ``pin`` is the stored one; the comparison takes the same time either way."""
    import hmac

    tried = hash_pin(pin, stored.salt, stored.params)
    return hmac.compare_digest(tried.digest, stored.digest)


def wait_after(failures: int, cap_s: int = MAX_WAIT_S) -> int:
    """Seconds the next try must wait after ``failures`` wrong tries in a row."""
    if failures < FREE_TRIES:
        return 0
    doublings = min(failures - FREE_TRIES, 20)  # 2^20 × 30 s is far past the cap anyway
    return int(min(FIRST_WAIT_S * 2 ** doublings, cap_s))


def code_wait_after(failures: int) -> int:
    """As wait_after, for wrong patient codes: capped at MAX_CODE_WAIT_S."""
    return wait_after(failures, MAX_CODE_WAIT_S)


# The audit log's detail for the first try made while a wait runs (not checked, only counted).
TRIED_DURING_THE_WAIT = "tried during the wait"


def wrong_try_words(what: str, failures: int, wait_s: float, refused: int) -> str:
    """The audit log's detail for a wrong PIN or code: the counts, never what was typed."""
    text = f"wrong {what}; {failures} wrong {what}(s) counted"
    if refused:
        text += f"; {refused} more tried during the wait before"
    if wait_s:
        text += f"; next try waits {wait_words(wait_s)}"
    return text


def failures_left(failures: int, quiet_s: float) -> int:
    """Wrong tries still counted after ``quiet_s`` seconds without a wrong one: one fades
    for every FORGET_ONE_AFTER_S. A clock set back forgets nothing."""
    return max(0, failures - int(max(0.0, quiet_s) // FORGET_ONE_AFTER_S))


# --- the recovery code: a way back in without a terminal ----------------------------------
# Shown once when clinic mode is turned on (or a new one is made), kept only as a scrypt hash.
# 16 characters of Crockford's base 32 (no I, L, O or U to misread): 80 bits, far beyond any
# guessing, so trying one does not wait behind the PIN's count.
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_LENGTH = 16


def new_recovery_code() -> str:
    import secrets  # loads OpenSSL: only when a code is made (see hash_pin)

    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return recovery_code_words(raw)


def recovery_code_words(raw: str) -> str:
    """In groups of four, as printed: "7KQ2-M9XD-4RTA-WP3H"."""
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_code(text: str) -> str:
    """As typed, to the form that is hashed: capitals, no spaces or dashes, and the letters
    people mistake for digits read as those digits (O as 0, I and L as 1)."""
    raw = "".join(text.split()).replace("-", "").upper()
    return raw.translate(str.maketrans("OIL", "011"))


def wait_words(seconds: float) -> str:
    """A wait as a person reads it: "30 seconds", "2 minutes", "1 hour 4 minutes"."""
    total = max(1, round(seconds))
    if total < 60:
        return f"{total} second{'s' if total != 1 else ''}"
    minutes = -(-total // 60)  # round up: never promise less than the real wait
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)
