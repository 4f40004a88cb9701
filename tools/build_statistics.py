"""Turn the shared transcribed statistics into one tidy, code-keyed table with source and vintage.

    python tools/build_statistics.py ../shared/data/raw

Output: resources/statistics/region_statistics.csv (code, indicator, year, value, unit, source,
vintage, trust). Names are resolved with the gazetteer; a row naming a unit that no longer exists
(e.g. 万盛区 before its 2011 merger) is left out rather than credited to its successor.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.core.gazetteer import default_gazetteer

OUT = Path(__file__).resolve().parents[1] / "resources" / "statistics" / "region_statistics.csv"
FIELDS = ["code", "indicator", "year", "value", "unit", "source", "vintage", "trust"]


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def main(raw: Path) -> None:
    g = default_gazetteer()
    rows: list[dict[str, object]] = []
    skipped: list[str] = []

    def code(name: str) -> str | None:
        r = g.lookup(name)
        if r.code is None or r.matched_by.startswith("alias:former_unit"):
            skipped.append(name)
            return None
        return r.code

    def add(
        c: str | None,
        ind: str,
        year: int,
        value: str,
        unit: str,
        source: str,
        vintage: str,
        trust: str,
        scale: float = 1.0,
    ) -> None:
        if c is None or value in ("", None):
            return
        rows.append(
            {
                "code": c,
                "indicator": ind,
                "year": year,
                "value": round(float(value) * scale, 6),
                "unit": unit,
                "source": source,
                "vintage": vintage,
                "trust": trust,
            }
        )

    t = raw / "transcribed"
    src = "四川统计年鉴2019 表02-10/02-11/08-03/08-04（第三方转录）"
    for r in read(t / "sichuan_2018_city_gdp_fiscal__sc_yearbook2019.csv"):
        c = r["city_code"]
        add(c, "gdp", 2018, r["gdp_100m_yuan"], "亿元", src, "2019年鉴", "B")
        add(c, "gdp_index", 2018, r["gdp_index_prev_year_eq_100"], "上年=100", src, "2019年鉴", "B")
        add(
            c,
            "fiscal_revenue",
            2018,
            r["general_public_budget_revenue_10k_yuan"],
            "亿元",
            src + "；原单位万元",
            "2019年鉴",
            "B",
            1e-4,
        )
        add(
            c,
            "fiscal_expenditure",
            2018,
            r["general_public_budget_expenditure_10k_yuan"],
            "亿元",
            src + "；原单位万元",
            "2019年鉴",
            "B",
            1e-4,
        )
    src = "中证鹏元评级报告（2024-07-30）表2（第三方转录）"
    for r in read(t / "sichuan_2023_city_partial__cspengyuan_report.csv"):
        c = code(r["city"])
        add(c, "gdp", 2023, r["gdp_100m_yuan"], "亿元", src, "2023 初步", "B/C")
        add(c, "gdp_growth", 2023, r["gdp_real_growth_pct"], "%", src, "2023 初步", "B/C")
        add(
            c,
            "fiscal_revenue",
            2023,
            r["general_public_budget_revenue_100m_yuan"],
            "亿元",
            src,
            "2023 初步",
            "B/C",
        )
    src = "四川省统计局 第六次人口普查公报（2011-05-06）"
    for r in read(t / "sichuan_2010_census_city_population__sc_stats_bureau.csv"):
        add(
            code(r["region_as_published"]),
            "population",
            2010,
            r["resident_population_persons"],
            "万人",
            src + "；原单位人",
            "六普 初步汇总",
            "A-",
            1e-4,
        )
    src = "maigoo.com/news/661116.html（第三方汇编，页面截断）"
    for r in read(t / "chongqing_district_gdp_2018_2022_partial__maigoo.csv"):
        c = code(r["region"])
        for y in range(2018, 2023):
            add(c, "gdp", y, r[f"gdp_{y}_100m_yuan"], "亿元", src, "修订（四经普后）", "C")
    src = "ttpaihang.com 2020-03 转载重庆各区县2018年GDP"
    for r in read(t / "chongqing_district_gdp_2018_preliminary__ttpaihang.csv"):
        c = code(r["region_as_published"])
        add(c, "gdp", 2018, r["gdp_2018_100m_yuan"], "亿元", src, "2018 初步核算（四经普前）", "C")
        add(c, "gdp_growth", 2018, r["growth_pct"], "%", src, "2018 初步核算（四经普前）", "C")
    src = "m.phb7.com.cn 转载重庆区县2019年GDP"
    for r in read(t / "chongqing_district_gdp_2019_preliminary_partial__phb7.csv"):
        add(code(r["region"]), "gdp", 2019, r["gdp_2019_100m_yuan"], "亿元", src, "2019 初步", "C")
    src = "smilingsouls.net 转录第七次人口普查区县数据"
    for r in read(t / "chongqing_2020_census_district_population_partial__smilingsouls.csv"):
        add(
            code(r["region"]),
            "population",
            2020,
            r["resident_population_persons_2020_11_01"],
            "万人",
            src + "；原单位人",
            "七普（2020-11-01）",
            "C",
            1e-4,
        )
    src = "重庆市第六次人口普查资料 表1-6（tjj.cq.gov.cn）"
    for r in read(t / "chongqing_2010_census_table1-6_partial__cq_stats_bureau.csv"):
        name = r["region_as_published_with_indent"]
        if not name.startswith("  "):
            continue  # totals and subtotals
        c = code(name)
        if c and g.divisions[c].name == name.strip():  # only units that still exist unchanged
            add(c, "population", 2010, r["total"], "万人", src + "；原单位人", "六普", "A", 1e-4)
        elif c:
            skipped.append(name.strip() + "（已改名/调整）")
    ind_map = {
        "地区生产总值": "gdp",
        "第一产业增加值": "gdp_primary",
        "第二产业增加值": "gdp_secondary",
        "第三产业增加值": "gdp_tertiary",
        "常住人口(七普)": "population",
        "年末常住人口": "population",
        "常住人口(六普)": "population",
    }
    last_url = ""
    for r in read(t / "region_totals_confirmed__news_and_official.csv"):
        url = r["source_url"] if r["source_url"] != "same" else last_url
        last_url = url
        ind = ind_map.get(r["indicator"])
        c = g.lookup(r["region"]).code if ind else None
        if not c or g.lookup(r["region"]).matched_by != "name":
            continue  # metro areas and groupings are not regions of the gazetteer
        scale = 1e-4 if r["unit"] == "人" else 1.0
        unit = "万人" if ind == "population" else r["unit"]
        vintage = r["note"].split(";")[0] or "官方发布"
        add(
            c,
            ind,
            int(r["year"]),
            r["value"],
            unit,
            f"{url}" + ("；原单位人" if scale != 1 else ""),
            vintage,
            "B",
            scale,
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} values to {OUT}; skipped names: {sorted(set(skipped))}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/raw"))
