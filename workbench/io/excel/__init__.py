"""Excel out and back: the allocation workbook, the candidate submission template, re-imports.

Qt-free (openpyxl to write, python-calamine to read), so the CLI, the window and tests share it.
"""

from workbench.io.excel.allocation_import import AllocationDiff, read_allocation_edits
from workbench.io.excel.errors import ExcelImportError, ExportCancelled, RowIssue
from workbench.io.excel.export import build_workbook, export_workbook
from workbench.io.excel.submission_import import CandidateSubmissions, read_candidate_submissions
from workbench.io.excel.template import write_submission_template

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
