"""Reference administrative units (data/units/) and their loader, kpi.admin_units."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from kpi.admin_units import (
    DEFAULT_DATA_DIR,
    CrosswalkLink,
    Unit,
    children,
    load_crosswalk,
    load_reference_units,
    predecessors,
    successors,
    units_by_key,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
GENERATED_FILES = ("units_vn2004.csv", "units_vn2025.csv", "crosswalk_vn2004_vn2025.csv", "meta.json")


@pytest.fixture(scope="module")
def units() -> list[Unit]:
    return load_reference_units()


@pytest.fixture(scope="module")
def by_key(units) -> dict[str, Unit]:
    return units_by_key(units)


@pytest.fixture(scope="module")
def links() -> list[CrosswalkLink]:
    return load_crosswalk()


# --- counts --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("code_system", "level", "expected"), [
    ("vn2025", "province", 34),
    ("vn2025", "commune", 3321),
    ("vn2025", "district", 0),
    ("vn2004", "province", 63),
    ("vn2004", "district", 696),
    ("vn2004", "commune", 10035),
])
def test_official_counts(units, code_system, level, expected):
    assert sum(1 for u in units if u.code_system == code_system and u.level == level) == expected


@pytest.mark.parametrize(("unit_type", "expected"), [("Xã", 2621), ("Phường", 687), ("Đặc khu", 13)])
def test_vn2025_commune_types_match_resolution_202(units, unit_type, expected):
    communes = [u for u in units if u.code_system == "vn2025" and u.level == "commune"]
    assert sum(1 for u in communes if u.type == unit_type) == expected


def test_keys_unique_and_codes_padded(units):
    assert len({u.key for u in units}) == len(units)
    widths = {"province": 2, "district": 3, "commune": 5}
    bad = [u.key for u in units if not (u.code.isdigit() and len(u.code) == widths[u.level])]
    assert bad == []


def test_parents_exist_one_level_up(units, by_key):
    expected_parent_level = {("vn2004", "district"): "province", ("vn2004", "commune"): "district",
                             ("vn2025", "commune"): "province"}
    for u in units:
        if u.level == "province":
            assert u.parent_code is None, u
        else:
            assert by_key[u.parent_key].level == expected_parent_level[(u.code_system, u.level)], u


def test_validity_dates(units):
    cutover = date(2025, 7, 1)
    for u in units:
        if u.code_system == "vn2004":
            assert (u.valid_from, u.valid_to) == (None, date(2025, 6, 30))
            assert u.is_valid_on(date(2025, 6, 30)) and not u.is_valid_on(cutover)
        else:
            assert (u.valid_from, u.valid_to) == (cutover, None)
            assert u.is_valid_on(cutover) and not u.is_valid_on(date(2025, 6, 30))


def test_names_carry_no_type_prefix(units):
    # "Phường Đúc" (Huế) is a ward whose own name begins with "Phường".
    bad = [u.full_name for u in units if u.name.split(" ")[0] in {"Tỉnh", "Huyện", "Quận", "Xã", "Phường"}]
    assert bad == ["Phường Phường Đúc"]


# --- code reuse and named units -------------------------------------------------------------------

@pytest.mark.parametrize(("key", "full_name"), [
    ("vn2004:91", "Tỉnh Kiên Giang"),
    ("vn2025:91", "Tỉnh An Giang"),
    ("vn2004:80", "Tỉnh Long An"),
    ("vn2025:80", "Tỉnh Tây Ninh"),
    ("vn2004:89", "Tỉnh An Giang"),
    ("vn2004:911", "Thành phố Phú Quốc"),
    ("vn2004:31078", "Phường Dương Đông"),   # commune codes were reused too
    ("vn2025:31078", "Đặc khu Phú Quốc"),
    ("vn2025:31105", "Đặc khu Thổ Châu"),
    ("vn2004:77", "Tỉnh Bà Rịa - Vũng Tàu"),
    ("vn2004:15061", "Thị trấn Ngọc Lặc"),   # the package's type column says "Xã"; the name wins
])
def test_unit_by_key(by_key, key, full_name):
    assert by_key[key].full_name == full_name


# --- crosswalk integrity --------------------------------------------------------------------------

def test_every_old_unit_has_a_successor_at_each_expected_level(units, links):
    targets = defaultdict(set)
    for link in links:
        targets[link.old_code].add(link.new_level)
    expected = {"province": {"province"}, "district": {"province", "commune"}, "commune": {"commune"}}
    missing = [u.key for u in units if u.code_system == "vn2004" and targets[u.code] != expected[u.level]]
    assert missing == []


def test_links_point_to_existing_units_of_the_stated_level(by_key, links):
    for link in links:
        assert by_key[link.old_key].level == link.old_level, link
        assert by_key[link.new_key].level == link.new_level, link


def test_every_new_unit_has_a_predecessor(units, links):
    reached = {link.new_code for link in links}
    assert [u.key for u in units if u.code_system == "vn2025" and u.code not in reached] == []


def test_relation_matches_number_of_successors(links):
    groups = defaultdict(list)
    for link in links:
        groups[(link.old_code, link.new_level)].append(link)
    for group in groups.values():
        relations = {link.relation for link in group}
        assert relations == ({"whole"} if len(group) == 1 else {"split"}), group


def test_communes_stay_in_their_old_provinces_successor(by_key, links):
    province_successor = {link.old_code: link.new_code for link in links if link.old_level == "province"}
    for link in links:
        if link.old_level == "commune":
            old_province = by_key[by_key[link.old_key].parent_key].parent_code
            assert by_key[link.new_key].parent_code == province_successor[old_province], link


def test_split_counts_match_meta(links):
    meta = json.loads((DEFAULT_DATA_DIR / "meta.json").read_text(encoding="utf-8"))
    relation_by_unit = {(lk.old_level, lk.old_code, lk.new_level): lk.relation for lk in links}
    counts = Counter((f"{lvl}->{new}", rel) for (lvl, _, new), rel in relation_by_unit.items())
    assert {f"{k}:{r}": n for (k, r), n in counts.items()} == {
        f"{k}:{r}": n for k, rel in meta["crosswalk"]["counts"].items() for r, n in rel.items()}
    # Every province went whole into one new province; 471 communes were divided.
    assert counts[("province->province", "split")] == 0
    assert counts[("commune->commune", "split")] == 471
    assert meta["source"] == {"package": "vietnamadminunits", "version": "1.0.4", "license": "MIT",
                              "url": "https://github.com/tranngocminhhieu/vietnamadminunits"}


# --- the cases the seeds care about ---------------------------------------------------------------

@pytest.mark.parametrize(("old", "new"), [
    ("91", "91"),  # Kiên Giang → An Giang
    ("89", "91"),  # An Giang → An Giang
    ("80", "80"),  # Long An → Tây Ninh
    ("72", "80"),  # Tây Ninh → Tây Ninh
    ("34", "33"),  # Thái Bình → Hưng Yên
    ("84", "86"),  # Trà Vinh → Vĩnh Long
])
def test_province_goes_whole(links, old, new):
    assert successors(old, links) == [CrosswalkLink("province", old, "province", new, "whole")]


def test_phu_quoc_communes_map_into_the_two_special_zones(units, by_key, links):
    phu_quoc = by_key["vn2004:911"]
    mapping = {c.name: [(lk.new_code, lk.relation) for lk in successors(c.code, links)]
               for c in children(phu_quoc, units)}
    zone_phu_quoc = [("31078", "whole")]
    assert mapping == {
        "Dương Đông": zone_phu_quoc, "An Thới": zone_phu_quoc, "Cửa Cạn": zone_phu_quoc,
        "Gành Dầu": zone_phu_quoc, "Cửa Dương": zone_phu_quoc, "Hàm Ninh": zone_phu_quoc,
        "Dương Tơ": zone_phu_quoc, "Bãi Thơm": zone_phu_quoc, "Thổ Châu": [("31105", "whole")],
    }
    assert [(lk.new_level, lk.new_code, lk.relation) for lk in successors("911", links)] == [
        ("province", "91", "whole"), ("commune", "31078", "split"), ("commune", "31105", "split")]
    assert [lk.old_code for lk in predecessors("31105", links)] == ["911", "31105"]


def test_predecessors_of_new_an_giang(links):
    old = predecessors("91", links, old_level="province")
    assert [lk.old_code for lk in old] == ["89", "91"]
    assert len(predecessors("91", links, old_level="district")) == 11 + 15  # An Giang 11, Kiên Giang 15


def test_a_split_commune_has_one_row_per_successor(links):
    # Xã Thái Bình (Châu Thành, Tây Ninh) was divided between Phường Tân Ninh and Xã Châu Thành.
    assert [(lk.new_code, lk.relation) for lk in successors("25597", links)] == [("25459", "split"), ("25585", "split")]


def test_successor_level_filter_and_unknown_code(links):
    assert [lk.new_code for lk in successors("912", links, new_level="commune")] == ["31108"]  # Đặc khu Kiên Hải
    assert successors("99999", links) == []


def test_new_provinces_holding_two_former_chau_thanh_districts(units, links):
    chau_thanh = [u for u in units if u.code_system == "vn2004" and u.level == "district" and u.name == "Châu Thành"]
    per_province = Counter(successors(u.code, links, "province")[0].new_code for u in chau_thanh)
    assert {p for p, n in per_province.items() if n == 2} == {"80", "82", "86", "91", "92"}


# --- loader behaviour -----------------------------------------------------------------------------

def test_default_load_is_cached_but_returns_fresh_lists():
    first, second = load_reference_units(), load_reference_units()
    assert first == second and first is not second
    first.clear()
    assert len(load_reference_units()) == 63 + 696 + 10035 + 34 + 3321


def test_load_from_another_directory(tmp_path):
    header = "code_system,code,name,type,level,parent_code,valid_from,valid_to\n"
    (tmp_path / "units_vn2004.csv").write_text(header + "vn2004,91,Kiên Giang,Tỉnh,province,,,2025-06-30\n",
                                               encoding="utf-8")
    (tmp_path / "units_vn2025.csv").write_text(header + "vn2025,31105,Thổ Châu,Đặc khu,commune,91,2025-07-01,\n",
                                               encoding="utf-8")
    (tmp_path / "crosswalk_vn2004_vn2025.csv").write_text(
        "old_level,old_code,new_level,new_code,relation\nprovince,91,province,91,whole\n", encoding="utf-8")
    old, new = load_reference_units(tmp_path)
    assert old == Unit("vn2004", "91", "Kiên Giang", "Tỉnh", "province", None, None, date(2025, 6, 30))
    assert (new.key, new.full_name, new.parent_key, new.valid_from, new.valid_to) == (
        "vn2025:31105", "Đặc khu Thổ Châu", "vn2025:91", date(2025, 7, 1), None)
    assert load_crosswalk(tmp_path) == [CrosswalkLink("province", "91", "province", "91", "whole")]


def test_missing_file_and_missing_column_are_reported_in_vietnamese(tmp_path):
    with pytest.raises(FileNotFoundError, match="Không tìm thấy tệp danh mục"):
        load_crosswalk(tmp_path)
    (tmp_path / "crosswalk_vn2004_vn2025.csv").write_text("old_level,old_code\n", encoding="utf-8")
    with pytest.raises(ValueError, match="thiếu cột: new_level, new_code, relation"):
        load_crosswalk(tmp_path)


def test_app_does_not_import_the_generator_package():
    code = ("import sys; import kpi.admin_units as a; a.load_reference_units(); a.load_crosswalk();"
            " assert 'vietnamadminunits' not in sys.modules, 'imported'")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_committed_files_are_plain_utf8_with_unix_newlines():
    for name in GENERATED_FILES:
        data = (DEFAULT_DATA_DIR / name).read_bytes()
        assert b"\r" not in data and data.endswith(b"\n"), name
        data.decode("utf-8")


@pytest.mark.refdata
def test_generator_reproduces_committed_files(tmp_path):
    if importlib.util.find_spec("vietnamadminunits") is None:
        pytest.skip("vietnamadminunits chưa được cài (requirements-dev.txt): không kiểm tra được bộ sinh dữ liệu")
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "data" / "build_admin_units.py"), "--out", str(tmp_path)],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    for name in GENERATED_FILES:
        assert (tmp_path / name).read_bytes() == (DEFAULT_DATA_DIR / name).read_bytes(), name
