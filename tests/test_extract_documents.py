"""Whole documents: header, groups and periods from headings, tables, reports, schedule, formats.

The documents are written here, in the layouts plans use (a district
resolution, a five-year plan with an appendix table, a year-end report, an
emulation plan with phases and deadlines); .docx and .pdf files are built by
the tests themselves.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from kpi.extract import extract_bytes, extract_text
from kpi.extract.text import DocumentError, read_lines

RESOLUTION = """HỘI ĐỒNG NHÂN DÂN
HUYỆN AN PHÚ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 45/NQ-HĐND
An Phú, ngày 15 tháng 12 năm 2021
NGHỊ QUYẾT
Về kế hoạch phát triển kinh tế - xã hội năm 2022
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị quyết số 12/NQ-HĐND ngày 20/7/2021 của Hội đồng nhân dân tỉnh;
QUYẾT NGHỊ:
Điều 1. Thông qua kế hoạch năm 2022 với 14 chỉ tiêu chủ yếu sau:
1. Về kinh tế
a) Tốc độ tăng giá trị sản xuất đạt 8,5% trở lên.
b) Thu ngân sách nhà nước trên địa bàn 350 tỷ đồng, tăng 6% so với năm 2021.
2. Về văn hóa - xã hội
a) Tỷ lệ hộ nghèo giảm 0,5% so với năm 2021.
b) Có thêm 2 xã đạt chuẩn nông thôn mới nâng cao.
3. Về môi trường
Tỷ lệ chất thải rắn được thu gom và xử lý đạt 90%.
4. Về quốc phòng - an ninh
Hoàn thành 100% chỉ tiêu giao quân; kéo giảm tai nạn giao thông so với năm 2021.
Điều 2. Giao Ủy ban nhân dân huyện tổ chức thực hiện.
Nơi nhận:
- Như Điều 2; Lưu: VT. 25 bản.
"""

CONGRESS = """NGHỊ QUYẾT
Đại hội đại biểu Đảng bộ huyện lần thứ XII, nhiệm kỳ 2020 - 2025
II. MỤC TIÊU, CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2025
1. Các chỉ tiêu về kinh tế
- Tốc độ tăng trưởng giá trị sản xuất bình quân 9-10%/năm.
- Đến năm 2025, thu nhập bình quân đầu người đạt 80 triệu đồng/người/năm; cơ cấu kinh tế: nông nghiệp 30%, công nghiệp - xây dựng 35%, dịch vụ 35%.
- Tổng vốn đầu tư toàn xã hội giai đoạn 2020-2025 đạt 25.000 tỷ đồng.
2. Các chỉ tiêu về xã hội
- Tỷ lệ hộ nghèo giảm bình quân 1%/năm.
- Có 100% xã đạt chuẩn nông thôn mới.
3. Các chỉ tiêu về môi trường
- Tỷ lệ che phủ rừng đạt 45%.
III. NHIỆM VỤ, GIẢI PHÁP
1. Tăng cường công tác cải cách hành chính nhằm nâng tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%.
"""

APPENDIX = """KẾ HOẠCH
Phát triển kinh tế - xã hội 5 năm 2021-2025
PHỤ LỤC: CÁC CHỈ TIÊU CHỦ YẾU
STT | Chỉ tiêu | Đơn vị tính | Thực hiện 2020 | Kế hoạch 2025
I | Chỉ tiêu kinh tế | | |
1 | Tốc độ tăng trưởng GRDP bình quân | %/năm | 6,2 | 7-7,5
2 | GRDP bình quân đầu người | triệu đồng | 55 | 85
3 | Tổng vốn đầu tư toàn xã hội 5 năm | tỷ đồng | | 120.000
II | Chỉ tiêu xã hội | | |
4 | Tỷ lệ hộ nghèo | % | 3,5 | < 1,5
5 | Tỷ lệ lao động qua đào tạo | % | 60 | ≥ 75
"""

REPORT = """BÁO CÁO
Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2021 và phương hướng nhiệm vụ năm 2022
I. KẾT QUẢ THỰC HIỆN NĂM 2021
1. Về kinh tế
Tổng thu ngân sách nhà nước trên địa bàn ước đạt 3.650 tỷ đồng, đạt 107,4% dự toán, tăng 8,5% so với cùng kỳ.
Giá trị sản xuất công nghiệp 12.345/KH 12.000 tỷ đồng.
Tỷ lệ hộ nghèo còn 1,2%.
Kim ngạch xuất khẩu 6 tháng đầu năm 2021 ước đạt 250 triệu USD.
II. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2022
Tốc độ tăng trưởng kinh tế đạt 7% trở lên; thu ngân sách đạt 3.800 tỷ đồng.
"""

EMULATION = """KẾ HOẠCH
Phát động phong trào thi đua năm 2023
II. NỘI DUNG THI ĐUA
1. Các đợt thi đua
- Đợt 1: Từ đầu năm 2023 đến ngày 30/4/2023, với nội dung thi đua chào mừng kỷ niệm 48 năm Ngày giải phóng.
- Đợt 2: Từ 01/5/2023 đến hết năm 2023.
2. Chỉ tiêu thi đua
- 100% cán bộ, công chức hoàn thành tốt nhiệm vụ trở lên.
- Tỷ lệ hồ sơ giải quyết trễ hạn dưới 2%.
III. TỔ CHỨC THỰC HIỆN
- Các đơn vị đăng ký thi đua gửi về Phòng Nội vụ trước ngày 15/3/2023.
- Báo cáo sơ kết 6 tháng đầu năm 2023 gửi trước ngày 10/6/2023.
- Tổng kết phong trào: hoàn thành trong tháng 12/2023.
"""


def _targets(text: str) -> list[tuple]:
    return [(t.indicator, t.value, t.min, t.max, t.direction, t.period, t.group)
            for t in extract_text(text).targets]


def test_resolution_header_groups_and_periods():
    extraction = extract_text(RESOLUTION)
    plan = extraction.plan
    assert (plan.kind, plan.number, plan.issued_on, plan.year) == (
        "Nghị quyết", "45/NQ-HĐND", dt.date(2021, 12, 15), 2022)
    assert plan.issuer == "Hội đồng nhân dân huyện An Phú" and plan.locality == "huyện An Phú"
    assert plan.cites == [{"kind": "Nghị quyết", "number": "12/NQ-HĐND", "date": "2021-07-20"}]
    assert _targets(RESOLUTION) == [
        ("Tốc độ tăng giá trị sản xuất", 8.5, None, None, "at_least", "2022", "kinh tế"),
        ("Thu ngân sách nhà nước trên địa bàn", 350, None, None, "exact", "2022", "kinh tế"),
        ("Thu ngân sách nhà nước trên địa bàn", 6, None, None, "increase_by", "2022", "kinh tế"),
        ("Tỷ lệ hộ nghèo", 0.5, None, None, "decrease_by", "2022", "xã hội"),
        ("xã đạt chuẩn nông thôn mới nâng cao", 2, None, None, "increase_by", "2022", "xã hội"),
        ("Tỷ lệ chất thải rắn được thu gom và xử lý", 90, None, None, "at_least", "2022", "môi trường"),
        ("chỉ tiêu giao quân", 100, None, None, "at_least", "2022", "quốc phòng - an ninh"),
        ("tai nạn giao thông", None, None, None, "decrease_vs_previous", "2022", "quốc phòng - an ninh"),
    ]


def test_congress_term_annual_rates_scope_years_and_solutions_section():
    assert _targets(CONGRESS) == [
        ("Tốc độ tăng trưởng giá trị sản xuất", None, 9, 10, "range", "hằng năm (2020-2025)", "kinh tế"),
        ("thu nhập bình quân đầu người", 80, None, None, "at_least", "2025", "kinh tế"),
        ("cơ cấu kinh tế: nông nghiệp", 30, None, None, "exact", "2025", "kinh tế"),
        ("cơ cấu kinh tế: công nghiệp - xây dựng", 35, None, None, "exact", "2025", "kinh tế"),
        ("cơ cấu kinh tế: dịch vụ", 35, None, None, "exact", "2025", "kinh tế"),
        ("Tổng vốn đầu tư toàn xã hội giai đoạn 2020-2025", 25000, None, None, "at_least", "2020-2025",
         "kinh tế"),
        ("Tỷ lệ hộ nghèo", 1, None, None, "decrease_by", "hằng năm (2020-2025)", "xã hội"),
        ("xã đạt chuẩn nông thôn mới", 100, None, None, "exact", "2025", "xã hội"),
        ("Tỷ lệ che phủ rừng", 45, None, None, "at_least", "2025", "môi trường"),
        ("tỷ lệ hồ sơ giải quyết đúng hạn", 98, None, None, "at_least", "2020-2025", "khác"),
    ]


def test_appendix_table_columns_give_unit_target_and_period():
    records = extract_text(APPENDIX).targets
    assert [(r.indicator, r.value, r.min, r.max, r.unit, r.direction, r.period, r.group)
            for r in records] == [
        ("Tốc độ tăng trưởng GRDP bình quân", None, 7, 7.5, "%/năm", "range", "hằng năm (2021-2025)",
         "kinh tế"),
        ("GRDP bình quân đầu người", 85, None, None, "triệu đồng", "exact", "2025", "kinh tế"),
        ("Tổng vốn đầu tư toàn xã hội 5 năm", 120000, None, None, "tỷ đồng", "exact", "2021-2025",
         "kinh tế"),
        ("Tỷ lệ hộ nghèo", 1.5, None, None, "%", "at_most", "2025", "xã hội"),
        ("Tỷ lệ lao động qua đào tạo", 75, None, None, "%", "at_least", "2025", "xã hội"),
    ]


def test_table_with_a_second_header_row_of_years():
    text = ("KẾ HOẠCH\nGiai đoạn 2021-2025\nTT | Chỉ tiêu | ĐVT | Kế hoạch | Kế hoạch\n"
            " | | | 2021 | 2025\n1 | Tỷ lệ che phủ rừng | % | 45 | 49\n")
    records = extract_text(text).targets
    assert [(r.value, r.period) for r in records] == [(45, "2021"), (49, "2025")]


def test_report_results_are_actuals_and_next_year_plans_are_targets():
    extraction = extract_text(REPORT)
    actuals = [(a.indicator, a.value, a.unit, a.period, a.kind, a.estimate) for a in extraction.actuals]
    assert actuals == [
        ("Tổng thu ngân sách nhà nước trên địa bàn", 3650, "tỷ đồng", "2021", "level", True),
        ("Tổng thu ngân sách nhà nước trên địa bàn", 107.4, "%", "2021", "pct_of_plan", True),
        ("Tổng thu ngân sách nhà nước trên địa bàn", 8.5, "%", "2021", "change_vs_previous", True),
        ("Giá trị sản xuất công nghiệp", 12345, "tỷ đồng", "2021", "level", False),
        ("Tỷ lệ hộ nghèo", 1.2, "%", "2021", "level", False),
        ("Kim ngạch xuất khẩu", 250, "triệu USD", "2021-H1", "level", True),
    ]
    assert _targets(REPORT) == [
        ("Tốc độ tăng trưởng kinh tế", 7, None, None, "at_least", "2022", "kinh tế"),
        ("thu ngân sách", 3800, None, None, "at_least", "2022", "kinh tế"),
    ]


def test_a_plan_never_turns_its_targets_into_actuals():
    text = "KẾ HOẠCH\nNăm 2022\nGiải ngân vốn đầu tư công đạt 100% kế hoạch.\nThu ngân sách tăng 8% so với cùng kỳ."
    extraction = extract_text(text)
    assert extraction.actuals == []
    assert [t.direction for t in extraction.targets] == ["at_least", "increase_by"]


def test_emulation_plan_phases_deadlines_and_targets():
    extraction = extract_text(EMULATION)
    assert [(p["code"], p["start"], p["end"]) for p in extraction.phases] == [
        ("2023-D1", "2023-01-01", "2023-04-30"), ("2023-D2", "2023-05-01", "2023-12-31")]
    assert extraction.phases[0]["content"].startswith("thi đua chào mừng")
    assert [(d["due"], d["kind"], d["period"]) for d in extraction.deadlines] == [
        ("2023-03-15", "before", None), ("2023-06-10", "before", "2023-H1"),
        ("2023-12-31", "within_month", None)]
    assert _targets(EMULATION) == [
        ("cán bộ, công chức hoàn thành tốt nhiệm vụ", 100, None, None, "at_least", "2023", "khác"),
        ("Tỷ lệ hồ sơ giải quyết trễ hạn", 2, None, None, "at_most", "2023", "khác"),
    ]


def test_numbered_items_and_issuer_with_its_place():
    text = ("ỦY BAN NHÂN DÂN XÃ TÂN HÒA\nSố: 12/KH-UBND\nTân Hòa, ngày 05 tháng 01 năm 2023\nKẾ HOẠCH\n"
            "Thi đua năm 2023\n2.1. Chỉ tiêu kinh tế\n(1) Sản lượng lương thực đạt 21.000 tấn.\n"
            "(2) Hằng năm, tỷ lệ tuyển quân đạt 100% chỉ tiêu giao.")
    extraction = extract_text(text)
    assert (extraction.plan.issuer, extraction.plan.locality) == ("Ủy ban nhân dân xã Tân Hòa", "xã Tân Hòa")
    assert [(t.indicator, t.period) for t in extraction.targets] == [
        ("Sản lượng lương thực", "2023"), ("tỷ lệ tuyển quân", "2023")]


def test_years_before_the_plan_are_slips_not_periods():
    text = "KẾ HOẠCH\nThi đua năm 2022\n- 100% cơ quan thực hiện tốt cải cách hành chính năm 2021."
    record = extract_text(text).targets[0]
    assert record.period == "2022" and "trước kỳ kế hoạch" in record.to_dict()["note"]


def test_comma_thousands_settled_by_components():
    text = ("KẾ HOẠCH\nNăm 2022\nGiá trị sản xuất dịch vụ đạt 12,450 tỷ đồng. Trong đó thương mại "
            "đạt 8.200 tỷ đồng, du lịch đạt 4.250 tỷ đồng.")
    first = extract_text(text).targets[0]
    assert first.value == 12450 and "cộng lại bằng 12450" in first.to_dict()["note"]


def _docx(paragraphs: list[str], table: list[list[str]]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    document.add_paragraph("Nơi nhận:")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables():
    data = _docx(
        ["KẾ HOẠCH", "Phát triển kinh tế - xã hội năm 2023", "1. Về kinh tế",
         "Tốc độ tăng trưởng kinh tế đạt 8%."],
        [["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch 2023"], ["1", "Thu ngân sách", "tỷ đồng", "2.150"],
         ["2", "Tỷ lệ che phủ rừng", "%", "≥ 42"]],
    )
    records = extract_bytes(data, "ke-hoach.docx").targets
    assert [(r.indicator, r.value, r.unit, r.direction, r.period) for r in records] == [
        ("Tốc độ tăng trưởng kinh tế", 8, "%", "at_least", "2023"),
        ("Thu ngân sách", 2150, "tỷ đồng", "exact", "2023"),
        ("Tỷ lệ che phủ rừng", 42, "%", "at_least", "2023"),
    ]


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.mark.skipif(not FONT.exists(), reason="cần phông DejaVuSans (gói fonts-dejavu-core) để tạo PDF")
def test_text_pdf_is_read():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    for line in ("KẾ HOẠCH", "Phát triển kinh tế - xã hội năm 2024",
                 "Tỷ lệ hộ nghèo giảm còn 1,2%; thu ngân sách đạt 2.300 tỷ đồng."):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    records = extract_bytes(bytes(pdf.output()), "plan.pdf").targets
    assert [(r.indicator, r.value, r.direction, r.period) for r in records] == [
        ("Tỷ lệ hộ nghèo", 1.2, "at_most", "2024"), ("thu ngân sách", 2300, "at_least", "2024")]


@pytest.mark.parametrize("data, name, message", [
    (b"%PDF-1.4 broken", "x.pdf", "Không đọc được tệp PDF"),
    (b"PK\x03\x04 not a zip", "x.docx", "Không đọc được tệp .docx"),
    (b"abc", "x.xlsx", "chỉ nhận .txt, .docx hoặc .pdf"),
])
def test_unreadable_files_are_refused_in_vietnamese(data, name, message):
    with pytest.raises(DocumentError, match=message):
        read_lines(data, name)


def test_plain_text_in_windows_1258_and_wrapped_lines():
    text = "Tỷ lệ hộ nghèo giảm\ncòn 2%.".encode("utf-8")
    lines = read_lines(text, "a.txt")
    assert [line.text for line in lines] == ["Tỷ lệ hộ nghèo giảm còn 2%."]
