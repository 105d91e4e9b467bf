"""Generate Vietnam's administrative-unit reference files from `vietnamadminunits`.

    python data/build_admin_units.py [--out DIR]      (default: data/units/)

Writes, deterministically (sorted rows, UTF-8, "\\n" line endings, no
timestamps), so that re-running it reproduces the committed files byte for byte:

- units_vn2004.csv   63 provinces, 696 districts, 10,035 communes in force
                     until 30/06/2025 (2004 code list);
- units_vn2025.csv   34 provinces, 3,321 communes from 01/07/2025
                     (Decision 19/2025/QĐ-TTg);
- crosswalk_vn2004_vn2025.csv   old unit -> new unit(s);
- meta.json          source package and version, counts, this command.

Where the data come from inside the package (1.0.4):
- `data/dataset.db` (SQLite, read through `vietnamadminunits.database.query`):
  table `admin_units_legacy` (one row per old commune, with its district and
  province; five island districts without communes appear once with an empty
  ward) and table `admin_units` (one row per new commune);
- `data/converter_2025.json`, which `convert_address` uses: DICT_PROVINCE
  (new province -> old provinces), DICT_PROVINCE_WARD_NO_DIVIDED (new commune
  -> the old communes that went into it whole) and DICT_PROVINCE_WARD_DIVIDED
  (old commune -> the new communes it was divided among). Both are keyed by
  accent-free name keys ("tinhkiengiang_thanhphophuquoc_xaduongto"), which we
  translate to official codes through the database tables.

The crosswalk has no `primary` column on purpose: for a divided commune the
package flags one successor `isDefaultNewWard`, but that flag is a geometric
guess (the new commune whose approximate polygon contains, or whose centre is
nearest to, the geocoded point of the old commune), not the successor that
received the larger part or the seat of the old commune. Publishing it as
"primary" would present a guess as a fact.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

PACKAGE = "vietnamadminunits"
COMMAND = "python data/build_admin_units.py"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "data" / "units"

UNIT_COLUMNS = ["code_system", "code", "name", "type", "level", "parent_code", "valid_from", "valid_to"]
CROSSWALK_COLUMNS = ["old_level", "old_code", "new_level", "new_code", "relation"]
LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}
VN2004_VALID_TO = "2025-06-30"
VN2025_VALID_FROM = "2025-07-01"

PROVINCE_TYPES = ("Thành phố", "Tỉnh")
DISTRICT_TYPES = ("Thành phố", "Thị xã", "Huyện", "Quận")
COMMUNE_TYPES = ("Thị trấn", "Phường", "Xã", "Đặc khu")

Row = dict[str, str]


def split_type(full_name: str, types: tuple[str, ...]) -> tuple[str, str]:
    """Split "Thị Trấn Ái Tử" into ("Thị trấn", "Ái Tử") using the canonical spelling of the type.

    The prefix of the full name is trusted over the package's separate type
    column: the column contradicts the name in a few rows (e.g. "Thị trấn Ngọc
    Lặc" typed "Xã") and the names agree with the official lists.
    """
    for unit_type in sorted(types, key=len, reverse=True):
        prefix = unit_type + " "
        if full_name[: len(prefix)].lower() == prefix.lower():
            return unit_type, full_name[len(prefix):].strip()
    raise SystemExit(f"Tên '{full_name}' không bắt đầu bằng loại đơn vị nào trong {types}")


def _query(sql: str) -> list[Row]:
    from vietnamadminunits.database import query

    return query(sql)


def _converter_data() -> dict:
    import vietnamadminunits

    path = Path(vietnamadminunits.__file__).resolve().parent / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _unit(system: str, code: str, full_name: str, types: tuple[str, ...], level: str,
          parent: str, notes: list[str], declared_type: str | None = None) -> Row:
    unit_type, name = split_type(full_name, types)
    if declared_type is not None and declared_type != unit_type:
        notes.append(f"{system}:{code} '{full_name}': loại '{unit_type}' lấy theo tên (gói ghi '{declared_type}')")
    valid = ("", VN2004_VALID_TO) if system == "vn2004" else (VN2025_VALID_FROM, "")
    return {"code_system": system, "code": code, "name": name, "type": unit_type, "level": level,
            "parent_code": parent, "valid_from": valid[0], "valid_to": valid[1]}


def build_vn2004(notes: list[str]) -> tuple[list[Row], dict[str, tuple[str, str]], dict[str, str]]:
    """Old units, plus old name key -> (level, code) and old province key -> code for the crosswalk."""
    rows: dict[tuple[str, str], Row] = {}
    key_to_unit: dict[str, tuple[str, str]] = {}
    province_keys: dict[str, str] = {}
    records = _query(
        "SELECT province, district, ward, districtType, wardType, provinceCode, districtCode, wardCode,"
        " provinceKey, districtKey, wardKey FROM admin_units_legacy"
    )
    for r in records:
        p, d, w = r["provinceCode"], r["districtCode"], r["wardCode"]
        rows[("province", p)] = _unit("vn2004", p, r["province"], PROVINCE_TYPES, "province", "", notes)
        rows[("district", d)] = _unit("vn2004", d, r["district"], DISTRICT_TYPES, "district", p, notes,
                                      r["districtType"])
        province_keys[r["provinceKey"]] = p
        old_key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        if w:
            rows[("commune", w)] = _unit("vn2004", w, r["ward"], COMMUNE_TYPES, "commune", d, notes, r["wardType"])
            key_to_unit[old_key] = ("commune", w)
        else:
            # Island districts with no commune level (Côn Đảo, Bạch Long Vĩ, …): the
            # converter maps the district itself to its đặc khu.
            key_to_unit[old_key] = ("district", d)
    return _sorted_units(rows.values()), key_to_unit, province_keys


def build_vn2025(notes: list[str]) -> tuple[list[Row], dict[tuple[str, str], str], dict[str, str]]:
    """New units, plus (province key, commune key) -> code and province key -> code."""
    rows: dict[tuple[str, str], Row] = {}
    commune_keys: dict[tuple[str, str], str] = {}
    province_keys: dict[str, str] = {}
    records = _query("SELECT province, ward, wardType, provinceCode, wardCode, provinceKey, wardKey FROM admin_units")
    for r in records:
        p, w = r["provinceCode"], r["wardCode"]
        rows[("province", p)] = _unit("vn2025", p, r["province"], PROVINCE_TYPES, "province", "", notes)
        rows[("commune", w)] = _unit("vn2025", w, r["ward"], COMMUNE_TYPES, "commune", p, notes, r["wardType"])
        province_keys[r["provinceKey"]] = p
        commune_keys[(r["provinceKey"], r["wardKey"])] = w
    return _sorted_units(rows.values()), commune_keys, province_keys


def _sorted_units(rows) -> list[Row]:
    return sorted(rows, key=lambda r: (LEVEL_ORDER[r["level"]], r["code"]))


def build_crosswalk(converter: dict, old_units: list[Row], old_keys: dict[str, tuple[str, str]],
                    old_provinces: dict[str, str], new_communes: dict[tuple[str, str], str],
                    new_provinces: dict[str, str]) -> list[Row]:
    """One row per (old unit, new unit) at province, district and commune level."""
    commune_links: dict[tuple[str, str], set[str]] = defaultdict(set)  # (old level, old code) -> new communes
    split_keys: set[str] = set()
    province_links: dict[str, str] = {}

    for new_p, old_ps in converter["DICT_PROVINCE"].items():
        for old_p in old_ps:
            province_links[old_provinces[old_p]] = new_provinces[new_p]
    for new_p, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_w, old_list in wards.items():
            for old_key in old_list:
                commune_links[old_keys[old_key]].add(new_communes[(new_p, new_w)])
    for new_p, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, successors in divided.items():
            split_keys.add(old_key)
            for s in successors:
                commune_links[old_keys[old_key]].add(new_communes[(new_p, s["newWardKey"])])

    missing = set(old_keys) - {k for k in old_keys if old_keys[k] in commune_links}
    if missing:
        raise SystemExit(f"Bộ chuyển đổi thiếu {len(missing)} đơn vị cũ, ví dụ {sorted(missing)[:3]}")
    if any(len(commune_links[old_keys[k]]) < 2 for k in split_keys):
        raise SystemExit("Một xã 'bị chia' chỉ có một đơn vị kế thừa: dữ liệu gói không nhất quán")

    parent = {r["code"]: r["parent_code"] for r in old_units}  # codes of different levels differ in length
    rows: list[Row] = []

    def add(old_level: str, old_code: str, new_level: str, targets: set[str]) -> None:
        relation = "whole" if len(targets) == 1 else "split"
        for new_code in targets:
            rows.append({"old_level": old_level, "old_code": old_code, "new_level": new_level,
                         "new_code": new_code, "relation": relation})

    district_targets: dict[str, set[str]] = defaultdict(set)
    for (level, code), news in commune_links.items():
        district_targets[code if level == "district" else parent[code]] |= news

    for r in old_units:
        level, code = r["level"], r["code"]
        if level == "province":
            add("province", code, "province", {province_links[code]})
        elif level == "district":
            add("district", code, "province", {province_links[parent[code]]})
            # A district's successors are the union of its communes' successors
            # (or, for an island district without communes, its own successor).
            add("district", code, "commune", district_targets[code])
        else:
            add("commune", code, "commune", commune_links[("commune", code)])

    return sorted(rows, key=lambda r: (LEVEL_ORDER[r["old_level"]], r["old_code"],
                                       LEVEL_ORDER[r["new_level"]], r["new_code"]))


def _check_province_consistency(crosswalk: list[Row], new_units: list[Row], old_units: list[Row]) -> None:
    """Every old commune's successors must lie in the new province its old province went to."""
    new_parent = {r["code"]: r["parent_code"] for r in new_units if r["level"] == "commune"}
    old_parent = {r["code"]: r["parent_code"] for r in old_units}
    province_of = {r["old_code"]: r["new_code"] for r in crosswalk
                   if r["old_level"] == "province"}
    for r in crosswalk:
        if r["old_level"] == "commune":
            old_province = old_parent[old_parent[r["old_code"]]]
            if new_parent[r["new_code"]] != province_of[old_province]:
                raise SystemExit(f"Xã {r['old_code']} chuyển sang tỉnh khác với tỉnh cũ của nó: {r}")


def _counts(rows: list[Row]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r["level"]] += 1
    return dict(counts)


def _crosswalk_counts(rows: list[Row]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    seen: set[tuple[str, str, str]] = set()
    for r in rows:
        unit = (r["old_level"], r["old_code"], r["new_level"])
        if unit not in seen:
            seen.add(unit)
            counts[f"{r['old_level']}->{r['new_level']}"][r["relation"]] += 1
    return {k: dict(v) for k, v in counts.items()}


def _write_csv(path: Path, columns: list[str], rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(out_dir: Path) -> dict:
    """Generate the four files into out_dir and return the meta dictionary written to meta.json."""
    notes: list[str] = []
    old_units, old_keys, old_provinces = build_vn2004(notes)
    new_units, new_communes, new_provinces = build_vn2025(notes)
    crosswalk = build_crosswalk(_converter_data(), old_units, old_keys, old_provinces, new_communes, new_provinces)
    _check_province_consistency(crosswalk, new_units, old_units)

    meta = {
        "source": {"package": PACKAGE, "version": version(PACKAGE), "license": "MIT",
                   "url": "https://github.com/tranngocminhhieu/vietnamadminunits"},
        "command": COMMAND,
        "code_systems": {
            "vn2004": {"description": "Danh mục 2004 (63 tỉnh, cấp huyện, cấp xã), hiệu lực đến 30/06/2025",
                       "valid_to": VN2004_VALID_TO, "counts": _counts(old_units)},
            "vn2025": {"description": "Quyết định 19/2025/QĐ-TTg (34 tỉnh, cấp xã), hiệu lực từ 01/07/2025",
                       "valid_from": VN2025_VALID_FROM, "counts": _counts(new_units)},
        },
        "crosswalk": {
            "counts": _crosswalk_counts(crosswalk),
            "relation": "whole: the old unit went entirely into one new unit of that level; "
                        "split: it was divided among several (one row per successor)",
            "primary": "not provided: the package does not say which successor of a divided commune "
                       "received the larger part or the seat (its isDefaultNewWard flag is a geometric guess)",
        },
        "type_corrections": sorted(notes),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_csv(out_dir / "units_vn2004.csv", UNIT_COLUMNS, old_units)
    _write_csv(out_dir / "units_vn2025.csv", UNIT_COLUMNS, new_units)
    _write_csv(out_dir / "crosswalk_vn2004_vn2025.csv", CROSSWALK_COLUMNS, crosswalk)
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                       encoding="utf-8", newline="\n")
    return meta


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Sinh danh mục đơn vị hành chính từ gói vietnamadminunits.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="thư mục ghi tệp (mặc định data/units/)")
    args = parser.parse_args(argv)
    meta = build(args.out)
    for system, info in meta["code_systems"].items():
        print(system, info["counts"], file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
