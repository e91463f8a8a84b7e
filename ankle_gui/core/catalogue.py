"""The drill catalogue: every drill from the source articles, as validated data.

The data lives in ``resources/drills.json``; this module only knows its shape.
"""

# Long file: the catalogue's records and the checks of every field of drills.json (dose,
# where each dose comes from, equipment, poses), read together when an entry is refused.

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple

from ankle_gui import resource_files
from ankle_gui.core.poses import PoseError, Poses, parse_poses
from ankle_gui.core.records import EACH_IN_TURN


class Purpose(StrEnum):
    ASSESSMENT = "assessment"
    SOFT_TISSUE = "soft_tissue"
    JOINT = "joint"
    MAINTENANCE = "maintenance"

    @property
    def label(self) -> str:
        return {
            "assessment": "Assessment",
            "soft_tissue": "Soft tissue",
            "joint": "Joint",
            "maintenance": "Maintenance",
        }[self.value]


class Equipment(StrEnum):
    BAND = "band"
    WALL = "wall"
    STEP = "step"
    ROLLER = "roller"
    STICK = "stick"
    BALL = "ball"
    WEIGHT = "weight"
    NONE = "none"

    @property
    def label(self) -> str:
        # A massage stick rolls too: "Foam roller" keeps the two apart in the filter.
        return {
            "band": "Band",
            "wall": "Wall",
            "step": "Step",
            "roller": "Foam roller",
            "stick": "Massage stick",
            "ball": "Ball",
            "weight": "Weight",
            "none": "No equipment",
        }[self.value]


class Mode(StrEnum):
    REPS = "reps"
    TIMED = "timed"
    BIPHASIC = "biphasic"
    DIRECTIONS = "directions"
    TEST = "test"


DOSE_KEYS = ("rounds", "reps", "rep_hold_s", "per_direction", "oscillation_s", "hold_s",
             "work_s", "rest_s", "add_kg")
REQUIRED_DOSE = {
    Mode.REPS: ("rounds", "reps"),
    Mode.TIMED: ("rounds", "work_s"),
    Mode.BIPHASIC: ("rounds", "oscillation_s", "hold_s"),
    Mode.DIRECTIONS: ("rounds", "per_direction"),
    Mode.TEST: (),
}
DRILL_KEYS = {"id", "name", "purpose", "equipment", "per_side", "mode", "dose", "positions",
              "directions", "rep_cue", "summary", "setup", "cues", "source", "poses"}
# Every dose field says where its numbers come from; a note on the source is optional.
OPTIONAL_KEYS = {"dose_source", "source_note"}


class CatalogueError(ValueError):
    """A broken catalogue entry; the message names the entry and the field."""


# Loaded data: NamedTuples, as core.records explains.
class DoseRange(NamedTuple):
    """An inclusive range from the articles, such as 10–15 reps."""

    low: int
    high: int

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    @property
    def middle(self) -> int:
        return (self.low + self.high) // 2

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


class Source(NamedTuple):
    """One of the articles a drill comes from."""

    key: str
    author: str
    title: str
    seed: str
    short: str = ""   # how a line of text names it: "Risher"

    @property
    def citation(self) -> str:
        if self.author.lower().startswith("unnamed"):
            return f"“{self.title}”"
        return f"{self.author}, “{self.title}”"

    @property
    def short_name(self) -> str:
        """'Risher', 'Rusin', the post's title for an unnamed author."""
        if self.short:
            return self.short
        if self.author.lower().startswith("unnamed"):
            return f"“{self.title}”"
        return self.author


class DoseSource(NamedTuple):
    """Where one dose field's numbers come from: the seed (quoted) or the app's default."""

    from_seed: bool
    quote: str = ""     # the seed's own words, when from the seed
    note: str = ""      # how the numbers follow from it, or why the app chose them

    def words(self, source: Source) -> str:
        """'from Rusin, quoted: “…”' or 'app default: …', for the Drills page and handout."""
        note = f" ({self.note})" if self.note and self.from_seed else ""
        if self.from_seed:
            return f"from {source.short_name}, quoted: \u201c{self.quote}\u201d{note}"
        return "app default" + (f": {self.note[:1].lower()}{self.note[1:]}" if self.note else "")


class Drill(NamedTuple):
    """One drill as the catalogue describes it: purpose, equipment, dose ranges, cues."""

    id: str
    name: str
    purpose: Purpose
    equipment: tuple[Equipment, ...]
    per_side: bool
    mode: Mode
    dose: Mapping[str, DoseRange]
    positions: tuple[str, ...]
    directions: tuple[str, ...]
    rep_cue: str
    summary: str
    setup: tuple[str, ...]
    cues: tuple[str, ...]
    source: Source
    poses: Poses  # the figure's key poses, checked by core.poses.parse_poses
    dose_source: Mapping[str, DoseSource] = MappingProxyType({})
    source_note: str = ""   # e.g. that a variant is a reader's comment, not the article

    def dose_range(self, key: str) -> DoseRange | None:
        return self.dose.get(key)

    def dose_origin(self, key: str) -> str:
        """Where the numbers of one dose field come from, in words."""
        found = self.dose_source.get(key)
        return found.words(self.source) if found is not None else "app default"

    @property
    def runnable(self) -> bool:
        return self.mode is not Mode.TEST

    def dose_text(self) -> str:
        """The dose in the words a physio would write on a card."""
        d = self.dose
        parts: list[str] = []
        if self.mode is Mode.REPS:
            parts.append(f"{d['reps']} reps")
            if "rep_hold_s" in d:
                parts.append(f"hold {d['rep_hold_s']} s each")
        elif self.mode is Mode.DIRECTIONS:
            parts.append(f"{d['per_direction']} per direction ({', '.join(self.directions)})")
        elif self.mode is Mode.TIMED:
            parts.append(f"{d['work_s']} s")
        elif self.mode is Mode.BIPHASIC:
            parts.append(f"{d['oscillation_s']} s oscillations, then {d['hold_s']} s hold")
        if self.positions and self.mode is not Mode.TEST:
            parts.append(" and ".join(self.positions))
        if "rounds" in d:
            rounds = d["rounds"]
            parts.append(f"{rounds} round{'s' if rounds.high > 1 else ''}")
        if "rest_s" in d:
            parts.append(f"rest {d['rest_s']} s")
        if "add_kg" in d:
            parts.append(f"add {d['add_kg']} kg each round")
        if self.per_side and self.mode is not Mode.TEST:
            parts.append(EACH_IN_TURN.lower())
        return ", ".join(parts) if parts else "A test, not a drill: take it on the Test page."


class Catalogue:
    """Every drill, in catalogue order, and the articles they come from."""

    __slots__ = ("drills", "sources")

    def __init__(self, drills: tuple[Drill, ...], sources: dict[str, Source] | None = None):
        self.drills = tuple(drills)
        self.sources = dict(sources or {})

    def __repr__(self) -> str:
        return f"Catalogue({len(self.drills)} drills, {len(self.sources)} sources)"

    def __iter__(self) -> Iterator[Drill]:
        return iter(self.drills)

    def __len__(self) -> int:
        return len(self.drills)

    def get(self, drill_id: str) -> Drill:
        for drill in self.drills:
            if drill.id == drill_id:
                return drill
        raise KeyError(f"no drill with id {drill_id!r} in the catalogue")

    def __contains__(self, drill_id: object) -> bool:
        return any(d.id == drill_id for d in self.drills)

    def filtered(self, purpose: Purpose | None = None,
                 equipment: Equipment | None = None) -> list[Drill]:
        return [
            d for d in self.drills
            if (purpose is None or d.purpose is purpose)
            and (equipment is None or equipment in d.equipment)
        ]


def _fail(entry: str, field_name: str, why: str) -> CatalogueError:
    return CatalogueError(f"drill {entry!r}, field {field_name!r}: {why}")


def _text(raw: dict[str, Any], entry: str, key: str, *, allow_empty: bool = False) -> str:
    value = raw.get(key)
    if not isinstance(value, str):
        raise _fail(entry, key, "must be text")
    if not allow_empty and not value.strip():
        raise _fail(entry, key, "must not be empty")
    return value


def _text_list(raw: dict[str, Any], entry: str, key: str, *, allow_empty: bool) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(entry, key, "must be a list of non-empty texts")
    if not value and not allow_empty:
        raise _fail(entry, key, "must not be empty")
    return tuple(value)


def _dose(raw: dict[str, Any], entry: str, mode: Mode) -> Mapping[str, DoseRange]:
    value = raw.get("dose")
    if not isinstance(value, dict):
        raise _fail(entry, "dose", "must be an object of [min, max] ranges")
    dose: dict[str, DoseRange] = {}
    for key, pair in value.items():
        where = f"dose.{key}"
        if key not in DOSE_KEYS:
            raise _fail(entry, where, f"unknown dose key; use one of {', '.join(DOSE_KEYS)}")
        if (not isinstance(pair, list) or len(pair) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in pair)):
            raise _fail(entry, where, "must be a list of two whole numbers [min, max]")
        low, high = pair
        if low < 0 or low > high:
            raise _fail(entry, where, f"range {low}..{high} is not 0 ≤ min ≤ max")
        if key in ("rounds", "reps", "per_direction", "work_s", "oscillation_s", "hold_s",
                   "add_kg") and low == 0:
            raise _fail(entry, where, "must be at least 1")
        dose[key] = DoseRange(low, high)
    for key in REQUIRED_DOSE[mode]:
        if key not in dose:
            raise _fail(entry, f"dose.{key}", f"is required for mode {mode.value!r}")
    return MappingProxyType(dose)


def _dose_source(raw: dict[str, Any], entry: str,
                 dose: Mapping[str, DoseRange]) -> Mapping[str, DoseSource]:
    value = raw.get("dose_source", {})
    if not isinstance(value, dict):
        raise _fail(entry, "dose_source", "must be an object, one entry per dose field")
    found: dict[str, DoseSource] = {}
    for key in dose:
        where = f"dose_source.{key}"
        item = value.get(key)
        if not isinstance(item, dict) or item.get("from") not in ("seed", "app"):
            raise _fail(entry, where, "must say \"from\": \"seed\" or \"app\"")
        quote, note = item.get("quote", ""), item.get("note", "")
        if not isinstance(quote, str) or not isinstance(note, str):
            raise _fail(entry, where, "quote and note must be text")
        if item["from"] == "seed" and not quote.strip():
            raise _fail(entry, where, "a dose from the seed must quote it")
        found[key] = DoseSource(item["from"] == "seed", quote, note)
    extra = value.keys() - dose.keys()
    if extra:
        raise _fail(entry, f"dose_source.{sorted(extra)[0]}", "names no dose field")
    return MappingProxyType(found)


def parse_drill(raw: Any, sources: dict[str, Source], index: int) -> Drill:
    if not isinstance(raw, dict):
        raise CatalogueError(f"drill #{index + 1}: must be an object")
    drill_id = raw.get("id")
    entry: str = drill_id if isinstance(drill_id, str) else f"#{index + 1}"
    missing = DRILL_KEYS - raw.keys()
    if missing:
        raise _fail(entry, sorted(missing)[0], "is missing")
    unknown = raw.keys() - DRILL_KEYS - OPTIONAL_KEYS
    if unknown:
        raise _fail(entry, sorted(unknown)[0], "is not a known field")
    drill_id = _text(raw, entry, "id")
    if not drill_id.replace("_", "").isalnum() or drill_id.lower() != drill_id:
        raise _fail(entry, "id", "must be lower-case snake_case")
    try:
        purpose = Purpose(raw["purpose"])
    except ValueError:
        raise _fail(entry, "purpose", f"{raw['purpose']!r} is not one of "
                    f"{', '.join(p.value for p in Purpose)}") from None
    try:
        mode = Mode(raw["mode"])
    except ValueError:
        raise _fail(entry, "mode", f"{raw['mode']!r} is not one of "
                    f"{', '.join(m.value for m in Mode)}") from None
    equipment_raw = raw["equipment"]
    if not isinstance(equipment_raw, list) or not equipment_raw:
        raise _fail(entry, "equipment", "must be a non-empty list")
    try:
        equipment = tuple(Equipment(e) for e in equipment_raw)
    except ValueError as exc:
        raise _fail(entry, "equipment", str(exc)) from None
    if Equipment.NONE in equipment[1:]:
        # "none" first, then what helps: done with nothing, or with a ball if you have one.
        raise _fail(entry, "equipment", "'none' can only come first (then what is optional)")
    if not isinstance(raw["per_side"], bool):
        raise _fail(entry, "per_side", "must be true or false")
    directions = _text_list(raw, entry, "directions", allow_empty=True)
    if mode is Mode.DIRECTIONS and not directions:
        raise _fail(entry, "directions", "is required for mode 'directions'")
    rep_cue = _text(raw, entry, "rep_cue", allow_empty=True)
    if mode in (Mode.REPS, Mode.DIRECTIONS) and not rep_cue.strip():
        raise _fail(entry, "rep_cue", f"is required for mode {mode.value!r}")
    positions = _text_list(raw, entry, "positions", allow_empty=True)
    try:
        poses = parse_poses(raw["poses"], positions + directions)
    except PoseError as exc:
        raise _fail(entry, "poses", str(exc)) from None
    source_key = _text(raw, entry, "source")
    if source_key not in sources:
        raise _fail(entry, "source", f"{source_key!r} is not one of the listed sources")
    dose = _dose(raw, entry, mode)
    source_note = raw.get("source_note", "")
    if not isinstance(source_note, str):
        raise _fail(entry, "source_note", "must be text")
    return Drill(
        id=drill_id,
        name=_text(raw, entry, "name"),
        purpose=purpose,
        equipment=equipment,
        per_side=raw["per_side"],
        mode=mode,
        dose=dose,
        positions=positions,
        directions=directions,
        rep_cue=rep_cue,
        summary=_text(raw, entry, "summary"),
        setup=_text_list(raw, entry, "setup", allow_empty=False),
        cues=_text_list(raw, entry, "cues", allow_empty=False),
        source=sources[source_key],
        poses=poses,
        dose_source=_dose_source(raw, entry, dose),
        source_note=source_note,
    )


def parse_catalogue(data: Any) -> Catalogue:
    if not isinstance(data, dict) or not isinstance(data.get("drills"), list):
        raise CatalogueError("the catalogue must be an object with a 'drills' list")
    raw_sources = data.get("sources")
    if not isinstance(raw_sources, dict) or not raw_sources:
        raise CatalogueError("the catalogue must list its 'sources'")
    sources: dict[str, Source] = {}
    for key, raw in raw_sources.items():
        fields = ("author", "title", "seed")
        if not isinstance(raw, dict) or not all(
                isinstance(raw.get(k), str) and raw[k].strip() for k in fields):
            raise CatalogueError(f"source {key!r}: needs author, title and seed")
        short = raw.get("short", "")
        if not isinstance(short, str):
            raise CatalogueError(f"source {key!r}: 'short' must be text")
        sources[key] = Source(key, raw["author"], raw["title"], raw["seed"], short)
    drills = [parse_drill(raw, sources, i) for i, raw in enumerate(data["drills"])]
    seen: set[str] = set()
    for drill in drills:
        if drill.id in seen:
            raise _fail(drill.id, "id", "is used by more than one drill")
        seen.add(drill.id)
    return Catalogue(tuple(drills), sources)


def read_resource_text(name: str) -> str:
    return str((resource_files() / name).read_text(encoding="utf-8"))


_cached: Catalogue | None = None


def load_catalogue() -> Catalogue:
    """The shipped catalogue, parsed once per process."""
    global _cached
    if _cached is None:
        try:
            data = json.loads(read_resource_text("drills.json"))
        except json.JSONDecodeError as exc:
            raise CatalogueError(f"drills.json is not valid JSON: {exc}") from None
        _cached = parse_catalogue(data)
    return _cached
