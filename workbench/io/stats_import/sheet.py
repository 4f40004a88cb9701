"""One sheet's cell grid, as every reader of the importer returns it: what table readers take.

Its own module so that the readers (``cells`` for workbooks and web pages, ``text_tables`` for
csv/txt) and the modules that read tables from it (``hidden``, ``table_rows``, ``table_columns``,
…) can all import it without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Merge = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class Sheet:
    """One sheet's cells. ``rows[r][c]`` is the cell at row r, column c (0-based, absolute);
    an empty cell is ``""``. ``merged`` is None when the format cannot tell."""

    name: str
    rows: list[list[Any]]
    merged: list[Merge] | None = None
    width: int = 0
    encoding: str = ""  # csv only
    notes: list[tuple[str, str]] = field(default_factory=list)  # (zh, en) facts about the reading
