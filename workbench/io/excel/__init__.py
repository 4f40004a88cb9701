"""Excel out and back: the allocation workbook, the candidate submission template, re-imports.

Qt-free (openpyxl to write, python-calamine to read), so the CLI, the window and tests share it.
The names below are loaded when first used: a module needing one helper of the package (``csv_out``
its ``safe_text``) must not import openpyxl and the whole workbook writer (~0.13 s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.lazy_exports import lazy_exports

_WHERE = {
    "AllocationDiff": "allocation_import",
    "read_allocation_edits": "allocation_import",
    "ExcelImportError": "errors",
    "ExportCancelled": "errors",
    "RowIssue": "errors",
    "build_workbook": "export",
    "export_workbook": "export",
    "CandidateSubmissions": "submission_import",
    "read_candidate_submissions": "submission_import",
    "write_submission_template": "template",
}

__all__ = [
    "AllocationDiff",
    "CandidateSubmissions",
    "ExcelImportError",
    "ExportCancelled",
    "RowIssue",
    "build_workbook",
    "export_workbook",
    "read_allocation_edits",
    "read_candidate_submissions",
    "write_submission_template",
]


__getattr__ = lazy_exports(__name__, _WHERE, globals())


if TYPE_CHECKING:
    from workbench.io.excel.allocation_import import AllocationDiff, read_allocation_edits
    from workbench.io.excel.errors import ExcelImportError, ExportCancelled, RowIssue
    from workbench.io.excel.export import build_workbook, export_workbook
    from workbench.io.excel.submission_import import (
        CandidateSubmissions,
        read_candidate_submissions,
    )
    from workbench.io.excel.template import write_submission_template
