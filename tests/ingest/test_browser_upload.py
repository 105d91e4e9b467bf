"""The upload page in headless Chromium, offline: sign in, upload, preview, commit."""
from __future__ import annotations

import pytest

from kpi.accounts import ensure_first_admin
from tests.browser import ARTIFACTS, CHROMIUM_FLAGS, chromium_path, offline_only, streamlit_server
from tests.ingest.files import XLSX_MIME, workbook

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
PASSWORD = "mật-khẩu-quản-trị-thử"
ERROR_SELECTOR = '[data-testid="stException"]'


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def test_sign_in_upload_preview_and_commit(browser, demo_url, demo_engine):
    ensure_first_admin(demo_engine, PASSWORD)
    report = workbook({"Báo cáo": [["Mã đơn vị:", "vn2004:911"], ["Kỳ báo cáo:", "2021"], [],
                                   ["Mã chỉ tiêu", "Thực hiện", "Tình trạng số liệu"],
                                   ["BUDGET_REVENUE", "3.512,4", "Chính thức"]]})
    blocked: list[str] = []
    with streamlit_server(demo_url) as base:
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        offline_only(page, blocked)
        page.goto(base, wait_until="domcontentloaded")
        page.get_by_role("link", name="Đăng nhập").click(timeout=60_000)
        page.get_by_label("Tên đăng nhập").fill("admin", timeout=60_000)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_role("link", name="Nộp báo cáo").click(timeout=60_000)
        page.get_by_role("heading", name="Nộp báo cáo").wait_for(timeout=60_000)
        page.locator('input[type="file"]').set_input_files(
            files=[{"name": "bao-cao-pq.xlsx", "mimeType": XLSX_MIME, "buffer": report}])
        page.get_by_role("button", name="Ghi số liệu").click(timeout=60_000)
        page.get_by_text("Đã ghi lần nộp số").wait_for(timeout=60_000)
        assert page.locator(ERROR_SELECTOR).count() == 0
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "nop-bao-cao.png"), full_page=True)
    assert blocked == [], f"requests left localhost: {blocked}"
