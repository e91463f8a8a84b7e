"""File names a person can read, that every file system accepts.

Only what a file system refuses is changed: path separators and the characters Windows
forbids, control characters, and dots or spaces at the end. Accents, dashes, apostrophes and
emoji stay, so "Demo – Alex" is still "Demo – Alex" in the file name.
"""

from __future__ import annotations

import re
from datetime import date

# The longest a name may be in bytes on the usual file systems is 255; keep room for
# a " (2)" a file manager may add.
MAX_NAME_BYTES = 200
_SEPARATORS = re.compile(r"\s*[/\\|:]+\s*")  # a dash keeps the meaning of "A/B" or "Dr: X"
_FORBIDDEN = re.compile(r'[*?"<>\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")


def safe_part(text: str) -> str:
    """One part of a file name (a person's name, say), made safe but left readable."""
    text = _SPACES.sub(" ", text)  # tabs and line breaks too
    text = _SEPARATORS.sub(lambda m: "-" if m.group() == m.group().strip() else " - ", text)
    text = _FORBIDDEN.sub("", text)
    return _SPACES.sub(" ", text).strip(" .-")


def file_name(what: str, who: str, day: date, suffix: str) -> str:
    """For example "Ankle report – Demo – Alex – 2026-11-29.pdf"."""
    head = f"{safe_part(what)} \u2013 {safe_part(who) or 'profile'}"
    tail = f" \u2013 {day.isoformat()}{suffix}"
    while len((head + tail).encode("utf-8")) > MAX_NAME_BYTES:
        head = head[:-1]  # a very long name is cut, never the date or the suffix
    return head.rstrip(" .\u2013-") + tail


def neutral_file_name(what: str, day: date, suffix: str) -> str:
    """A name that says what and when but not whose: "Ankle report 2026-12-07.pdf". For
    clinic mode, where files and print jobs can be seen by the next person."""
    return f"{safe_part(what)} {day.isoformat()}{suffix}"


def print_job_name(what: str, who: str, day: date, *, neutral: bool) -> str:
    """The print job's title, which the print queue lists and cups-pdf names its file by:
    "Ankle report 2026-12-07" in clinic mode, with the person's name at home."""
    if neutral:
        return f"{safe_part(what)} {day.isoformat()}"
    return f"{safe_part(what)} \u2013 {safe_part(who) or 'profile'} \u2013 {day.isoformat()}"
