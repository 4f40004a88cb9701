"""Rebuild resources/gazetteer from the project's shared raw data.

Run by a developer when the shared data changes; the app only reads the output. The raw files are
not shipped as-is because the app needs one code-keyed table per fact (codes, membership, seats,
adjacency), and the shared folder is not present on users' machines.

    python tools/build_gazetteer.py ../shared/data/raw
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "gazetteer"

RENUMBERED = {"513402": "513425"}  # new code -> old code (会理县 became 会理市 in 2021)
OLD_TO_NEW = {v: k for k, v in RENUMBERED.items()}
MODOOD = "github modood/Administrative-divisions-of-China dist/*.csv @57a0aa9c (NBS 统计用区划代码, 截止 2022-10-31)"


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write(name: str, fields: list[str], rows: list[dict[str, object]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(raw: Path) -> None:
    provinces = read(raw / "admin_codes" / "modood_provinces.csv")
    cities = read(raw / "admin_codes" / "modood_cities.csv")
    areas = read(raw / "admin_codes" / "modood_areas.csv")
    divisions: list[dict[str, object]] = []
    for p in provinces:
        divisions.append(
            {"code": p["code"] + "0000", "name": p["name"], "level": "province", "parent": ""}
        )
    for c in cities:
        divisions.append(
            {
                "code": c["code"] + "00",
                "name": c["name"],
                "level": "prefecture",
                "parent": c["provinceCode"] + "0000",
            }
        )
    for a in areas:
        divisions.append(
            {
                "code": a["code"],
                "name": a["name"],
                "level": "county",
                "parent": a["cityCode"] + "00",
            }
        )
    write("divisions_cn.csv", ["code", "name", "level", "parent"], divisions)

    membership = {
        r["county_code"]: r for r in read(raw / "derived" / "cce_membership_county_level.csv")
    }
    centres = {r["code"]: r for r in read(raw / "derived" / "unit_centres_sc_cq__datav_gcj02.csv")}
    by_code = {str(d["code"]): d for d in divisions}
    units: list[dict[str, object]] = []

    def centre(code: str) -> tuple[str, str, str]:
        # The derived seats still use 会理's pre-2021 county code.
        c = centres.get(code) or centres.get(RENUMBERED.get(code, ""))
        return (c["lon_gcj02"], c["lat_gcj02"], c["area_km2_approx"]) if c else ("", "", "")

    for code in ("510000", "500000"):
        d = by_code[code]
        units.append(
            {
                "code": code,
                "name": d["name"],
                "level": "province",
                "parent": "",
                "cce": "partial",  # parts of both provinces are in the circle
                "chengdu_metro": "no",
                "chongqing_metro": "no",
                "cq_grouping": "",
                "lon": "",
                "lat": "",
                "area_km2": "",
            }
        )
    prefectures = [
        d for d in divisions if str(d["code"]).startswith("51") and d["level"] == "prefecture"
    ]
    for d in prefectures:
        code = str(d["code"])
        kids = [m for m in membership.values() if m["county_code"][:4] == code[:4]]
        states = {m["in_cce_2021_outline"] for m in kids}
        cce = "full" if states == {"full"} else ("no" if states == {"no"} else "partial")
        cm = {m["chengdu_metro_2021_plan"] for m in kids} - {"no"}
        cqm = {m["chongqing_metro_plan"] for m in kids}
        lon, lat, area = centre(code)
        units.append(
            {
                "code": code,
                "name": d["name"],
                "level": "prefecture",
                "parent": "510000",
                "cce": cce,
                "chengdu_metro": "core" if "core" in cm else ("extended" if cm else "no"),
                "chongqing_metro": "yes" if "yes" in cqm else "no",
                "cq_grouping": "",
                "lon": lon,
                "lat": lat,
                "area_km2": area,
            }
        )
    for code, m in sorted(membership.items()):
        d = by_code[code]
        parent = "500000" if code.startswith("50") else str(d["parent"])
        lon, lat, area = centre(code)
        units.append(
            {
                "code": code,
                "name": d["name"],
                "level": "county",
                "parent": parent,
                "cce": m["in_cce_2021_outline"],
                "chengdu_metro": m["chengdu_metro_2021_plan"],
                "chongqing_metro": m["chongqing_metro_plan"] or "no",
                "cq_grouping": m["chongqing_2021_regional_grouping"],
                "lon": lon,
                "lat": lat,
                "area_km2": area,
            }
        )
    write(
        "sc_cq_units.csv",
        [
            "code",
            "name",
            "level",
            "parent",
            "cce",
            "chengdu_metro",
            "chongqing_metro",
            "cq_grouping",
            "lon",
            "lat",
            "area_km2",
        ],
        units,
    )

    adj = read(raw / "derived" / "county_adjacency_sc_cq__from_datav_geometry.csv")
    write(
        "adjacency_county.csv",
        ["code_a", "code_b", "shared_border_km", "confidence"],
        [
            {
                "code_a": OLD_TO_NEW.get(r["code_a"], r["code_a"]),
                "code_b": OLD_TO_NEW.get(r["code_b"], r["code_b"]),
                "shared_border_km": r["shared_border_km_approx"],
                "confidence": r["confidence"],
            }
            for r in adj
        ],
    )
    name_to_code = {str(u["name"]): str(u["code"]) for u in units if u["level"] == "prefecture"}
    name_to_code.update(
        {
            "重庆市" + str(u["name"]): str(u["code"])
            for u in units
            if str(u["code"]).startswith("50")
        }
    )
    padj = read(raw / "derived" / "prefecture_adjacency_sc_cq__from_datav_geometry.csv")
    write(
        "adjacency_planning_unit.csv",
        ["code_a", "code_b", "shared_border_km"],
        [
            {
                "code_a": name_to_code[r["unit_a"]],
                "code_b": name_to_code[r["unit_b"]],
                "shared_border_km": r["shared_border_km_approx"],
            }
            for r in padj
        ],
    )
    print(
        f"wrote {len(divisions)} divisions, {len(units)} SC/CQ units, {len(adj)} county pairs, "
        f"{len(padj)} planning-unit pairs to {OUT}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/raw"))
