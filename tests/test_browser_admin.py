"""The account and audit pages in headless Chromium, offline; a hostile account
name is shown as its characters — no link, no picture, no script."""
from __future__ import annotations

import pytest

from kpi.accounts import add_account, ensure_first_admin, sign_in
from tests.browser import ARTIFACTS, CHROMIUM_FLAGS, chromium_path, offline_only, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
PASSWORD = "mật-khẩu-quản-trị-thử"
HOSTILE = ("![ảnh](http://x.vn/a.png) [Bấm](http://x.vn) <b>đậm</b> **to** :red[đỏ] "
           "www.x.vn ai@x.vn")
ERROR_SELECTOR = '[data-testid="stException"]'


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def _sign_in(page, base, username, password):
    page.goto(base, wait_until="domcontentloaded")
    page.get_by_role("link", name="Đăng nhập").click(timeout=60_000)
    page.get_by_label("Tên đăng nhập").fill(username, timeout=60_000)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_admin_pages_render_offline_and_a_hostile_name_stays_text(browser, demo_url, demo_engine):
    ensure_first_admin(demo_engine, PASSWORD)
    admin = sign_in(demo_engine, "admin", PASSWORD)
    password = add_account(demo_engine, admin, "ke.la", HOSTILE, "viewer", None)
    blocked: list[str] = []
    with streamlit_server(demo_url) as base:
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        offline_only(page, blocked)
        _sign_in(page, base, "ke.la", password)
        page.get_by_role("heading", name="Tài khoản").wait_for(timeout=60_000)
        main = page.locator('[data-testid="stMain"]')
        shown = main.get_by_text("— Người xem (ke.la)")
        shown.wait_for(timeout=60_000)
        # Its characters, word joiners aside (they keep the addresses from becoming links).
        assert shown.inner_text().replace("\u2060", "") == HOSTILE + " — Người xem (ke.la)"
        assert main.locator("img").count() == 0 and main.locator("a[href*='x.vn']").count() == 0
        assert main.locator("b, strong, [class*='ColoredText']").count() == 0

        page.get_by_role("button", name="Đăng xuất").click()
        _sign_in(page, base, "admin", PASSWORD)
        page.get_by_role("link", name="Nhật ký thay đổi").click(timeout=60_000)
        page.get_by_role("heading", name="Nhật ký thay đổi").wait_for(timeout=60_000)
        page.get_by_role("link", name="Tài khoản").click(timeout=60_000)
        page.get_by_role("heading", name="Tài khoản").wait_for(timeout=60_000)
        page.get_by_role("tab", name="Đặt lại mật khẩu").wait_for(timeout=60_000)
        assert page.locator(ERROR_SELECTOR).count() == 0
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "tai-khoan.png"), full_page=True)
    assert blocked == [], f"requests left localhost: {blocked}"
