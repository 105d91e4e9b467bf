"""Figures in plan sentences: what is a quantity, what is a date, a document number, an age…

Sentences are written for these tests in the styles plans use; none is copied
from the seed plans.
"""
from __future__ import annotations

import pytest

from kpi.extract.quantities import read_number, scan


def _figures(text: str) -> list[tuple]:
    return [(m.value, m.min, m.max, m.unit, m.tail) for m in scan(text)]


@pytest.mark.parametrize("text, expected", [
    # Vietnamese notation, units as written, scale words kept in the unit.
    ("Thu ngân sách đạt 12.500 tỷ đồng", [(12500, None, None, "tỷ đồng", None)]),
    ("Tỷ lệ hộ nghèo còn 0,85%", [(0.85, None, None, "%", None)]),
    ("Tổng vốn đầu tư đạt 43,5 nghìn tỷ đồng", [(43.5, None, None, "nghìn tỷ đồng", None)]),
    ("đón 4,2 triệu lượt khách", [(4.2, None, None, "triệu lượt khách", None)]),
    ("thu nhập 68 triệu đồng/người/năm", [(68, None, None, "triệu đồng/người/năm", None)]),
    ("đạt 11 bác sĩ/vạn dân", [(11, None, None, "bác sĩ/vạn dân", None)]),
    ("tỷ suất sinh 15‰", [(15, None, None, "‰", None)]),
    ("giảm 0,5 điểm phần trăm", [(0.5, None, None, "điểm phần trăm", None)]),
    ("giảm 1 điểm %/năm", [(1, None, None, "điểm %/năm", None)]),
    ("nhựa hóa 25km đường", [(25, None, None, "km", None)]),
    ("trồng mới 1.200 ha rừng", [(1200, None, None, "ha", None)]),
    # Ranges: hyphen with or without spaces, "đến", unit written twice.
    ("tăng 8- 8,5%/năm", [(None, 8, 8.5, "%/năm", None)]),
    ("đạt 6,5 - 7%", [(None, 6.5, 7, "%", None)]),
    ("từ 2.100-2.300 tỷ đồng", [(None, 2100, 2300, "tỷ đồng", None)]),
    ("từ 5 đến 7 xã", [(None, 5, 7, "xã", None)]),
    ("đạt 45%-50%", [(None, 45, 50, "%", None)]),
    # Tails, fractions, leading zeros.
    ("đạt 95% trở lên", [(95, None, None, "%", "trở lên")]),
    ("từ 3.000 lao động trở lên", [(3000, None, None, "lao động", "trở lên")]),
    ("có 03 xã đạt chuẩn", [(3, None, None, "xã", None)]),
    ("12/18 xã đạt chuẩn", [(12, None, None, "xã", None)]),
    # Stray English notation.
    ("growth 6.8%", [(6.8, None, None, "%", None)]),
    ("đạt 1,250.5 tỷ đồng", [(1250.5, None, None, "tỷ đồng", None)]),
])
def test_figures_with_units_ranges_and_tails(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text", [
    "Căn cứ Nghị quyết số 45/NQ-HĐND ngày 10/12/2021 của Hội đồng nhân dân tỉnh",
    "Thực hiện Chỉ thị 05-CT/TW và Kết luận số 01-KL/TW ngày 18/5/2021",
    "Quyết định 1234/QĐ-UBND, Điều 3 khoản 2",
    "giai đoạn 2021 - 2025 và tầm nhìn đến năm 2030",
    "ngày 20 tháng 01 năm 2022, hoàn thành trong tháng 7/2022",
    "trẻ em từ 6 đến 14 tuổi, người từ 15 tuổi trở lên, trẻ dưới 5 tuổi",
    "giá so sánh năm 2010, nước mắm quy 40 độ đạm",
    "thực hiện 5 nhiệm vụ trọng tâm, 3 đột phá chiến lược và 12 chỉ tiêu chủ yếu",
    "trên cả 3 tiêu chí, thực hiện đồng bộ cả 4 khâu",
    "kỷ niệm 95 năm Ngày thành lập Đảng, kế hoạch 5 năm, báo cáo định kỳ 06 tháng",
    "phòng chống dịch Covid-19, cách mạng công nghiệp 4.0, ISO 9001:2015",
    "Đại hội Đảng bộ lần thứ 12, nhiệm kỳ 2020 - 2025, Hội nghị Trung ương 4",
    "3.2. Các chỉ tiêu xã hội",
    "Khối thi đua số 8, Cụm 3, Phường 2, Khu phố 5",
])
def test_numbers_that_are_not_targets_are_ignored(text):
    assert scan(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Tuổi thọ bình quân đạt 75,2 tuổi", [(75.2, None, None, "tuổi", None)]),
    ("Tỷ lệ suy dinh dưỡng ở trẻ dưới 5 tuổi còn 9%", [(9, None, None, "%", None)]),
    ("đạt 19 tiêu chí", [(19, None, None, "tiêu chí", None)]),
    ("thời gian giải quyết dưới 3 ngày", [(3, None, None, "ngày", None)]),
])
def test_definitions_masked_but_figures_kept(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("token, value, alternative", [
    ("6.400", 6400, None),
    ("0,28", 0.28, None),
    ("99,60", 99.6, None),
    ("16,723", 16.723, 16723),  # comma then exactly three digits: ambiguous
    ("1,250.5", 1250.5, None),
    ("12.5", 12.5, None),
])
def test_read_number_gives_the_other_reading_when_ambiguous(token, value, alternative):
    assert read_number(token) == (pytest.approx(value), alternative)
