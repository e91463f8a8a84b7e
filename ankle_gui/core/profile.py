"""What a profile is and what makes a valid profile name."""

from __future__ import annotations

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


def name_key(name: str) -> str:
    """The one rule by which two profile names are the same person's: Unicode NFC, then
    casefold. "Zoë", "ZOË" and a decomposed "Zoe\u0308" all give "zoë".

    The store keeps this key in its own column with a unique index and matches on it, so
    SQL and Python can never disagree. NFC is applied again after casefold because folding
    can leave a decomposed sequence ("\u01f0" folds to "j\u030c").
    """
    return unicodedata.normalize(
        "NFC", unicodedata.normalize("NFC", name or "").strip().casefold())


def clean_profile_name(raw: str, existing: list[str] | tuple[str, ...] = ()) -> str:
    """The name to store, or ProfileNameError with a message the user can act on.

    Names are compared by ``name_key``, so "Anna" and "ANNA" (or "Zoë" and "ZOË") cannot
    both exist on a clinic PC where they would be confused.
    """
    name = unicodedata.normalize("NFC", raw or "").strip()
    if not name:
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
