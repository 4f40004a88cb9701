"""The UI string table: key -> (Chinese, English), one module per part of the window.

Kept apart from ``i18n`` (which holds the language and the lookup functions) so the table can grow
by topic without any module passing the size limit. Read it through ``i18n.tr``, not directly. A
new key goes in the module of the part of the window that shows it; a key defined in two modules
is refused when the table is built (one of the two texts would silently win).
"""

from __future__ import annotations

from workbench.ui.strings import assumptions, catalogue, fund, projection, sharing, window

Table = dict[str, tuple[str, str]]


def merged(*tables: Table) -> Table:
    """One table from several; a key in two of them raises (say which)."""
    out: Table = {}
    for table in tables:
        twice = out.keys() & table.keys()
        if twice:
            raise KeyError(f"UI string keys defined twice: {sorted(twice)}")
        out.update(table)
    return out


STRINGS: Table = merged(
    window.STRINGS,
    catalogue.STRINGS,
    fund.STRINGS,
    projection.STRINGS,
    assumptions.STRINGS,
    sharing.STRINGS,
)
