"""The emulation pages (Bình xét thi đua, Tình hình báo cáo, Đăng ký, Khối) with AppTest on the demo."""
from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.auth import User
from kpi.ui import USER_KEY

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ADMIN = User("admin", "Quản trị", "admin")


@pytest.fixture
def app(demo_url, monkeypatch):
    monkeypatch.setenv("KPI_DATABASE_URL", demo_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    return at


def _open(at: AppTest, page: str, user: User | None = None) -> AppTest:
    if user is not None:
        at.session_state[USER_KEY] = user
        at.run()  # the navigation lists the pages the user may open
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def _ranked(at: AppTest, year: int = 2021) -> AppTest:
    at.selectbox(key="block").set_value(f"K8-TV-{year}")
    at.date_input(key="as_of").set_value("2022-03-01")
    at.run()
    assert not at.exception, at.exception
    return at


def test_ranking_page_ranks_the_demo_block_and_explains_a_members_score(app):
    at = _ranked(_open(app, "pages/binh_xet.py"))
    assert at.title[0].value == "Bình xét thi đua"
    table = at.dataframe[0].value
    assert list(table["STT"]) == [str(n) for n in range(1, 9)]
    assert table["Xếp hạng"].iloc[0] == "1" and table["Đề nghị khen thưởng"].iloc[0]
    assert "," in "".join(table["Tổng điểm"]) or all("," not in v for v in table["Tổng điểm"])
    top = table["Đơn vị"].iloc[0]
    assert any(top in s.value and "Cờ thi đua" in s.value for s in at.success)
    # The Sở Tư pháp's missing mid-year report is explained, with its deadline.
    at.selectbox(key="member").set_value("org:TV-STP").run()
    lines = at.dataframe[1].value
    missing = lines[lines["Tình trạng"] == "Chưa nộp"]
    assert len(missing) == 1
    assert "14/06/2021" in missing["Giải thích"].iloc[0] and "trừ thêm" in missing["Giải thích"].iloc[0]
    assert "Sở Tư pháp" in at.selectbox(key="member").format_func("org:TV-STP")


def test_ranking_page_offers_the_excel_download(app):
    at = _ranked(_open(app, "pages/binh_xet.py"))
    buttons = at.get("download_button")
    assert len(buttons) == 1 and "Excel" in buttons[0].proto.label


def test_discipline_page_shows_share_on_time_and_who_to_remind(app):
    at = _open(app, "pages/tinh_hinh_bao_cao.py")
    at.selectbox(key="block").set_value("K8-TV-2021")
    at.date_input(key="as_of").set_value("2022-03-01")
    at.run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Tỷ lệ đúng hạn"].endswith("%")
    assert int(metrics["Chưa nộp / thiếu"]) >= 2
    reports = at.dataframe[1].value
    year_rows = reports[reports["Kỳ"] == "Năm 2021"]
    assert set(year_rows["Hạn nộp"]) == {"07/02/2022 (lùi từ 31/01/2022)"}  # Tết Nhâm Dần
    remind = at.dataframe[2].value
    assert "Sở Tư pháp" in set(remind["Đơn vị"])


def test_admin_pages_are_listed_for_an_admin_only(app):
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/khoi_thi_dua.py")
    at = _open(app, "pages/khoi_thi_dua.py", ADMIN)
    at.selectbox(key="edit_block").set_value("K8-TV-2021").run()
    assert not at.exception, at.exception
    assert at.text_input(key="name:K8-TV-2021").value == "Khối thi đua Khối 8"
    assert at.multiselect(key="members:K8-TV-2021").value[0] == "org:TV-STTTT"


def test_registration_page_shows_a_members_targets_locked_after_the_deadline(app):
    at = _open(app, "pages/dang_ky_thi_dua.py", ADMIN)
    at.selectbox(key="block").set_value("K8-TV-2021")
    at.selectbox(key="unit").set_value("org:TV-SYT")
    at.run()
    assert not at.exception, at.exception
    assert any("Đã hết hạn đăng ký (31/05/2021)" in w.value for w in at.warning)
    assert at.get("arrow_data_frame") or at.dataframe
    assert not [b for b in at.button if b.key == "save"], "no saving while closed"


def test_an_admin_creates_a_block_on_the_page(app):
    at = _open(app, "pages/khoi_thi_dua.py", ADMIN)
    at.text_input(key="code:").set_value("K8-TV-2022")
    at.text_input(key="name:").set_value("Khối thi đua Khối 8")
    at.number_input(key="year:").set_value(2022)
    at.text_input(key="series:").set_value("K8-TV")
    at.multiselect(key="members:").set_value(["org:TV-STTTT", "org:TV-SYT"])
    at.selectbox(key="head:").set_value("org:TV-STTTT")
    at.selectbox(key="deputy:").set_value("org:TV-STTTT")
    at.button[0].click().run()  # the form's only submit button
    assert any("hai đơn vị khác nhau" in e.value for e in at.error)
    at.selectbox(key="deputy:").set_value("org:TV-SYT")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("Đã lưu khối K8-TV-2022" in s.value for s in at.success)
