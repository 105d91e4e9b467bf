"""Presentation mode in headless Chromium, offline: walk the slides, save three screenshots."""
from __future__ import annotations

import zipfile

import pytest

from tests.browser import ARTIFACTS, CHROMIUM_FLAGS, chromium_path, offline_only, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
ERROR_SELECTOR = '[data-testid="stException"], [data-testid="stAlertContentError"]'
TIMEOUT = 60_000


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def _slide(page, title: str, counter: str) -> None:
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=TIMEOUT)
    page.get_by_text(counter, exact=True).wait_for(timeout=TIMEOUT)


def test_walk_through_presentation_mode(browser, demo_url):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    blocked: list[str] = []
    with streamlit_server(demo_url) as base:
        page = browser.new_page(viewport={"width": 1600, "height": 900}, locale="vi-VN",
                                accept_downloads=True)
        offline_only(page, blocked)
        page.goto(base + "/", wait_until="domcontentloaded")
        # Through the navigation, as a presenter does (a deep link right after the server
        # starts meets Streamlit's pages-directory "Page not found" notice first).
        page.get_by_role("link", name="Trình chiếu").click(timeout=TIMEOUT)
        page.get_by_role("heading", name="Kết quả thực hiện chỉ tiêu năm 2021").wait_for(
            timeout=TIMEOUT)
        page.get_by_label("Kế hoạch", exact=True).click()
        page.get_by_role("option", name="PQ-2021 — Kế hoạch phát động").click()
        _slide(page, "Kết quả thực hiện chỉ tiêu năm 2021", "1 / 10")
        page.get_by_role("heading", name="Thành phố Phú Quốc", exact=True).wait_for(timeout=TIMEOUT)
        page.screenshot(path=str(ARTIFACTS / "trinh-chieu-1-tieu-de.png"))

        page.get_by_role("button", name="Trang sau ▶").click()
        _slide(page, "Tổng hợp kết quả", "2 / 10")
        page.locator(".js-plotly-plot").first.wait_for(timeout=TIMEOUT)
        page.screenshot(path=str(ARTIFACTS / "trinh-chieu-2-tong-hop.png"))

        page.evaluate("document.activeElement && document.activeElement.blur()")  # no widget focus
        page.keyboard.press("ArrowRight")  # the presenter's arrow key moves on too
        _slide(page, "Kinh tế (1/3)", "3 / 10")
        page.locator(".js-plotly-plot").first.wait_for(timeout=TIMEOUT)
        assert page.get_by_text("101%").count() >= 1  # Vietnamese bar labels
        page.screenshot(path=str(ARTIFACTS / "trinh-chieu-3-kinh-te.png"))

        page.get_by_role("button", name="◀ Trang trước").click()
        _slide(page, "Tổng hợp kết quả", "2 / 10")

        page.get_by_text("Tự động chuyển trang").click()  # the timer moves on by itself
        page.get_by_label("Số giây mỗi trang").fill("5")
        page.keyboard.press("Enter")
        _slide(page, "Kinh tế (1/3)", "3 / 10")

        with page.expect_download(timeout=TIMEOUT) as download:  # made when clicked
            page.get_by_role("button", name="Tải bộ trình chiếu (.pptx)").click()
        assert download.value.suggested_filename == "trinh-chieu_PQ-2021_2021_vn2004-911.pptx"
        with zipfile.ZipFile(download.value.path()) as deck:
            assert "ppt/charts/chart1.xml" in deck.namelist()
        assert page.locator(ERROR_SELECTOR).count() == 0
    assert blocked == [], f"requests left localhost: {blocked}"
