"""User text is shown as its characters, never as markup: escaping for Streamlit's
Markdown, and no page or module passes text through unsafe HTML."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kpi.markdown_safety import escape_markdown

REPO = Path(__file__).resolve().parent.parent


WJ = "\u2060"  # an invisible word joiner: GitHub's autolinks ignore backslashes


@pytest.mark.parametrize("text, expected", [
    ("Kinh tế (1/3)", "Kinh tế (1/3)"),  # ordinary text is left alone
    ("PQ-2021-NAP: 36 chỉ tiêu, đạt 104,5%", "PQ-2021-NAP: 36 chỉ tiêu, đạt 104,5%"),
    ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
    ("![x](http://x.vn/a.png)", f"!\\[x\\](http{WJ}://x.vn/a.png)"),  # no picture fetched
    ("[Bấm vào đây](https://x.vn)", f"\\[Bấm vào đây\\](https{WJ}://x.vn)"),  # no link
    ("www.x.vn, ai@x.vn", f"www{WJ}.x.vn, ai{WJ}@x.vn"),  # no autolink
    (":red[đỏ] :material/home: $x^2$ **đậm** _nghiêng_ ~~gạch~~ `mã`",
     "\\:red\\[đỏ\\] \\:material/home: \\$x^2\\$ \\*\\*đậm\\*\\* \\_nghiêng\\_ "
     "\\~\\~gạch\\~\\~ \\`mã\\`"),
    ("# Tiêu đề", "\\# Tiêu đề"), ("- mục", "\\- mục"), ("1. mục", "1\\. mục"),
    ("> trích", "\\> trích"), ("---", "\\---"), ("-1.234,5", "-1.234,5"), ("12.5%", "12.5%"),
    ("=HYPERLINK(\"http://x.vn\")", f"=HYPERLINK(\"http{WJ}://x.vn\")"),
    ("Dòng 1\n# Dòng 2\r\n- Dòng 3", "Dòng 1 # Dòng 2 - Dòng 3"),  # one line: no new block
    ("a | b &amp; c \\", "a \\| b \\&amp; c \\\\"),
    (None, ""), (12.5, "12.5"),
])
def test_escape_markdown(text, expected):
    assert escape_markdown(text) == expected


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            yield node


SOURCES = sorted([*REPO.glob("app.py"), *REPO.glob("pages/*.py"), *REPO.glob("kpi/**/*.py")])


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_text_reaches_the_browser_as_html(path):
    for call in _calls(path):
        for keyword in call.keywords:
            assert not (keyword.arg == "unsafe_allow_html"
                        and not (isinstance(keyword.value, ast.Constant)
                                 and keyword.value.value is False)), f"{path}:{call.lineno}"
        name = getattr(call.func, "attr", None) or getattr(call.func, "id", None)
        if name == "html" and getattr(call.func, "value", None) is not None \
                and getattr(call.func.value, "id", None) == "st":
            # st.html only with a module constant (styling), never with text built at run time.
            assert all(isinstance(a, ast.Name) and a.id.isupper() for a in call.args), \
                f"{path}:{call.lineno}"
