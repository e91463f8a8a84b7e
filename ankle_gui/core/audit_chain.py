"""The audit log as a hash chain: each entry's hash covers its own fields and the hash of the
entry before it, so an entry changed, deleted or put in later breaks the chain from there on.

Pure Python, and independent of the database: an entry is hashed from a canonical form of
its fields (``canonical``), never from how SQLite (or, later, PostgreSQL) stores them. Times
are rendered again by ``to_utc_iso``; text is JSON with sorted keys and ASCII escapes.

What it proves (README, *The audit log*): an entry edited or deleted by hand, with sqlite3 or
any tool that does not recompute every later hash and the head kept with the settings, is
found and named. Someone who can write the file can recompute the whole chain; a head noted
outside the PC (printed by ``ankle-gui clinic audit --verify``, or in an exported CSV) shows
that too, as it is then no longer in the chain.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import NamedTuple

from ankle_gui.core.clock import from_utc_iso, to_utc_iso

FORMAT_VERSION = 1
GENESIS = "0" * 64  # the "hash before" of the first entry


class ChainedEntry(NamedTuple):
    """One entry as stored: its number, its fields, and the two hashes."""

    id: int
    at: str            # UTC ISO-8601, as core.clock writes it
    actor: str
    action: str
    profile_id: int | None
    detail: str
    prev_hash: str
    hash: str


class Head(NamedTuple):
    """The last entry written, kept apart from the log so that cutting its end shows."""

    id: int
    hash: str


class ChainCheck(NamedTuple):
    ok: bool
    checked: int                     # entries read
    first_broken: int | None         # the number of the first entry that does not hold
    reason: str                      # in words, for the screen and the command line
    broken: frozenset[int]           # every entry that does not hold (to mark in the viewer)
    missing: tuple[int, ...]         # numbers absent from the log (deleted entries)
    head: Head | None                # the last entry, as found


def canonical(entry_id: int, at: str, actor: str, action: str, profile_id: int | None,
              detail: str, prev_hash: str) -> bytes:
    """The bytes an entry's hash is taken of."""
    fields = {"v": FORMAT_VERSION, "id": int(entry_id), "at": to_utc_iso(from_utc_iso(at)),
              "actor": actor, "action": action,
              "profile": None if profile_id is None else int(profile_id),
              "detail": detail, "prev": prev_hash}
    return json.dumps(fields, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=True).encode("ascii")


def entry_hash(entry_id: int, at: str, actor: str, action: str, profile_id: int | None,
               detail: str, prev_hash: str) -> str:
    # Imported here: hashlib loads OpenSSL, which home mode never needs (core/pin.py).
    import hashlib

    data = canonical(entry_id, at, actor, action, profile_id, detail, prev_hash)
    return hashlib.sha256(data).hexdigest()


def next_entry(head: Head | None, at: str, actor: str, action: str, profile_id: int | None,
               detail: str) -> ChainedEntry:
    """The entry to write after ``head`` (None: the log is empty)."""
    entry_id = head.id + 1 if head else 1
    prev = head.hash if head else GENESIS
    return ChainedEntry(entry_id, at, actor, action, profile_id, detail, prev,
                        entry_hash(entry_id, at, actor, action, profile_id, detail, prev))


def recomputed(entry: ChainedEntry) -> str:
    try:
        return entry_hash(entry.id, entry.at, entry.actor, entry.action, entry.profile_id,
                          entry.detail, entry.prev_hash)
    except (ValueError, TypeError):  # a time no clock can read: changed by hand
        return ""


def verify(entries: Iterable[ChainedEntry], head: Head | None) -> ChainCheck:
    """Check every entry, oldest first, against its own hash, the one before it, and the head.

    The first entry that does not hold is named; later ones that only fail because of it
    (their "hash before" no longer matches) are not counted again unless their own fields
    were changed too."""
    broken: set[int] = set()
    missing: list[int] = []
    first: int | None = None
    reason = ""
    previous: ChainedEntry | None = None
    checked = 0

    def note(entry_id: int, why: str) -> None:
        nonlocal first, reason
        broken.add(entry_id)
        if first is None:
            first, reason = entry_id, why

    for entry in sorted(entries, key=lambda e: e.id):
        checked += 1
        expected_id = previous.id + 1 if previous else 1
        expected_prev = previous.hash if previous else GENESIS
        if entry.id > expected_id:
            gap = list(range(expected_id, entry.id))
            missing += gap
            note(gap[0], _missing_words(gap))
        elif entry.prev_hash != expected_prev:
            note(entry.id, f"entry {entry.id} does not follow entry "
                           f"{previous.id if previous else 0}: the entry before it was changed "
                           "or its place was taken")
        if recomputed(entry) != entry.hash:
            note(entry.id, f"entry {entry.id} was changed after it was written")
        previous = entry
    found = Head(previous.id, previous.hash) if previous else None
    if head is not None and found != head:
        if found is None or found.id < head.id:
            gap = list(range(found.id + 1 if found else 1, head.id + 1))
            missing += gap
            note(gap[0], _missing_words(gap))
        else:
            note(found.id, f"the last entry ({found.id}) is not the one last written "
                           f"({head.id}): entries were added or changed outside the app")
    elif head is None and found is not None:
        note(found.id, "the log has entries but no record of the last one written")
    ok = first is None
    return ChainCheck(ok, checked, first, reason if not ok else "", frozenset(broken),
                      tuple(missing), found)


def _missing_words(gap: list[int]) -> str:
    if len(gap) == 1:
        return f"entry {gap[0]} was deleted"
    return f"entries {gap[0]}\u2013{gap[-1]} were deleted"
