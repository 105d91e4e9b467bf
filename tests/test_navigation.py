"""Navigation by role: what each visitor is shown (permissions are checked in kpi too)."""
from __future__ import annotations

import pytest

from kpi.auth import User
from kpi.navigation import NavPage, visible_pages

PAGES = [
    NavPage("a.py", "Tổng quan", "Overview", "tong-quan", "view"),
    NavPage("b.py", "Nộp báo cáo", "Upload", "nop-bao-cao", ("admin", "statistician")),
    NavPage("c.py", "Quản trị", "Admin", "quan-tri", ("admin",)),
    NavPage("d.py", "Đăng nhập", "Sign in", "dang-nhap", "anyone"),
]


@pytest.mark.parametrize(
    "user, open_viewing, expected",
    [
        (None, True, ["tong-quan", "dang-nhap"]),
        (None, False, ["dang-nhap"]),
        (User("x", "X", "viewer"), False, ["tong-quan", "dang-nhap"]),
        (User("x", "X", "leader"), True, ["tong-quan", "dang-nhap"]),
        (User("x", "X", "statistician"), True, ["tong-quan", "nop-bao-cao", "dang-nhap"]),
        (User("x", "X", "admin"), True, ["tong-quan", "nop-bao-cao", "quan-tri", "dang-nhap"]),
    ],
)
def test_pages_by_role(user, open_viewing, expected):
    assert [p.url_path for p in visible_pages(PAGES, user, open_viewing)] == expected
