"""The running app in headless Chromium, offline, with screenshots in tests/artifacts/."""
from __future__ import annotations

import pytest

from tests.browser import ARTIFACTS, CHROMIUM_FLAGS, chromium_path, offline_only, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
ERROR_SELECTOR = '[data-testid="stException"], [data-testid="stAlertContentError"]'


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def _open(browser, url: str, blocked: list[str]):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    offline_only(page, blocked)
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Tình hình thực hiện chỉ tiêu").wait_for(timeout=60_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    return page


def test_status_page_renders_offline_with_its_tables(browser, demo_url):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    blocked: list[str] = []
    with streamlit_server(demo_url) as base:
        page = _open(browser, base + "/thuc_hien", blocked)
        assert page.locator('[data-testid="stMetric"]').count() >= 2
        assert page.get_by_text("Dữ liệu minh họa").count() >= 1
        assert page.locator(ERROR_SELECTOR).count() == 0
        page.screenshot(path=str(ARTIFACTS / "thuc-hien.png"), full_page=True)
    assert blocked == [], f"requests left localhost: {blocked}"


@pytest.mark.parametrize("path, heading", [
    ("/thuc_hien", "Tình hình thực hiện chỉ tiêu"),
    ("/dang_nhap", "Đăng nhập"),
])
def test_deep_link_on_a_freshly_started_server(browser, demo_url, path, heading):
    # Regression: right after a start Streamlit resolves URLs from pages/ file
    # names; a URL that differed from the file name showed "Page not found".
    blocked: list[str] = []
    with streamlit_server(demo_url) as base:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        offline_only(page, blocked)
        page.goto(base + path, wait_until="domcontentloaded")
        page.get_by_role("heading", name=heading).wait_for(timeout=60_000)
        page.wait_for_timeout(1500)  # a "not found" notice would show by now
        assert page.get_by_text("Page not found").count() == 0
        assert page.locator(ERROR_SELECTOR).count() == 0
        page.screenshot(path=str(ARTIFACTS / f"deep-link{path.replace('/', '-')}.png"))
    assert blocked == []
