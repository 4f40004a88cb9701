"""导入统计数据: file → sheet → preview with what was detected → corrections → report → merge.

The reading is ``workbench.io.stats_import.read_table`` (run in the background); the wizard only
shows what it understood and passes the planner's corrections back as ``ImportOverrides``.
Merging into the project is ``workbench.core.stats_merge.plan_merge``; the conflicts are listed
with a choice each, and the result is pushed as ONE undoable step. Nothing is changed before
the planner presses 完成.

Rooms: ``wizard`` (the controller: state, background reads, the final push), one module per page
(``file_page``, ``preview_page``, ``merge_pages``), ``rows`` (the row-list notation) and, beside the
package, ``dialogs.preview_model`` (the coloured preview table).
"""

from workbench.ui.dialogs.stats_wizard.merge_pages import conflict_cells
from workbench.ui.dialogs.stats_wizard.rows import format_rows, parse_rows
from workbench.ui.dialogs.stats_wizard.wizard import StatsImportWizard

__all__ = ["StatsImportWizard", "conflict_cells", "format_rows", "parse_rows"]
