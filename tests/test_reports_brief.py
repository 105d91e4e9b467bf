"""The written report (.docx), opened with python-docx: Decree 30/2020 layout and counts
that agree with the store."""
from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Pt

from kpi.config import load_settings
from kpi.reports.brief import write_brief
from kpi.reports.results import load_plan_results
from kpi.scorecard import load_scorecard, scorecard_records

AS_OF = dt.date(2026, 11, 1)
ISSUED = dt.date(2026, 11, 23)
CASES = [("PQ-2021", "2021", "vn2004:911"), ("KG-2021-2025", "2021-2025", "vn2004:91"),
         ("K8-TV-2021", "2021", None)]


def _brief(engine, plan, period, unit):
    results = load_plan_results(engine, plan, period, unit_key=unit, as_of=AS_OF)
    return results, Document(io.BytesIO(write_brief(results, issued_on=ISSUED)))


def _statuses(engine, plan, period, unit) -> Counter:
    rows = load_scorecard(engine, period, unit_key=unit, as_of=AS_OF, settings=load_settings())
    return Counter(r["status"] for r in scorecard_records(rows) if r["plan"] == plan)


@pytest.mark.parametrize("plan, period, unit", CASES)
def test_sentences_count_the_targets_of_the_store(demo_engine, plan, period, unit):
    results, document = _brief(demo_engine, plan, period, unit)
    counts = _statuses(demo_engine, plan, period, unit)
    text = "\n".join(p.text for p in document.paragraphs)
    due = sum(n for status, n in counts.items() if status != "not_due")
    good = counts["exceeded"] + counts["met"]
    overall = next(p.text for p in document.paragraphs if p.text.startswith("Kế hoạch đề ra"))
    assert overall.startswith(f"Kế hoạch đề ra {sum(counts.values())} chỉ tiêu cho kỳ báo cáo. "
                              f"{good}/{due} chỉ tiêu đạt và vượt kế hoạch")
    for status, word in (("nearly", "gần đạt"), ("not_met", "không đạt"),
                         ("no_data", "chưa có số liệu")):
        found = re.search(rf"(\d+) chỉ tiêu {word}", overall)
        assert (int(found[1]) if found else 0) == counts[status], word
    fields = [p.text for p in document.paragraphs if re.match(r"\d\. ", p.text)]
    assert fields == [f"{i}. {h}" for i, (_g, h, _l) in enumerate(results.by_group(), start=1)]
    assert "Chi tiết từng chỉ tiêu tại Phụ lục kèm theo." in text


def test_administrative_layout(demo_engine):
    _results, document = _brief(demo_engine, "PQ-2021", "2021", "vn2004:911")
    header = document.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert left.startswith("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ PHÚ QUỐC") and "Số:" in left
    assert right.split("\n")[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                     "Độc lập - Tự do - Hạnh phúc"]
    assert "Phú Quốc, ngày 23 tháng 11 năm 2026" in right
    titles = [p.text for p in document.paragraphs[:3]]
    assert titles[:2] == ["BÁO CÁO", "Kết quả thực hiện các chỉ tiêu năm 2021"]
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)
    signature = document.tables[1]
    recipients, signer = (cell.text for cell in signature.rows[0].cells)
    assert recipients.startswith("Nơi nhận:") and "Lưu: VT." in recipients
    assert signer.startswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    body, appendix = document.sections
    assert body.page_width < body.page_height and appendix.orientation == WD_ORIENT.LANDSCAPE


def test_appendix_table_has_every_target_with_vietnamese_figures(demo_engine):
    results, document = _brief(demo_engine, "PQ-2021", "2021", "vn2004:911")
    table = document.tables[-1]
    header = [cell.text for cell in table.rows[0].cells]
    assert header[:4] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"]
    groups = results.by_group()
    assert len(table.rows) == 1 + len(groups) + len(results.lines)
    revenue = next(row for row in table.rows if row.cells[1].text.startswith("Thu ngân sách"))
    texts = [cell.text for cell in revenue.cells]
    assert texts[3:5] == ["3.400", "3.765,4"] and texts[7] == "110,7%" and texts[9] == "Vượt"
