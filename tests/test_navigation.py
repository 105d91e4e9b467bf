"""Navigation by role: what each visitor is shown (permissions are checked in kpi too)."""
from __future__ import annotations

import pytest

from kpi.auth import User
from kpi.navigation import NavPage, visible_pages

PAGES = [
    NavPage("pages/tong_quan.py", "Tổng quan", "Overview", "view"),
    NavPage("pages/nop_bao_cao.py", "Nộp báo cáo", "Upload", ("admin", "statistician")),
    NavPage("pages/quan_tri.py", "Quản trị", "Admin", ("admin",)),
    NavPage("pages/dang_nhap.py", "Đăng nhập", "Sign in", "anyone"),
]


@pytest.mark.parametrize(
    "user, open_viewing, expected",
    [
        (None, True, ["tong_quan", "dang_nhap"]),
        (None, False, ["dang_nhap"]),
        (User("x", "X", "viewer"), False, ["tong_quan", "dang_nhap"]),
        (User("x", "X", "leader"), True, ["tong_quan", "dang_nhap"]),
        (User("x", "X", "statistician"), True, ["tong_quan", "nop_bao_cao", "dang_nhap"]),
        (User("x", "X", "admin"), True, ["tong_quan", "nop_bao_cao", "quan_tri", "dang_nhap"]),
    ],
)
def test_pages_by_role(user, open_viewing, expected):
    assert [p.url_path for p in visible_pages(PAGES, user, open_viewing)] == expected
