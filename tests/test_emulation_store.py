"""Blocks, registrations and council scores in the store (SQLite and PostgreSQL)."""
from __future__ import annotations

import datetime as dt

import pytest

from kpi.auth import SYSTEM_USER, PermissionDenied, User
from kpi.emulation.admin import record_council_scores, save_block, set_scheme
from kpi.emulation.blocks import Block, BlockError, CouncilScore, validate_block
from kpi.emulation.ranking import load_ranking
from kpi.emulation.registration import (
    RegistrationError, load_registration, registered_targets, reopen_registration,
    save_registration,
)
from kpi.emulation.scheme import default_scheme
from kpi.indicators import Indicator
from kpi.plans import Plan
from kpi.store.audit import load_audit
from kpi.store.blocks import load_blocks, load_council_scores, load_memberships, load_scheme
from kpi.store.catalog import save_indicators, save_plan
from kpi.store.units import save_units
from kpi.targets import Target
from kpi.units import Unit

AGENCIES = [Unit("org", code, name, "Cơ quan", "agency") for code, name in (
    ("TV-STTTT", "Sở Thông tin và Truyền thông"), ("TV-SLDTBXH", "Sở Lao động – TB&XH"),
    ("TV-SYT", "Sở Y tế"))]
RATE = Indicator("TTHC_ONTIME_RATE", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "khac", "higher")
BLOCK = Block("K8-TV-2021", "Khối thi đua Khối 8", 2021,
              ("org:TV-STTTT", "org:TV-SLDTBXH", "org:TV-SYT"), "org:TV-STTTT", "org:TV-SLDTBXH",
              "K8-TV-2021", dt.date(2021, 5, 29), "K8-TV")  # 29/05/2021 is a Saturday
STATISTICIAN = User("thongke.syt", "Cán bộ Sở Y tế", "statistician", frozenset({"org:TV-SYT"}))


@pytest.fixture
def store(fresh_engine):
    with fresh_engine.begin() as conn:
        save_units(conn, AGENCIES)
        save_indicators(conn, [RATE])
        save_plan(conn, Plan("K8-TV-2021", "Kế hoạch thi đua 2021", "2021", "emulation_plan"),
                  [Target("TTHC_ONTIME_RATE", "org:TV-SYT", "2021", "at_least", 95)], actor="test")
    save_block(fresh_engine, SYSTEM_USER, BLOCK)
    return fresh_engine


def test_block_round_trip_and_member_changes(store):
    with store.connect() as conn:
        assert load_blocks(conn) == [BLOCK]
    smaller = Block(**{**BLOCK.__dict__, "members": ("org:TV-SYT", "org:TV-STTTT", "org:TV-SLDTBXH")})
    record_council_scores(store, SYSTEM_USER, BLOCK.code, [CouncilScore("org:TV-SYT", "hoi_dong", 18)])
    save_block(store, SYSTEM_USER, smaller)
    with store.connect() as conn:
        assert [m.unit_key for m in load_memberships(conn, BLOCK.code)] == list(smaller.members)
        assert load_council_scores(conn, BLOCK.code)[0].points == 18
        audit = load_audit(conn)
    assert {row["action"] for row in audit} >= {"save_block", "council_scores"}


@pytest.mark.parametrize("change, message", [
    ({"members": ("org:TV-STTTT",)}, "ít nhất hai"),
    ({"head": "org:TV-SGDDT"}, "phải là thành viên"),
    ({"deputy": "org:TV-STTTT"}, "hai đơn vị khác nhau"),
    ({"code": "K8 TV"}, "không hợp lệ"),
    ({"registration_deadline": dt.date(2023, 1, 1)}, "phải thuộc năm 2021"),
])
def test_invalid_blocks_are_refused(change, message):
    with pytest.raises(BlockError, match=message):
        validate_block(Block(**{**BLOCK.__dict__, **change}))


def test_only_an_admin_changes_blocks_schemes_and_council_scores(store):
    for call in (lambda: save_block(store, STATISTICIAN, BLOCK),
                 lambda: set_scheme(store, STATISTICIAN, BLOCK.code, default_scheme()),
                 lambda: record_council_scores(store, None, BLOCK.code, [])):
        with pytest.raises(PermissionDenied):
            call()
    with pytest.raises(BlockError, match="từ 0 đến 20"):
        record_council_scores(store, SYSTEM_USER, BLOCK.code,
                              [CouncilScore("org:TV-SYT", "hoi_dong", 25)])
    set_scheme(store, SYSTEM_USER, BLOCK.code, default_scheme())
    with store.connect() as conn:
        assert "Đánh giá của Hội đồng khối" in load_scheme(conn, BLOCK.code)


def test_registration_is_open_until_the_deadline_moved_off_the_weekend(store):
    targets = [Target("TTHC_ONTIME_RATE", "org:TV-SYT", "2021", "at_least", 97)]
    # 29/05/2021 was a Saturday: the statistician may still register on Monday 31/05.
    assert save_registration(store, STATISTICIAN, BLOCK.code, "org:TV-SYT", targets,
                             today=dt.date(2021, 5, 31)) == 1
    with pytest.raises(RegistrationError, match="Đã hết hạn đăng ký"):
        save_registration(store, STATISTICIAN, BLOCK.code, "org:TV-SYT", targets,
                          today=dt.date(2021, 6, 1))
    with pytest.raises(PermissionDenied):  # another member's registration
        save_registration(store, STATISTICIAN, BLOCK.code, "org:TV-STTTT", [],
                          today=dt.date(2021, 5, 3))
    with pytest.raises(PermissionDenied):
        reopen_registration(store, STATISTICIAN, BLOCK.code, "org:TV-SYT", dt.date(2021, 6, 30))
    reopen_registration(store, SYSTEM_USER, BLOCK.code, "org:TV-SYT", dt.date(2021, 6, 30))
    own = Indicator("TV-SYT.BAC_SI", "Số bác sĩ trên vạn dân", "bác sĩ", "khac", "higher")
    stored = save_registration(store, STATISTICIAN, BLOCK.code, "org:TV-SYT", targets + [
        Target(own.code, "org:TV-SYT", "2021", "at_least", 9)], new_indicators=[own],
        today=dt.date(2021, 6, 15))
    assert stored == 2
    view = load_registration(store, BLOCK.code, "org:TV-SYT", dt.date(2021, 6, 15))
    assert view.is_open and "mở lại" in view.why
    assert {t.indicator_code for t in view.targets} == {"TTHC_ONTIME_RATE", own.code}
    with store.connect() as conn:
        scored = registered_targets(conn, load_blocks(conn, BLOCK.code)[0])
    # The member's own registration replaces the block plan's target on the same indicator.
    assert sorted((t.indicator_code, t.value) for t in scored["org:TV-SYT"]) == [
        ("TTHC_ONTIME_RATE", 97.0), (own.code, 9.0)]


@pytest.mark.parametrize("target, message", [
    (Target("TTHC_ONTIME_RATE", "org:TV-SYT", "2022", "at_least", 97), "trong năm 2021"),
    (Target("UNKNOWN", "org:TV-SYT", "2021", "at_least", 97), "chưa có trong danh mục"),
    (Target("TTHC_ONTIME_RATE", "org:TV-STTTT", "2021", "at_least", 97), "đơn vị khác"),
])
def test_registration_targets_must_fit_the_member_and_year(store, target, message):
    with pytest.raises(RegistrationError, match=message):
        save_registration(store, SYSTEM_USER, BLOCK.code, "org:TV-SYT", [target],
                          today=dt.date(2021, 5, 3))


def test_change_from_last_year_compares_the_same_series(store):
    last_year = Block("K8-TV-2020", "Khối thi đua Khối 8", 2020, BLOCK.members, series="K8-TV")
    save_block(store, SYSTEM_USER, last_year)
    # Council points alone decide here: 2020 Y tế first, 2021 Thông tin first.
    for code, order in (("K8-TV-2020", ("org:TV-SYT", "org:TV-STTTT", "org:TV-SLDTBXH")),
                        ("K8-TV-2021", ("org:TV-STTTT", "org:TV-SLDTBXH", "org:TV-SYT"))):
        record_council_scores(store, SYSTEM_USER, code, [
            CouncilScore(unit, "hoi_dong", points) for unit, points in zip(order, (18, 15, 12))])
    ranking = load_ranking(store, BLOCK.code, as_of=dt.date(2022, 3, 1))
    assert ranking.previous_block == "K8-TV-2020"
    assert {m.unit_key: ranking.change(m.unit_key) for m in ranking.members} == {
        "org:TV-STTTT": 1, "org:TV-SLDTBXH": 1, "org:TV-SYT": -2}
    assert load_ranking(store, "K8-TV-2020", as_of=dt.date(2022, 3, 1)).previous_block is None
