"""The demo block end to end: CLI, a changed value moving the ranking, phases, Excel out."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from kpi.actuals import ActualRecord, best_record
from kpi.emulation.export import ranking_workbook, reminders_workbook
from kpi.emulation.ranking import load_block_state, load_ranking
from kpi.emulation.discipline import reminders
from kpi.emulation.registration_workbook import read_registration, registration_template
from kpi.emulation.registration import load_registration
from kpi.store.actuals import create_batch, insert_actuals, load_actuals
from tests.test_cli import kpi, kpi_json

AS_OF = dt.date(2022, 3, 1)


def test_blocks_and_ranking_commands_print_the_documented_json(demo_url):
    blocks = kpi_json("blocks", url=demo_url)
    k8 = next(b for b in blocks if b["code"] == "K8-TV-2021")
    assert (k8["head"], k8["deputy"], len(k8["members"])) == ("org:TV-STTTT", "org:TV-SLDTBXH", 8)
    ranking = kpi_json("ranking", "--block", "K8-TV-2021", "--year", "2021", "--as-of", "01/03/2022",
                       url=demo_url)
    assert (ranking["block"], ranking["year"]) == ("K8-TV-2021", 2021)
    members = ranking["members"]
    assert len(members) == 8
    assert [m["rank"] for m in members] == sorted(m["rank"] for m in members)
    assert members[0]["rank"] == 1 and members[0]["award"] == "Cờ thi đua của UBND tỉnh"
    for m in members:
        assert set(m) >= {"unit_code", "unit", "total", "rank", "lines"}
        assert m["total"] == pytest.approx(sum(line["points"] for line in m["lines"]), abs=0.011)
        for line in m["lines"]:
            assert set(line) >= {"criterion", "status", "points", "reason"} and line["reason"]
    statuses = {line["status"] for m in members for line in m["lines"]}
    assert {"exceeded", "met", "nearly", "late", "missing", "on_time"} <= statuses


def test_ranking_errors_are_vietnamese_with_exit_code_1(demo_url):
    result = kpi("ranking", "--block", "K9", "--json", url=demo_url)
    assert result.returncode == 1 and "Không có khối thi đua" in result.stderr
    result = kpi("ranking", "--block", "K8-TV-2021", "--year", "2020", url=demo_url)
    assert result.returncode == 1 and "không phải năm 2020" in result.stderr


def _totals(engine):
    ranking = load_ranking(engine, "K8-TV-2021", as_of=AS_OF)
    return {m.unit_key: m for m in ranking.members}


def test_one_corrected_value_moves_a_member_up_as_the_rules_say(demo_engine):
    before = _totals(demo_engine)
    syt, stp, ldtbxh = before["org:TV-SYT"], before["org:TV-STP"], before["org:TV-SLDTBXH"]
    # Sở Y tế's health insurance coverage was 91,5% against "≥ 92%": nearly met, half of
    # its 10 points. The official figure, 92,0%, meets it: +5 points, no bonus.
    line = next(l for l in syt.lines if l.item.startswith("Tỷ lệ dân số tham gia bảo hiểm y tế"))
    assert (line.status, line.points) == ("nearly", 5.0)
    assert syt.rank > stp.rank > ldtbxh.rank
    with demo_engine.begin() as conn:
        batch = create_batch(conn, author="thongke.syt", source="bao-cao-2021.xlsx", kind="upload")
        insert_actuals(conn, batch, [ActualRecord("HEALTH_INSURANCE_COVERAGE", "org:TV-SYT", "2021",
                                                  92.0, "chinh_thuc", 1, dt.date(2022, 2, 20))])
    after = _totals(demo_engine)
    assert after["org:TV-SYT"].total == pytest.approx(syt.total + 5.0)
    assert after["org:TV-SYT"].rank < after["org:TV-SLDTBXH"].rank < after["org:TV-STP"].rank
    assert after["org:TV-SYT"].award == "Bằng khen của Chủ tịch UBND tỉnh"
    assert ldtbxh.award == "Bằng khen của Chủ tịch UBND tỉnh" and after["org:TV-SLDTBXH"].award is None
    # The correction came after the deadline, but the report's first revision was on time.
    report = next(l for l in after["org:TV-SYT"].lines if l.criterion_code == "bao_cao"
                  and "2021)" in l.item and "Năm" in l.item)
    assert report.status == "on_time"


def test_the_demo_reports_show_tet_late_missing_and_incomplete(demo_engine):
    state = load_block_state(demo_engine, "K8-TV-2021", as_of=AS_OF)
    by = {(c.unit_key, c.deadline.period): c for c in state.checks}
    assert by[("org:TV-SKHCN", "2021")].effective.deadline == dt.date(2022, 2, 7)
    assert by[("org:TV-SKHCN", "2021")].status == "on_time"  # sent on the moved deadline
    assert (by[("org:TV-SLDTBXH", "2021-H1")].status, by[("org:TV-SLDTBXH", "2021-H1")].days_late) == ("late", 3)
    assert by[("org:TV-STP", "2021-H1")].status == "missing"
    assert by[("org:TV-BDT", "2021")].missing == ("NEW_PARTY_MEMBERS",)
    # Văn hóa revised its mid-year figures on 05/07/2021; its report stays on time.
    assert by[("org:TV-SVHTTDL", "2021-H1")].status == "on_time"


@pytest.mark.parametrize("phase, quarters", [("2021-D1", ["2021-Q1"]),
                                             ("2021-D2", ["2021-Q1", "2021-Q2"])])
def test_results_per_emulation_phase(demo_url, demo_engine, phase, quarters):
    rows = kpi_json("status", "--period", phase, "--unit", "vn2004:91", url=demo_url)
    investment = next(r for r in rows if r["indicator_code"] == "TOTAL_INVESTMENT")
    assert (investment["actual_basis"], investment["actual_through"]) == ("year_to_date", phase)
    with demo_engine.connect() as conn:
        values = load_actuals(conn, unit_keys=["vn2004:91"], indicator_codes=["TOTAL_INVESTMENT"])
    expected = sum(best_record([v for v in values if v.period == q]).value for q in quarters)
    assert investment["actual"] == pytest.approx(expected)
    assert investment["forecast"] is not None


def test_ranking_workbook_is_the_block_heads_layout_with_numbers_and_safe_text(demo_engine):
    ranking = load_ranking(demo_engine, "K8-TV-2021", as_of=AS_OF)
    hostile = dataclasses.replace(ranking.members[-1], unit_name='=HYPERLINK("http://x","Bấm")')
    ranking = dataclasses.replace(ranking, members=ranking.members[:-1] + [hostile])
    sheet = load_workbook(io.BytesIO(ranking_workbook(ranking)))["Bình xét"]
    header = [c.value for c in sheet[5]]
    assert header[:2] == ["STT", "Đơn vị"]
    assert header[-4:] == ["Tổng điểm", "Xếp hạng", "So với năm trước", "Đề nghị khen thưởng"]
    first = [c.value for c in sheet[6]]
    assert first[0] == 1 and isinstance(first[-4], float) and first[-3] == 1
    assert first[-1] == "Cờ thi đua của UBND tỉnh"
    assert first[-4] == pytest.approx(sum(v for v in first[2:-4]))
    last = sheet.cell(row=13, column=2)
    assert last.value.startswith("=HYPERLINK") and last.data_type == "s" and last.quotePrefix


def test_reminders_workbook_lists_the_missing_reports(demo_engine):
    state = load_block_state(demo_engine, "K8-TV-2021", as_of=AS_OF)
    chase = reminders(state.checks, AS_OF)
    rows = list(load_workbook(io.BytesIO(reminders_workbook(chase, state.names, state.block.name,
                                                             AS_OF))).active.values)
    body = [r for r in rows[4:] if r[0]]
    assert {r[1] for r in body} == {"Sở Tư pháp", "Ban Dân tộc"}
    assert all(isinstance(r[6], int) and r[6] > 0 for r in body)


def test_registration_workbook_round_trip_and_problems(demo_engine):
    view = load_registration(demo_engine, "K8-TV-2021", "org:TV-SYT", AS_OF)
    data = registration_template("org:TV-SYT", view.unit_name, 2021, view.targets, view.catalogue)
    sheet = read_registration(data, "org:TV-SYT", 2021, view.catalogue)
    assert sheet.problems == ()
    assert [(t.indicator_code, t.kind, t.value) for t in sheet.targets] == [
        (t.indicator_code, t.kind, t.value) for t in view.targets]
    book = load_workbook(io.BytesIO(data))
    ws = book["Đăng ký thi đua"]
    ws.append(["", "Số bác sĩ trên vạn dân", "bác sĩ", "Đạt tối thiểu", "9,5", None, None, None,
               "Năm 2021", None])
    ws.append(["KHONG_CO", "", "", "Đạt tối thiểu", "1", None, None, None, None, None])
    ws.append(["TTHC_ONTIME_RATE", "", "", "Giảm", "1,5", None, None, None, None, None])
    ws.append(["E_DOCUMENT_RATE", "", "", "Đạt tối thiểu", "9x", None, None, None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = read_registration(buffer.getvalue(), "org:TV-SYT", 2021, view.catalogue)
    assert [i.code for i in sheet.new_indicators] == ["TV-SYT.SO_BAC_SI_TREN_VAN_DAN"]
    assert sheet.targets[-1].value == 9.5
    assert len(sheet.problems) == 3
    assert "Dòng 11, cột Mã chỉ tiêu" in sheet.problems[0]
    assert "cột Tính theo" in sheet.problems[1] and "cột Giá trị" in sheet.problems[2]
