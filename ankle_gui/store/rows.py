"""One mapping between a record of core/records.py and its table's rows, used both ways.

Each field is kept in the column of its name, as it is, unless its ``Stored`` says otherwise:
an enum as its value, a yes/no as 0 or 1, a plan as JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, Generic, NamedTuple, TypeVar

from ankle_gui.core.records import frozen

R = TypeVar("R")


class Stored(NamedTuple):
    """How one field is kept: what goes into the column, what comes back out of it, and the
    column's name when it is not the field's."""

    to_row: Callable[[Any], Any]
    from_row: Callable[[Any], Any]
    column: str | None = None


AS_IS = Stored(lambda value: value, lambda value: value)


def enum(kind: type[Enum]) -> Stored:
    return Stored(lambda value: value.value, kind)


def optional_enum(kind: type[Enum]) -> Stored:
    """An enum or nothing (NULL, or an empty text in older rows)."""
    return Stored(lambda value: value.value if value else None,
                  lambda value: kind(value) if value else None)


OPTIONAL_FLAG = Stored(lambda value: None if value is None else int(value),
                       lambda value: None if value is None else bool(value))


def json_in(column: str) -> Stored:
    """JSON data kept as text in ``column``, read back read-only (``frozen``)."""
    return Stored(json.dumps, lambda text: frozen(json.loads(text)), column)


class RowMapper(Generic[R]):
    """Rows of one table to records of one kind (``make``), and records back to the values
    of ``columns``; the row's ``id`` is read, never written."""

    def __init__(self, make: Callable[..., R], columns: tuple[str, ...],
                 stored: Mapping[str, Stored] | None = None):
        self._make = make
        self.columns = columns
        self._stored = dict(stored or {})

    def _how(self, field: str) -> Stored:
        return self._stored.get(field, AS_IS)

    def column(self, field: str) -> str:
        return self._how(field).column or field

    def record(self, row: Mapping[str, Any]) -> R:
        fields = ("id", *self.columns)
        return self._make(**{f: self._how(f).from_row(row[self.column(f)]) for f in fields})

    def values(self, record: R, **given: Any) -> list[Any]:
        """The record's values for ``columns``, in order; ``given`` ones instead of the
        record's (the profile or session it is stored under)."""
        return [given[f] if f in given else self._how(f).to_row(getattr(record, f))
                for f in self.columns]

    def insert_sql(self, table: str, *, or_ignore: bool = False) -> str:
        """The statement that stores one record (``values``) in ``table``."""
        names = ", ".join(self.column(f) for f in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        verb = "INSERT OR IGNORE INTO" if or_ignore else "INSERT INTO"
        return f"{verb} {table} ({names}) VALUES ({marks})"
