"""The "Nạp kế hoạch" page with AppTest: seed 004 uploaded, reviewed, committed, found by `status`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.auth import User
from kpi.ui import USER_KEY

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
ADMIN = User("admin", "Quản trị", "admin")
SEED = "004_f551e7e76508aef6.txt"


@pytest.fixture
def page(demo_url, monkeypatch):
    monkeypatch.setenv("KPI_DATABASE_URL", demo_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.session_state[USER_KEY] = ADMIN
    at.run()
    at.switch_page("pages/nap_ke_hoach.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _upload(at: AppTest, path: Path) -> AppTest:
    at.file_uploader(key="plan_file").set_value((path.name, path.read_bytes(), "text/plain"))
    at.run()
    assert not at.exception, at.exception
    return at


def _status(url: str, *args: str) -> list[dict]:
    env = dict(os.environ, KPI_DATABASE_URL=url, PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-m", "kpi", "status", "--json", *args],
                            capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_seed_004_reviewed_committed_found_by_status_and_reimport_updates(page, demo_url, shared_dir):
    at = _upload(page, shared_dir / "seeds" / SEED)
    assert at.text_input(key="plan_title").value.startswith("Kế hoạch phát động phong trào thi đua")
    assert at.selectbox(key="plan_unit").value == "vn2004:911"  # "thành phố Phú Quốc", before 2025
    frame = at.dataframe[0].value  # the data editor's proposal
    assert len(frame) == 36
    revenue = frame[frame["indicator"] == "Thu ngân sách"].iloc[0]
    assert revenue["indicator_choice"].startswith("BUDGET_REVENUE") and revenue["value"] == 3400
    at.text_input(key="plan_code").set_value("PQ-2021-NAP")
    at.selectbox(key="plan_parent").set_value("KG-2021-2025")
    at.button(key="plan_commit").click()
    at.run()
    assert not at.exception, at.exception
    assert any("Đã ghi kế hoạch PQ-2021-NAP: 36 chỉ tiêu" in s.value for s in at.success), \
        [e.value for e in at.error]

    rows = _status(demo_url, "--period", "2021", "--plan", "PQ-2021-NAP")
    assert len(rows) == 36 and {r["unit_code"] for r in rows} == {"vn2004:911"}
    budget = next(r for r in rows if r["indicator_code"] == "BUDGET_REVENUE")
    assert (budget["kind"], budget["target_value"], budget["quote"]) == (
        "exact", 3400, "Thu ngân sách 3.400 tỷ đồng")
    industry = next(r for r in rows if r["indicator_code"] == "GO_INDUSTRY_CONSTRUCTION"
                    and r["kind"] == "at_least")
    assert industry["target_value"] == 16723  # "16,723" settled by its components
    assert {r["status"] for r in rows} - {"no_data"}  # the demo's 2021 values are assessed

    # Committing the same plan code again replaces its targets: no duplicates.
    at.button(key="plan_commit").click()
    at.run()
    assert any("cập nhật, không nhân đôi" in s.value for s in at.success)
    assert len(_status(demo_url, "--period", "2021", "--plan", "PQ-2021-NAP")) == 36


def test_unreadable_upload_is_refused_in_vietnamese(page, tmp_path):
    bad = tmp_path / "ke-hoach.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    at = _upload(page, bad)
    assert any("Không đọc được tệp PDF" in e.value for e in at.error)


def test_page_refuses_non_admins(demo_url, monkeypatch):
    monkeypatch.setenv("KPI_DATABASE_URL", demo_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "pages" / "nap_ke_hoach.py"), default_timeout=60)
    at.session_state["_kpi_entrypoint_ran"] = True
    at.session_state[USER_KEY] = User("tk", "Thống kê", "statistician", frozenset({"vn2004:911"}))
    at.run()
    assert any("tài khoản quản trị" in w.value for w in at.warning)
    assert not at.file_uploader


def test_adjustment_tab_puts_the_new_figure_in_force_and_shows_history(page, demo_url):
    at = page
    at.selectbox(key="adjust_plan").set_value("PQ-2021").run()
    at.selectbox(key="adjust_target").set_value("BUDGET_REVENUE|vn2004:911|2021|exact")
    at.number_input(key="adjust_value").set_value(3600)
    at.text_input(key="adjust_doc").set_value("Nghị quyết 15/NQ-HĐND")
    at.date_input(key="adjust_date").set_value("2021-07-20")
    at.button(key="adjust_commit").click()
    at.run()
    assert not at.exception, at.exception
    assert any("Đã ghi điều chỉnh" in s.value for s in at.success)
    history = at.dataframe[-1].value
    assert history.iloc[0][["Trước", "Sau", "Văn bản", "Ngày văn bản"]].tolist() == [
        "3.400", "3.600", "Nghị quyết 15/NQ-HĐND", "20/07/2021"]
    budget = next(r for r in _status(demo_url, "--period", "2021", "--plan", "PQ-2021")
                  if r["indicator_code"] == "BUDGET_REVENUE")
    assert budget["target_value"] == 3600


def test_cascade_tab_shows_the_province_target_served(page):
    at = page
    at.selectbox(key="cascade_plan").set_value("PQ-2021").run()
    frame = at.dataframe[-1].value
    revenue = frame[frame["Chỉ tiêu"].str.startswith("Thu ngân sách")].iloc[0]
    assert (revenue["Chỉ tiêu của đơn vị"], revenue["Chỉ tiêu cấp trên"]) == (
        "3.400 tỷ đồng", "6.400–6.500 tỷ đồng")
