"""What a profile is and what makes a valid profile name."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from ankle_gui.core.units import Unit

MAX_NAME_LENGTH = 100
MAX_NOTE_LENGTH = 2000


class ProfileNameError(ValueError):
    """A profile name that cannot be used; the message is for the user."""


class Profile(NamedTuple):
    """One person whose tests and sessions are kept."""

    id: int
    name: str
    created_at: str
    unit: Unit = Unit.CM
    fist_width_cm: float | None = None


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200d" for ch in text)


# Unicode's Default_Ignorable_Code_Point: characters that show nothing (joiners, the
# combining grapheme joiner, variation selectors, Hangul fillers, tags...). "Ana", "Ana\u200d"
# and "A\u034fna" look the same on a screen, so they must be the same name.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


def name_key(name: str) -> str:
    """The one rule by which two profile names are the same person's: Unicode NFC, without
    the characters that show nothing, then casefold. "Zoë", "ZOË", a decomposed "Zoe\u0308"
    and "Zo\u200dë" all give "zoë".

    The store keeps this key in its own column with a unique index and matches on it, so
    SQL and Python can never disagree. NFC is applied again after casefold because folding
    can leave a decomposed sequence ("\u01f0" folds to "j\u030c").
    """
    visible = _INVISIBLE.sub("", unicodedata.normalize("NFC", name or ""))
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", visible).strip().casefold())


def clean_profile_name(raw: str, existing: list[str] | tuple[str, ...] = ()) -> str:
    """The name to store, or ProfileNameError with a message the user can act on.

    Names are compared by ``name_key``, so "Anna" and "ANNA" (or "Zoë" and "ZOË") cannot
    both exist on a clinic PC where they would be confused.
    """
    name = unicodedata.normalize("NFC", raw or "").strip()
    if not name_key(name):  # nothing, spaces, or characters that show nothing
        raise ProfileNameError("Enter a name.")
    if len(name) > MAX_NAME_LENGTH:
        raise ProfileNameError(
            f"Keep the name to {MAX_NAME_LENGTH} characters or fewer ({len(name)} now).")
    if _has_control_characters(name):
        raise ProfileNameError("The name contains invisible control characters; please retype it.")
    key = name_key(name)
    taken = next((other for other in existing if key == name_key(other)), None)
    if taken is not None:  # named as stored: "SAM" typed, "Sam" is the one there
        raise ProfileNameError(f"A profile called {taken!r} already exists.")
    return name


def clean_note(raw: str) -> str:
    """Free text as typed, minus what would corrupt a CSV or a printout."""
    note = (raw or "").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in note:
        raise ValueError("The note contains a NUL character; please retype it.")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in note):
        raise ValueError("The note contains invisible control characters; please retype it.")
    note = note.strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise ValueError(
            f"Keep the note to {MAX_NOTE_LENGTH} characters or fewer ({len(note)} now).")
    return note
