"""UI strings of the 利益分享 panel (issue 14), merged into ``strings.STRINGS``: kept in their own
module so the shared table takes a two-line hunk."""

from __future__ import annotations

SHARING_STRINGS: dict[str, tuple[str, str]] = {
    "dock.sharing": ("利益分享", "Benefit sharing"),
    "share.add": ("新建协议", "New agreement"),
    "share.delete": ("删除协议", "Delete agreement"),
    "share.add_text": ("新建利益分享协议“{name}”", "Add agreement {name}"),
    "share.delete_text": ("删除利益分享协议“{name}”", "Delete agreement {name}"),
    "share.edit_text": ("修改协议“{name}”的{field}", "Change {field} of {name}"),
    "share.new_name": ("新利益分享协议", "New agreement"),
    "share.none": ("（没有协议）", "(no agreement)"),
    "share.name": ("名称", "Name"),
    "share.coverage": ("覆盖对象", "Covers"),
    "share.park": ("园区", "Park"),
    "share.units": ("覆盖项目", "Units covered"),
    "share.parties": ("参与方", "Parties"),
    "share.gdp_rule": ("GDP 统计规则", "GDP rule"),
    "share.settlement": ("结算方式", "Settlement"),
    "share.start": ("起始年", "Start year"),
    "share.sunset": ("截止年（之后归属地）", "Sunset year (then by location)"),
    "share.open": ("不限", "open"),
    "share.existing": ("存量税收（留属地）", "Existing tax (stays)"),
    "share.gdp_split": ("GDP 分算比例（%）", "GDP split (%)"),
    "share.tax_split": (
        "新增地方税收分成（%，按年，各税种）",
        "Local new-tax split (%, by year, all taxes)",
    ),
    "share.assumed": (
        "默认协议（假设）：异地流转项目未签协议时，迁出地在前 {years} 年分享新增地方税收的 {share}%",
        "Default agreement (assumption): a relocated project without an agreement shares {share}% "
        "of its new local tax with its origin for {years} years",
    ),
    "share.central_note": (
        "只分配地方分享部分；中央分享部分（增值税 50%、企业所得税 60%）不随协议改变。",
        "Only the local share is divided; the central share (VAT 50 %, CIT 60 %) never moves.",
    ),
    "share.year": ("年份", "Year"),
    "share.all_years": ("全部年份", "All years"),
    "share.tab.statistics": ("统计分算", "GDP booking"),
    "share.tab.tax": ("税收结算", "Tax settlement"),
    "share.tab.transfers": ("财政转移", "Transfers"),
    "share.tab.fund": ("基金账户", "Fund accounts"),
    "share.fund_perf": (
        "基金（{scenario}）：实缴 {paid:.2f} 亿元，已分配 {got:.2f} 亿元，DPI {dpi:.2f}，IRR {irr:.1f}%"
        "（退出年限、倍数、分红率均为假设）",
        "Fund ({scenario}): paid in {paid:.2f}, distributed {got:.2f} (亿元), DPI {dpi:.2f}, "
        "IRR {irr:.1f}% (exit years, multiples and yields are assumptions)",
    ),
    "share.col.agreement": ("协议", "Agreement"),
    "share.col.party": ("参与方", "Party"),
    "share.col.rule": ("规则", "Rule"),
    "share.col.unit_gdp": ("单元 GDP", "Unit GDP"),
    "share.col.share": ("比例 %", "Share %"),
    "share.col.booked": ("计入 GDP", "GDP booked"),
    "share.col.summable": ("可加总", "Summable"),
    "share.col.tax": ("税种", "Tax"),
    "share.col.collected": ("本地征收", "Collected here"),
    "share.col.owed": ("应得", "Owed"),
    "share.col.net": ("净额", "Net"),
    "share.col.from": ("付出方", "From"),
    "share.col.to": ("收入方", "To"),
    "share.col.amount": ("金额（亿元）", "Amount (亿元)"),
    "share.col.method": ("方式", "Method"),
    "share.col.city": ("城市", "City"),
    "share.col.paid_in": ("实缴", "Paid in"),
    "share.col.invested_in": ("投入本地", "Invested in it"),
    "share.col.received": ("收回", "Received back"),
    "share.col.net_position": ("净头寸", "Net position"),
    "share.yes": ("是", "yes"),
    "share.no": ("否", "no"),
}
