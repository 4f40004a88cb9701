"""UI strings of the window shell: application, menus, actions, toolbar, docks, files, status bar, settings. key -> (Chinese, English)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # application and title
    "app.title": ("成渝微核规划工作台", "Chengdu–Chongqing Micro-core Workbench"),
    "app.untitled": ("未命名", "untitled"),
    # menus
    "menu.file": ("文件(&F)", "&File"),
    "menu.edit": ("编辑(&E)", "&Edit"),
    "menu.view": ("视图(&V)", "&View"),
    "menu.tools": ("工具(&T)", "&Tools"),
    "menu.help": ("帮助(&H)", "&Help"),
    "menu.recent": ("最近打开", "Recent files"),
    "menu.recent.empty": ("（无）", "(none)"),
    # actions
    "act.new": ("新建项目", "New project"),
    "act.open": ("打开…", "Open…"),
    "act.save": ("保存", "Save"),
    "act.save_as": ("另存为…", "Save as…"),
    "act.quit": ("退出", "Quit"),
    "act.undo": ("撤销", "Undo"),
    "act.redo": ("重做", "Redo"),
    "act.find": ("查找候选…", "Find candidates…"),
    "act.settings": ("设置…", "Settings…"),
    "act.about": ("关于", "About"),
    "act.import_statistics": ("导入统计数据…", "Import statistics…"),
    "act.export_allocations": ("导出分配表…", "Export allocation workbook…"),
    "act.import_allocations": ("导入修改后的分配表…", "Import edited allocation workbook…"),
    "act.export_template": ("导出申报模板…", "Export submission template…"),
    "act.import_candidates": ("导入候选申报表…", "Import candidate submissions…"),
    "act.reset_layout": ("恢复默认布局", "Reset layout"),
    # docks
    "dock.catalogue": ("候选库", "Catalogue"),
    "dock.fund": ("基金", "Fund"),
    "dock.allocations": ("分配", "Allocations"),
    "dock.parks": ("园区", "Parks"),
    "dock.problems": ("问题", "Problems"),
    "dock.history": ("撤销历史", "Undo history"),
    "dock.regions": ("地区", "Regions"),
    "dock.projection": ("预测", "Projections"),
    "dock.map": ("地图", "Map"),
    "dock.sensitivity": ("敏感性", "Sensitivity"),
    # toolbar and status
    "toolbar.main": ("主工具栏", "Main toolbar"),
    "toolbar.scenario": ("方案：", "Scenario:"),
    "status.fund": (
        "基金已分配 {used:,.2f} 亿元 / 剩余 {left:,.2f} 亿元（规模 {size:,.2f} 亿元）",
        "Fund allocated {used:,.2f} / left {left:,.2f} (size {size:,.2f}) 100M yuan",
    ),
    "status.problems": (
        "问题：{errors} 个错误，{warnings} 个警告",
        "Problems: {errors} errors, {warnings} warnings",
    ),
    "status.illustrative": ("含示例数据", "contains illustrative data"),
    "history.clean": ("<打开时的状态>", "<as opened>"),
    # common
    "all": ("全部", "All"),
    "unlimited": ("无限制", "no limit"),
    "illustrative": ("示例", "illustrative"),
    "illustrative.tip": (
        "示例：虚构数据，仅用于演示",
        "Illustrative: invented data for demonstration",
    ),
    "btn.add": ("添加", "Add"),
    "btn.delete": ("删除", "Delete"),
    "error.title": ("错误", "Error"),
    "warning.title": ("警告", "Warning"),
    "info.title": ("提示", "Information"),
    "edit.rejected": ("输入无效：{reason}", "Invalid input: {reason}"),
    "edit.negative": (
        "{what}不能为负数（输入 {value}）",
        "{what} must not be negative (entered {value})",
    ),
    "edit.not_number": ("“{value}”不是数字", "{value!r} is not a number"),
    "edit.range": (
        "{what}应在 {lo:g}–{hi:g} 之间（输入 {value}）",
        "{what} must be between {lo:g} and {hi:g} (entered {value})",
    ),
    "edit.failed": ("修改未生效：{reason}", "The change was not applied: {reason}"),
    # problems
    "problems.none": ("没有问题", "No problems"),
    "problems.computing": ("计算中…（正在检查项目）", "Computing… (checking the project)"),
    "status.problems.computing": ("问题：计算中…", "Problems: computing…"),
    # files
    "file.filter": (
        "工作台项目 (*.wbp);;所有文件 (*)",
        "Workbench projects (*.wbp);;All files (*)",
    ),
    "file.open.title": ("打开项目", "Open project"),
    "file.save.title": ("保存项目", "Save project"),
    "file.open.failed": (
        "打开失败，当前项目保持不变。\n\n{zh}\n\n{en}",
        "Could not open the file; the current project is unchanged.\n\n{en}\n\n{zh}",
    ),
    "file.save.failed": (
        "保存失败，文件未改动：\n{reason}",
        "Could not save; the file was not changed:\n{reason}",
    ),
    "file.unsaved.title": ("未保存的修改", "Unsaved changes"),
    "file.unsaved.text": (
        "“{name}”有未保存的修改。是否保存？",
        "{name} has unsaved changes. Save them?",
    ),
    "file.locked.title": ("项目已在别处打开", "Project already open"),
    "file.locked.text": (
        "此项目似乎已在另一个工作台窗口中打开（{host}，进程 {pid}，自 {since}）。\n"
        "两个窗口同时保存会互相覆盖。仍要打开吗？",
        "This project seems to be open in another workbench window ({host}, process {pid}, since {since}).\n"
        "Two windows saving would overwrite each other. Open it anyway?",
    ),
    "file.recover.title": ("恢复未保存的工作", "Recover unsaved work"),
    "file.recover.text": (
        "上次工作台意外退出，留下了“{name}”未保存的修改（自动保存于 {when}）。是否恢复？\n"
        "不恢复将删除这份恢复文件。",
        "The workbench did not close normally last time; unsaved changes to {name} were autosaved at {when}. "
        "Restore them?\nDeclining deletes the recovery file.",
    ),
    "file.recovered": (
        "已恢复未保存的修改，请检查后保存",
        "Unsaved changes restored; review and save",
    ),
    "file.recover.damaged": (
        "注意：恢复信息已损坏（{reason}），仍可尝试恢复；文件在 {path}",
        "Note: the recovery record is damaged ({reason}); recovery may still work; files at {path}",
    ),
    "file.recover.partial": (
        "（最后的修改记录不完整，已恢复到其之前：{reason}）",
        " (the last recorded change was incomplete; restored up to it: {reason})",
    ),
    "file.recover.failed": (
        "恢复文件无法读取，已保留在 {path}：{reason}",
        "The recovery file cannot be read; it was kept at {path}: {reason}",
    ),
    "file.changed.title": ("文件已在磁盘上被修改", "File changed on disk"),
    "file.changed.text": (
        "{path} 在本窗口打开（或上次保存）之后已被另一个窗口或程序修改。\n"
        "直接保存会覆盖那些修改。要怎么做？",
        "{path} was changed by another window or program since this window opened (or last "
        "saved) it.\nSaving now would overwrite those changes. What do you want to do?",
    ),
    "file.changed.reload": ("重新载入", "Reload"),
    "file.changed.save_as": ("另存为…", "Save As…"),
    "file.changed.overwrite": ("覆盖", "Overwrite"),
    "file.saved": ("已保存到 {path}", "Saved to {path}"),
    "file.opened": ("已打开 {path}", "Opened {path}"),
    "file.sample_readonly": (
        "这是内置示例项目，请用“另存为”保存副本",
        "This is the bundled sample; use Save As to keep a copy",
    ),
    "file.drop.unknown": (
        "无法打开 {name}：只接受 .wbp 项目或 .xlsx/.xls/.csv 表格",
        "Cannot open {name}: only .wbp projects or .xlsx/.xls/.csv tables are accepted",
    ),
    # 参数 (assumptions) panel
    "dock.assumptions": ("参数", "Parameters"),
    # scenarios
    "menu.scenario": ("方案(&S)", "&Scenario"),
    "act.scenario_new": ("新建空白方案…", "New empty scenario…"),
    "act.scenario_copy": ("复制当前方案…", "Copy current scenario…"),
    "act.scenario_rename": ("重命名方案…", "Rename scenario…"),
    "act.scenario_delete": ("删除方案…", "Delete scenario…"),
    "act.scenario_describe": ("编辑方案说明…", "Edit scenario description…"),
    # MRIO
    "act.mrio_load": ("载入区域间投入产出表…", "Load multi-regional input–output table…"),
    "act.mrio_reset": ("恢复默认溢出网络", "Restore default spillover network"),
    # settings
    "settings.title": ("设置", "Settings"),
    "settings.language": ("界面语言", "Interface language"),
    "settings.restart": ("语言将在重新启动后生效", "The language applies after a restart"),
    "about.text": (
        "成渝微核规划工作台 {version}\n为成渝地区双城经济圈微核单元、微核股权基金与园区共建规划而设计。\n"
        "标注“示例”的数据为虚构，仅用于演示。",
        "Chengdu–Chongqing Micro-core Workbench {version}\nPlanning micro-core units, the micro-core "
        "equity fund and park co-construction.\nData marked illustrative is invented for demonstration.",
    ),
}
