"""CSV export and import against the store: all of a file, in one transaction, or nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ankle_gui.core.csv_format import ParsedCsv, write_csv
from ankle_gui.core.profile import Profile, name_key
from ankle_gui.core.records import Measurement
from ankle_gui.store.store import Store


class ImportRefused(ValueError):
    """The file was not imported; the message says why and names the lines."""


@dataclass(frozen=True)
class ImportSummary:
    added: int
    already_there: int
    created_profiles: tuple[str, ...]


def export_csv(store: Store, profile_id: int | None = None) -> bytes:
    """Every test result of one profile, or of all profiles, as CSV bytes."""
    profiles = [store.profiles.get(profile_id)] if profile_id is not None else \
        store.profiles.all()
    rows: list[tuple[str, Measurement]] = []
    for profile in profiles:
        rows += [(profile.name, r) for r in store.results.for_profile(profile.id)]
    return write_csv(rows)


def unknown_profiles(store: Store, parsed: ParsedCsv) -> list[str]:
    """Profile names in the file that do not exist yet (compared without case)."""
    return [name for name in parsed.profile_names() if store.profiles.by_name(name) is None]


def import_csv(store: Store, parsed: ParsedCsv, *, create_profiles: bool) -> ImportSummary:
    """Import every record of a checked file in one transaction.

    Rows already stored (same profile, time, test, side and phase) are left as they are,
    so importing the same file twice adds nothing the second time.
    """
    if not parsed.ok:
        shown = "; ".join(str(p) for p in parsed.problems[:5])
        raise ImportRefused(f"Nothing was imported: {shown}")
    missing = unknown_profiles(store, parsed)
    if missing and not create_profiles:
        raise ImportRefused("Nothing was imported: the file names profiles that do not exist "
                            f"yet: {', '.join(missing)}")
    by_name: dict[str, list[Measurement]] = defaultdict(list)
    spelling: dict[str, str] = {}
    for record in parsed.records:
        key = name_key(record.profile)
        by_name[key].append(record.result)
        spelling.setdefault(key, record.profile)
    added = 0
    with store.db.atomic():
        profiles: dict[str, Profile] = {}
        for key, name in spelling.items():
            profiles[key] = store.profiles.by_name(name) or store.profiles.create(name)
        for key, results in by_name.items():
            added += store.results.add_missing(profiles[key].id, results)
    return ImportSummary(added, len(parsed.records) - added, tuple(missing))
