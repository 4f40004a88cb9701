"""UI strings in Chinese (default) and English.

The language is chosen once at start-up from the settings (设置 → 语言 applies after a restart), so
widgets read their text when they are built and never need re-translating live. Keys are English
identifiers; a missing key is a bug and raises.
"""

from __future__ import annotations

from workbench.core.enums import Labelled
from workbench.core.sectors import sector_label

_lang = "zh"

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
    "dock.projection": ("预测", "Projections"),
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
    "unit.yi": ("亿元", "100M yuan"),
    "unit.yi_per_year": ("亿元/年", "100M yuan/yr"),
    "unit.people": ("人", "persons"),
    "unit.pct": ("%", "%"),
    "unit.points": ("分", "pts"),
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
    # catalogue
    "cat.filter.city": ("城市", "City"),
    "cat.filter.type": ("类型", "Type"),
    "cat.filter.sector": ("产业", "Sector"),
    "cat.filter.status": ("状态", "Status"),
    "cat.filter.text": ("搜索名称、编号、备注…", "Search name, id, notes…"),
    "cat.count": ("显示 {shown} / {total} 个候选", "Showing {shown} of {total} candidates"),
    "cat.weights": ("评分权重（相对值）", "Score weights (relative)"),
    "cat.shortlist": ("入围", "Shortlist"),
    "cat.approve": ("批准", "Approve"),
    "cat.reject": ("否决", "Reject"),
    "cat.reason.title": ("决策理由", "Reason"),
    "cat.reason.prompt": (
        "将 {n} 个候选设为“{status}”的理由（记入决策记录）：",
        "Reason for setting {n} candidate(s) to {status} (kept in the decision log):",
    ),
    "cat.delete.confirm": (
        "删除候选“{name}”及其链接和分配？可撤销。",
        "Delete candidate {name} with its links and allocations? This can be undone.",
    ),
    "cat.new_name": ("新候选", "New candidate"),
    "cat.add.title": ("添加候选", "Add candidate"),
    "cat.status_many": ("设置 {n} 个候选为{status}", "Set {n} candidates to {status}"),
    "cat.delete_text": ("删除候选“{name}”", "Delete candidate {name}"),
    "cat.add_text": ("添加候选“{name}”", "Add candidate {name}"),
    "cat.edit_text": ("修改“{name}”的{field}", "Change {field} of {name}"),
    "cat.weight_text": ("修改评分权重“{name}”", "Change weight of {name}"),
    "cat.links": ("产业链链接（选中候选相关）", "Chain links (of the selected candidate)"),
    "cat.link.add": ("添加链接", "Add link"),
    "cat.link.delete": ("删除链接", "Delete link"),
    "cat.link.need_two": (
        "请先在候选表中选中两个候选（链接的起点和终点）",
        "Select two candidates first (source and target)",
    ),
    "cat.link.add_text": ("添加链接 {source} → {target}", "Add link {source} → {target}"),
    "cat.link.delete_text": ("删除链接 {id}", "Delete link {id}"),
    "cat.link.edit_text": ("修改链接 {id} 的{field}", "Change {field} of link {id}"),
    "col.id": ("编号", "ID"),
    "col.name": ("名称", "Name"),
    "col.illustrative": ("示例", "Illustr."),
    "col.type": ("类型", "Type"),
    "col.city": ("城市", "City"),
    "col.region": ("区县", "District"),
    "col.sector": ("产业", "Sector"),
    "col.status": ("状态", "Status"),
    "col.score": ("加权评分（分）", "Weighted score (pts)"),
    "col.requested": ("申请资金（亿元）", "Requested (100M yuan)"),
    "col.output": ("现状产出（亿元/年）", "Output (100M yuan/yr)"),
    "col.jobs": ("现状就业（人）", "Jobs (persons)"),
    "col.tax": ("现状税收（亿元/年）", "Tax (100M yuan/yr)"),
    "col.criterion": ("{label}（分）", "{label} (pts)"),
    "col.notes": ("备注", "Notes"),
    "col.source": ("起点", "Source"),
    "col.target": ("终点", "Target"),
    "col.kind": ("链类型", "Kind"),
    "col.strength": ("强度（0–1）", "Strength (0–1)"),
    "col.instrument": ("投入方式", "Instrument"),
    "col.year_amount": ("{year} 年（亿元）", "{year} (100M yuan)"),
    "col.total": ("合计（亿元）", "Total (100M yuan)"),
    "col.region_name": ("出资方", "Contributor"),
    "col.amount": ("出资（亿元）", "Amount (100M yuan)"),
    "col.ratio": ("出资比例（%）", "Share (%)"),
    "col.year": ("年份", "Year"),
    "col.tranche": ("当年开放（亿元）", "Tranche (100M yuan)"),
    "col.allocated": ("当年分配（亿元）", "Allocated (100M yuan)"),
    "col.cum_available": ("累计开放（亿元）", "Opened to date (100M yuan)"),
    "col.cum_allocated": ("累计分配（亿元）", "Allocated to date (100M yuan)"),
    "col.left": ("剩余可用（亿元）", "Left (100M yuan)"),
    "col.party": ("合作方", "Party"),
    "col.share": ("比例（%）", "Share (%)"),
    "col.severity": ("级别", "Severity"),
    "col.message": ("问题", "Problem"),
    "col.where": ("位置", "Where"),
    "col.park": ("园区", "Park"),
    "col.model": ("模式", "Model"),
    "col.host": ("所在地", "Host"),
    # allocations
    "alloc.only_filled": ("只显示有分配的行", "Only rows with allocations"),
    "alloc.filter.text": ("筛选候选…", "Filter candidates…"),
    "alloc.edit_text": ("修改“{name}”的 {year} 年分配", "Change {year} allocation of {name}"),
    "alloc.breach_tip": ("违反规则：", "Rule breaches:"),
    "alloc.what": ("分配金额", "allocation amount"),
    # fund
    "fund.size": ("基金规模", "Fund size"),
    "fund.fee": ("管理费率", "Management fee"),
    "fund.leverage": ("社会资本撬动倍数", "Leverage"),
    "fund.leverage.suffix": (" 倍", " ×"),
    "fund.rules": ("投资决策委员会规则", "Investment committee rules"),
    "fund.contributions": ("各方出资", "Contributions"),
    "fund.by_year": ("分期与分配（当前方案）", "Tranches and allocations (current scenario)"),
    "fund.sum_ok": (
        "出资合计 {total:,.2f} 亿元，与基金规模一致",
        "Contributions total {total:,.2f} (100M yuan), matching the fund size",
    ),
    "fund.sum_bad": (
        "出资合计 {total:,.2f} 亿元，与基金规模 {size:,.2f} 亿元相差 {diff:+,.2f} 亿元",
        "Contributions total {total:,.2f}, fund size {size:,.2f}: off by {diff:+,.2f} (100M yuan)",
    ),
    "fund.max_project_share": ("单个项目上限", "Max per project"),
    "fund.max_investee_equity": ("单一被投企业持股上限", "Max investee equity"),
    "fund.default_city_limit": ("单个城市上限", "Max per city"),
    "fund.min_return_share": ("返投比例下限", "Min return share"),
    "fund.tranche_gate": ("分期投放门槛", "Tranche gate"),
    "fund.type_limit": ("{type}类上限", "Limit for {type}"),
    "fund.add_contribution": ("添加出资方", "Add contributor"),
    "fund.remove_contribution": ("删除出资方", "Remove contributor"),
    "fund.edit_text": ("修改{field}", "Change {field}"),
    "fund.contribution_text": ("修改 {name} 的出资", "Change contribution of {name}"),
    "fund.add_contribution_text": ("添加出资方 {name}", "Add contributor {name}"),
    "fund.remove_contribution_text": ("删除出资方 {name}", "Remove contributor {name}"),
    "fund.tranche_text": ("修改 {year} 年分期", "Change the {year} tranche"),
    # parks
    "park.name": ("名称", "Name"),
    "park.model": ("模式", "Model"),
    "park.host": ("所在地（飞入地/承载地）", "Host (where the land is)"),
    "park.partners": ("合作方", "Partners"),
    "park.area": ("面积", "Area"),
    "park.sector": ("主导产业", "Lead sector"),
    "park.gdp_rule": ("GDP 统计规则", "GDP rule"),
    "park.existing_tax": ("存量税收（留所在地）", "Existing tax base (stays with host)"),
    "park.fixed_rate": ("固定回报率", "Fixed return rate"),
    "park.fixed_years": ("固定回报年限", "Fixed-return years"),
    "park.fixed_years.suffix": (" 年", " yr"),
    "park.investment": ("分年投资（亿元）", "Investment by year (100M yuan)"),
    "park.gdp_split": ("GDP 分计比例（%）", "GDP split (%)"),
    "park.tax_split": ("新增税收分成（%，按年）", "New-tax split (%, by year)"),
    "park.equity": ("合资公司股比（%）", "Joint-company equity (%)"),
    "park.notes": ("备注", "Notes"),
    "park.sum": ("合计", "Sum"),
    "park.add": ("添加园区", "Add park"),
    "park.delete": ("删除园区", "Delete park"),
    "park.new_name": ("新园区", "New park"),
    "park.edit_text": ("修改园区“{name}”的{field}", "Change {field} of park {name}"),
    "park.add_text": ("添加园区“{name}”", "Add park {name}"),
    "park.delete_text": ("删除园区“{name}”", "Delete park {name}"),
    "park.in_scenario": ("纳入当前方案", "In current scenario"),
    "park.none": ("（未选择园区）", "(no park selected)"),
    "park.no_fixed": ("无", "none"),
    "park.investment_row": ("投资", "Investment"),
    # problems
    "problems.none": ("没有问题", "No problems"),
    "problems.computing": ("计算中…（正在检查项目）", "Computing… (checking the project)"),
    "status.problems.computing": ("问题：计算中…", "Problems: computing…"),
    "network.computing": ("区域外溢网络：计算中…", "Regional spillover network: computing…"),
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
    "assumption.col.label": ("参数", "Parameter"),
    "assumption.col.key": ("键", "Key"),
    "assumption.col.value": ("取值", "Value"),
    "assumption.col.override": ("方案覆盖（{scenario}）", "Scenario override ({scenario})"),
    "assumption.col.unit": ("单位", "Unit"),
    "assumption.col.source": ("来源", "Source"),
    "assumption.none": ("假设（无公开来源）", "assumption (no public source)"),
    "assumption.group.tax": ("税收", "Tax"),
    "assumption.group.instrument": ("投资工具", "Instruments"),
    "assumption.group.ramp": ("爬坡（达产进度）", "Ramp-up"),
    "assumption.group.spillover": ("外溢", "Spillover"),
    "assumption.group.park": ("园区", "Parks"),
    "assumption.group.sector": ("产业系数", "Sector coefficients"),
    "assumption.group.additionality": ("额外性（毛转净）", "Additionality (gross to net)"),
    "assumption.group.timing": ("时滞与爬坡", "Lags and ramp-up"),
    "assumption.group.baseline": ("基线", "Baseline"),
    "assumption.group.other": ("其他", "Other"),
    "assumption.group.count": ("{group}（{n} 项）", "{group} ({n})"),
    "assumption.search": ("筛选参数（名称或键）", "Filter parameters (name or key)"),
    "assumption.tip.unit": ("单位：{unit}", "Unit: {unit}"),
    "assumption.tip.source": ("来源：{source}", "Source: {source}"),
    "assumption.tip.assumption": (
        "来源：无公开来源，这是团队的假设，请按本地资料校准",
        "Source: none public; this is the team's assumption, calibrate it with local data",
    ),
    "assumption.tip.override": (
        "方案“{scenario}”中覆盖为 {value} {unit}（清空覆盖列即恢复项目取值）",
        "Overridden in scenario {scenario} as {value} {unit} (clear the override cell to use the project value)",
    ),
    "assumption.tip.unused_with_mrio": (
        "已载入投入产出表：区域网络参数暂不使用",
        "An input–output table is loaded: region network parameters are not used",
    ),
    "assumption.tip.edit": (
        "双击“取值”“方案覆盖”或“来源”可编辑",
        "Double-click Value, Scenario override or Source to edit",
    ),
    "assumption.value_text": ("修改参数“{label}”", "Change parameter {label}"),
    "assumption.source_text": ("修改参数“{label}”的来源", "Change the source of {label}"),
    "assumption.override_text": (
        "修改方案“{scenario}”中“{label}”的覆盖值",
        "Override {label} in scenario {scenario}",
    ),
    "assumption.clear_override_text": (
        "清除方案“{scenario}”中“{label}”的覆盖值",
        "Clear the override of {label} in scenario {scenario}",
    ),
    "assumption.positive": (
        "{what} 必须大于 0（输入为“{value}”）",
        "{what} must be greater than 0 (got {value!r})",
    ),
    "assumption.no_scenario": ("没有当前方案，无法覆盖参数", "No current scenario to override in"),
    "network.default": (
        "区域外溢网络：默认（县级相邻关系 + 距离衰减；外溢比例 {share:g}%，衰减尺度 {decay:g} km）",
        "Spillover network: default (county adjacency + distance decay; share {share:g}%, decay length {decay:g} km)",
    ),
    "network.mrio": (
        "区域外溢网络：载入的投入产出表“{name}”（{n} 个地区 × {n} 个地区{source}）",
        "Spillover network: loaded input–output table {name} ({n} × {n} regions{source})",
    ),
    "network.mrio.source": ("；来源：{source}", "; source: {source}"),
    "scenario.description": ("方案“{name}”：{description}", "Scenario {name}: {description}"),
    "scenario.no_description": ("（无说明）", "(no description)"),
    # scenarios
    "menu.scenario": ("方案(&S)", "&Scenario"),
    "act.scenario_new": ("新建空白方案…", "New empty scenario…"),
    "act.scenario_copy": ("复制当前方案…", "Copy current scenario…"),
    "act.scenario_rename": ("重命名方案…", "Rename scenario…"),
    "act.scenario_delete": ("删除方案…", "Delete scenario…"),
    "act.scenario_describe": ("编辑方案说明…", "Edit scenario description…"),
    "scenario.new.title": ("新建方案", "New scenario"),
    "scenario.copy.title": ("复制方案", "Copy scenario"),
    "scenario.rename.title": ("重命名方案", "Rename scenario"),
    "scenario.name.prompt": ("方案名称：", "Scenario name:"),
    "scenario.describe.title": ("方案说明", "Scenario description"),
    "scenario.describe.prompt": ("方案“{name}”的说明：", "Description of scenario {name}:"),
    "scenario.default_name": ("新方案 {n}", "New scenario {n}"),
    "scenario.copy_name": ("{name}（副本）", "{name} (copy)"),
    "scenario.copy_description": (
        "复制自“{name}”。{description}",
        "Copied from {name}. {description}",
    ),
    "scenario.name.empty": ("方案名称不能为空", "The scenario name cannot be empty"),
    "scenario.name.duplicate": ("已有名为“{name}”的方案", "A scenario named {name} already exists"),
    "scenario.new_text": ("新建方案“{name}”", "New scenario {name}"),
    "scenario.copy_text": ("复制方案“{source}”为“{name}”", "Copy scenario {source} as {name}"),
    "scenario.rename_text": ("将方案“{old}”重命名为“{name}”", "Rename scenario {old} to {name}"),
    "scenario.delete_text": ("删除方案“{name}”", "Delete scenario {name}"),
    "scenario.describe_text": ("修改方案“{name}”的说明", "Change the description of {name}"),
    "scenario.delete.title": ("删除方案", "Delete scenario"),
    "scenario.delete.confirm": (
        "删除方案“{name}”及其 {n} 条分配？可以撤销。",
        "Delete scenario {name} and its {n} allocations? This can be undone.",
    ),
    "scenario.delete.last": (
        "方案“{name}”是项目中唯一的方案，不能删除",
        "Scenario {name} is the project's only scenario and cannot be deleted",
    ),
    # MRIO
    "act.mrio_load": ("载入区域间投入产出表…", "Load multi-regional input–output table…"),
    "act.mrio_reset": ("恢复默认溢出网络", "Restore default spillover network"),
    "mrio.open.title": ("选择区域间投入产出表", "Choose a multi-regional input–output table"),
    "mrio.load_text": ("载入投入产出表“{name}”", "Load input–output table {name}"),
    "mrio.reset_text": ("恢复默认溢出网络", "Restore default spillover network"),
    "mrio.loaded": (
        "已载入投入产出表“{name}”（{n} 个地区），预测改用该表计算外溢",
        "Loaded input–output table {name} ({n} regions); projections now use it for spillover",
    ),
    "mrio.reading": ("正在读取投入产出表…", "Reading the input–output table…"),
    "mrio.cancelled": (
        "已取消载入投入产出表，项目未改变。",
        "Loading the input–output table was cancelled; the project is unchanged.",
    ),
    "mrio.none": ("当前已使用默认溢出网络", "The default spillover network is already in use"),
    "mrio.error.title": ("无法载入投入产出表", "Cannot load the input–output table"),
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
    # projection views
    "proj.metric": ("指标", "Metric"),
    "proj.basis.tip": (
        "属地：计入所在地；统计：按园区 GDP 分计规则；财政：按税收分成",
        "Location: where it happens; statistical: park GDP rules; fiscal: tax sharing",
    ),
    "proj.year": ("年份", "Year"),
    "proj.year.tip": ("按城市图表所示年份", "Year shown in per-city charts"),
    "proj.compare": ("对比", "Compare"),
    "proj.compare.none": ("（不对比）", "(none)"),
    "proj.compare.vs": ("对比", "vs"),
    "proj.compare.legend": ("对比：{name} 合计", "{name} total"),
    "proj.tab.uplift": ("逐年增量", "Uplift by year"),
    "proj.tab.fund": ("出资·投资·效益", "Contributed · invested · benefit"),
    "proj.tab.spillover": ("直接与溢出", "Direct vs spillover"),
    "proj.computing": ("预测计算中…", "Computing projections…"),
    "proj.failed": ("无法计算预测：{error}", "Cannot compute projections: {error}"),
    "proj.nonfinite": (
        "预测结果含无效数值（NaN 或无穷大），图表不予绘制。原因：{cause}",
        "The projections hold values that are not finite numbers (NaN or infinity); nothing is"
        " drawn. Cause: {cause}",
    ),
    "proj.amount": ("金额", "Amount"),
    "proj.fund.title": (
        "各市出资、投资与效益 · {scenario}",
        "Contributed, invested and benefit per city · {scenario}",
    ),
    "proj.fund.none": ("没有出资或投资数据。", "No contributions or investments."),
    "proj.spill.title": ("直接与溢出 · {basis} · {year}", "Direct vs spillover · {basis} · {year}"),
}


def set_language(lang: str) -> None:
    """Choose the UI language for this run (called once at start-up)."""
    global _lang
    _lang = lang if lang in ("zh", "en") else "zh"


def language() -> str:
    return _lang


def english(text: str) -> str:
    """English text as shown: "…" becomes "...". The window's font list starts with Chinese fonts
    (see ``app.FONT_FAMILIES``), whose "…" is centred like "⋯" — "Open⋯" read as Chinese
    punctuation in the English UI. Three dots look the same in every font."""
    return text.replace("…", "...")


def pick(zh: str, en: str) -> str:
    """One of a bilingual pair in the current language: for labels that core data carries in both
    languages (projection vocabulary, enum labels), so no caller keeps its own language flag."""
    return zh if _lang == "zh" else english(en)


def tr(key: str, **fmt: object) -> str:
    zh, en = STRINGS[key]
    text = zh if _lang == "zh" else english(en)
    return text.format(**fmt) if fmt else text


def label(member: Labelled) -> str:
    """The label of an enum member in the UI language."""
    return member.label(_lang)


def sector_name(name: str) -> str:
    """A sector (stored by its Chinese name) in the UI language; see ``core.sectors``."""
    return sector_label(name, _lang)
