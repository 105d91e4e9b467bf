"""Store round trips on SQLite and PostgreSQL; migrations match the declared schema."""
from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import exc, select

from kpi.actuals import ActualRecord
from kpi.db import current_revision, head_revision, upgrade
from kpi.indicators import Indicator
from kpi.plans import Deadline, Phase, Plan
from kpi.schema import metadata, units as units_table
from kpi.store.actuals import create_batch, insert_actuals, load_actuals
from kpi.store.audit import load_audit, record_audit
from kpi.store.catalog import (
    load_deadlines, load_indicators, load_phases, load_plans, load_targets, save_indicators,
    save_plan,
)
from kpi.store.units import load_lineage, load_units, save_lineage, save_units
from kpi.targets import Target
from kpi.units import Unit

KIEN_GIANG = Unit("vn2004", "91", "Kiên Giang", "Tỉnh", "province", None, None, dt.date(2025, 6, 30))
PHU_QUOC = Unit("vn2004", "911", "Phú Quốc", "Thành phố", "district", "vn2004:91", None,
                dt.date(2025, 6, 30))
AN_GIANG = Unit("vn2025", "91", "An Giang", "Tỉnh", "province", None, dt.date(2025, 7, 1), None)
POOR = Indicator("POOR_HOUSEHOLDS", "Số hộ nghèo", "hộ", "xa_hoi", "lower", aggregation="sum")
HOUSEHOLDS = Indicator("HOUSEHOLDS", "Tổng số hộ", "hộ", "xa_hoi", "higher", aggregation="sum")
POOR_RATE = Indicator("POOR_HOUSEHOLD_RATE", "Tỷ lệ hộ nghèo", "%", "xa_hoi", "lower",
                      aggregation="ratio", numerator="POOR_HOUSEHOLDS",
                      denominator="HOUSEHOLDS", scale=100, min_value=0, max_value=100)


def test_migrations_build_exactly_the_declared_schema(fresh_engine):
    assert current_revision(fresh_engine) == head_revision()
    with fresh_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_upgrade_in_place_keeps_data(fresh_engine):
    with fresh_engine.begin() as conn:
        save_units(conn, [KIEN_GIANG])
    before, after = upgrade(fresh_engine)
    assert before == after == head_revision()
    with fresh_engine.connect() as conn:
        assert [u.key for u in load_units(conn)] == ["vn2004:91"]


def test_reused_codes_are_told_apart_by_code_system(fresh_engine):
    with fresh_engine.begin() as conn:
        save_units(conn, [KIEN_GIANG, PHU_QUOC, AN_GIANG])
        save_lineage(conn, [("vn2004:91", "vn2025:91", "whole")], dt.date(2025, 7, 1))
    with fresh_engine.connect() as conn:
        stored = {u.key: u for u in load_units(conn)}
        assert stored["vn2004:91"].name == "Kiên Giang"
        assert stored["vn2025:91"].name == "An Giang"
        assert stored["vn2004:911"].parent_key == "vn2004:91"
        assert stored["vn2004:91"].valid_to == dt.date(2025, 6, 30)
        assert load_lineage(conn) == [("vn2004:91", "vn2025:91", "whole")]


def test_plan_targets_phases_deadlines_round_trip_and_reimport_replaces(fresh_engine):
    plan = Plan("KG-2021-2025", "Kế hoạch thi đua 2021–2025", "2021-2025", "emulation_plan",
                unit_key="vn2004:91", issuer="UBND tỉnh Kiên Giang")
    target = Target("POOR_HOUSEHOLD_RATE", "vn2004:91", "2022", "decrease_by", min=1.5, max=2,
                    change_unit="points", term="2021-2025", quote="giảm 1,5-2% hằng năm")
    phase = Phase("KG-2021-2025", "2021-D1", "Đợt thứ nhất", dt.date(2021, 1, 1),
                  dt.date(2021, 3, 31))
    deadline = Deadline("KG-2021-2025", "H1", "Báo cáo sơ kết", "2021-H1", dt.date(2021, 6, 15))
    with fresh_engine.begin() as conn:
        save_units(conn, [KIEN_GIANG])
        save_indicators(conn, [POOR, HOUSEHOLDS, POOR_RATE])
        save_plan(conn, plan, [target], [phase], [deadline], actor="test")
        save_plan(conn, plan, [target], [phase], [deadline], actor="test")  # re-import
    with fresh_engine.connect() as conn:
        assert load_plans(conn) == [plan]
        stored = load_targets(conn)
        assert len(stored) == 1
        assert stored[0].__dict__ | {"id": None} == (target.__dict__ | {
            "id": None, "plan_code": "KG-2021-2025"})
        assert load_phases(conn) == [phase]
        assert load_deadlines(conn) == [deadline]
        assert load_indicators(conn)["POOR_HOUSEHOLD_RATE"] == POOR_RATE


def test_revisions_are_kept_and_a_duplicate_revision_is_refused(fresh_engine):
    with fresh_engine.begin() as conn:
        save_units(conn, [KIEN_GIANG])
        save_indicators(conn, [POOR, HOUSEHOLDS, POOR_RATE])
        batch = create_batch(conn, author="thongke.kg", source="bao-cao-2021.xlsx", kind="upload")
        insert_actuals(conn, batch, [
            ActualRecord("POOR_HOUSEHOLD_RATE", "vn2004:91", "2021", 3.4, "uoc", 1,
                         dt.date(2021, 12, 20), "thongke.kg"),
            ActualRecord("POOR_HOUSEHOLD_RATE", "vn2004:91", "2021", 3.2, "uoc", 2,
                         dt.date(2022, 1, 10), "thongke.kg"),
        ])
        record_audit(conn, "thongke.kg", "upload", "upload_batch", str(batch),
                     after={"rows": 2}, batch_id=batch, source="bao-cao-2021.xlsx")
    with fresh_engine.connect() as conn:
        values = load_actuals(conn, unit_keys=["vn2004:91"])
        assert [(v.value, v.revision, v.source) for v in values] == [
            (3.4, 1, "bao-cao-2021.xlsx"), (3.2, 2, "bao-cao-2021.xlsx")]
        audit = load_audit(conn)
        assert audit[0]["actor"] == "thongke.kg" and audit[0]["source"] == "bao-cao-2021.xlsx"
    with pytest.raises(exc.IntegrityError):
        with fresh_engine.begin() as conn:
            batch = create_batch(conn, author="x", source="dup.xlsx", kind="upload")
            insert_actuals(conn, batch, [ActualRecord(
                "POOR_HOUSEHOLD_RATE", "vn2004:91", "2021", 9.9, "uoc", 2, dt.date(2022, 1, 11))])
    with fresh_engine.connect() as conn:  # the failed transaction left nothing behind
        assert [v.value for v in load_actuals(conn)] == [3.4, 3.2]


def test_foreign_keys_are_enforced(fresh_engine):
    with pytest.raises(exc.IntegrityError):
        with fresh_engine.begin() as conn:
            conn.execute(units_table.insert().values(
                code_system="vn2004", code="1", name="x", type="Xã", level="commune",
                parent_id=999_999))
    with fresh_engine.connect() as conn:
        assert conn.execute(select(units_table.c.id)).first() is None


def test_a_populated_store_at_the_first_revision_upgrades_in_place(store_url):
    # Regression: rebuilding upload_batches on SQLite (0003) failed on the
    # foreign keys of the values that reference it.
    from kpi.db import create_store_engine

    engine = create_store_engine(store_url)
    upgrade(engine, "0001_initial")
    with engine.begin() as conn:
        save_units(conn, [KIEN_GIANG])
        save_indicators(conn, [POOR, HOUSEHOLDS, POOR_RATE])
        batch = create_batch(conn, author="thongke.kg", source="bc.xlsx", kind="upload")
        insert_actuals(conn, batch, [ActualRecord(
            "POOR_HOUSEHOLD_RATE", "vn2004:91", "2021", 3.4, "uoc", 1, dt.date(2021, 12, 20))])
    before, after = upgrade(engine)
    assert (before, after) == ("0001_initial", head_revision())
    with engine.connect() as conn:
        assert [(v.value, v.source) for v in load_actuals(conn)] == [(3.4, "bc.xlsx")]
    with pytest.raises(exc.IntegrityError):  # foreign keys are on again afterwards
        with engine.begin() as conn:
            conn.execute(units_table.insert().values(
                code_system="vn2004", code="2", name="x", type="Xã", level="commune",
                parent_id=999_999))
    engine.dispose()
