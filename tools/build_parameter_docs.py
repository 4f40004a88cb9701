"""Write docs/parameters.md from the shipped parameter table (see workbench.core.param_doc)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.param_doc import render_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "parameters.md"

if __name__ == "__main__":
    DOC.write_text(render_markdown(), encoding="utf-8", newline="\n")
    print(f"wrote {DOC}")
