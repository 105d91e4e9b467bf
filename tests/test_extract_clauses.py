"""Sentences of plans → target drafts (indicator, figures, unit, direction).

Each row is a sentence written for this test in the style of a provincial
resolution, a district congress resolution, a commune resolution or an
emulation plan; the seed plans are scored separately (test_extract_eval.py).
"""
from __future__ import annotations

import pytest

from kpi.extract.clauses import clause_period, parse_line


def _drafts(sentence: str) -> list[tuple]:
    return [(d.indicator, d.value, d.min, d.max, d.unit, d.direction) for d in parse_line(sentence)]


CASES = [
    # Comparator words before the figure; "trở lên" after it.
    ("Tốc độ tăng trưởng kinh tế (GRDP) đạt 7,5% trở lên.",
     [("Tốc độ tăng trưởng kinh tế (GRDP)", 7.5, None, None, "%", "at_least")]),
    ("Tỷ lệ trường đạt chuẩn quốc gia đạt trên 80%.",
     [("Tỷ lệ trường đạt chuẩn quốc gia", 80, None, None, "%", "at_least")]),
    ("Tỷ lệ che phủ rừng duy trì ở mức 48,5%.",
     [("Tỷ lệ che phủ rừng", 48.5, None, None, "%", "at_least")]),
    ("Tỷ lệ phụ nữ tham gia cấp ủy đạt từ 15% trở lên.",
     [("Tỷ lệ phụ nữ tham gia cấp ủy", 15, None, None, "%", "at_least")]),
    ("Tỷ lệ dân số đô thị được cung cấp nước sạch ≥ 95%.",
     [("Tỷ lệ dân số đô thị được cung cấp nước sạch", 95, None, None, "%", "at_least")]),
    ("Tỷ lệ thất nghiệp ở khu vực thành thị dưới 3%.",
     [("Tỷ lệ thất nghiệp ở khu vực thành thị", 3, None, None, "%", "at_most")]),
    ("Tỷ lệ tăng dân số tự nhiên không quá 1,1%.",
     [("Tỷ lệ tăng dân số tự nhiên", 1.1, None, None, "%", "at_most")]),
    ("Không quá 5% số thủ tục hành chính giải quyết trễ hạn.",
     [("số thủ tục hành chính giải quyết trễ hạn", 5, None, None, "%", "at_most")]),
    ("Tỷ lệ cơ quan, đơn vị đạt chuẩn văn hóa là 95%.",
     [("Tỷ lệ cơ quan, đơn vị đạt chuẩn văn hóa", 95, None, None, "%", "exact")]),
    ("Tổng thu ngân sách nhà nước trên địa bàn 12.500 tỷ đồng.",
     [("Tổng thu ngân sách nhà nước trên địa bàn", 12500, None, None, "tỷ đồng", "exact")]),
    # "đạt" inside the indicator's name is not the comparator.
    ("Tỷ lệ xã đạt chuẩn quốc gia về y tế đạt 100%.",
     [("Tỷ lệ xã đạt chuẩn quốc gia về y tế", 100, None, None, "%", "at_least")]),
    # Reduce *to* a level is at_most; reduce *by* is a change.
    ("Đến năm 2025, tỷ lệ hộ nghèo còn dưới 2%.",
     [("tỷ lệ hộ nghèo", 2, None, None, "%", "at_most")]),
    ("Tỷ lệ hộ nghèo giảm còn 1,5%, hộ cận nghèo còn 3%.",
     [("Tỷ lệ hộ nghèo", 1.5, None, None, "%", "at_most"),
      ("Tỷ lệ hộ cận nghèo", 3, None, None, "%", "at_most")]),
    ("Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi giảm xuống dưới 12%.",
     [("Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi", 12, None, None, "%", "at_most")]),
    ("Tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều) giảm 1% so với năm 2021.",
     [("Tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều)", 1, None, None, "%", "decrease_by")]),
    ("Giảm 10% số vụ phạm pháp hình sự so với năm trước.",
     [("số vụ phạm pháp hình sự", 10, None, None, "%", "decrease_by")]),
    ("Kéo giảm tỷ lệ sinh con thứ 3 trở lên 0,2%/năm.",
     [("tỷ lệ sinh con thứ 3 trở lên", 0.2, None, None, "%/năm", "decrease_by")]),
    ("Tỷ lệ hộ nghèo giảm 1-1,5 điểm phần trăm/năm.",
     [("Tỷ lệ hộ nghèo", None, 1, 1.5, "điểm phần trăm/năm", "decrease_by")]),
    ("Thu ngân sách tăng bình quân 12%/năm.",
     [("Thu ngân sách", 12, None, None, "%/năm", "increase_by")]),
    ("Nâng tỷ lệ che phủ rừng lên 52%.",
     [("tỷ lệ che phủ rừng", 52, None, None, "%", "at_least")]),
    ("Thu nhập bình quân đầu người năm 2025 tăng gấp 1,5 lần so với năm 2020.",
     [("Thu nhập bình quân đầu người", 1.5, None, None, "lần", "increase_by")]),
    ("Có thêm 15 xã đạt chuẩn nông thôn mới.",
     [("xã đạt chuẩn nông thôn mới", 15, None, None, "xã", "increase_by")]),
    # Ranges win over "đạt"; a range of change stays a change.
    ("Tỷ trọng công nghiệp - xây dựng trong GRDP chiếm 45-46%.",
     [("Tỷ trọng công nghiệp - xây dựng trong GRDP", None, 45, 46, "%", "range")]),
    ("Tốc độ tăng giá trị sản xuất bình quân hằng năm từ 9-10%.",
     [("Tốc độ tăng giá trị sản xuất", None, 9, 10, "%", "range")]),
    ("Tổng sản phẩm trên địa bàn (GRDP) tăng 6,5-7% so với năm 2021.",
     [("Tổng sản phẩm trên địa bàn (GRDP)", None, 6.5, 7, "%", "increase_by")]),
    # Several targets in one sentence; a figure continuing the same indicator.
    ("Kim ngạch xuất khẩu đạt 1.200 triệu USD, tăng 10% so với năm 2021.",
     [("Kim ngạch xuất khẩu", 1200, None, None, "triệu USD", "at_least"),
      ("Kim ngạch xuất khẩu", 10, None, None, "%", "increase_by")]),
    ("Thu hút 3,5 triệu lượt khách du lịch, doanh thu du lịch đạt 4.500 tỷ đồng.",
     [("Thu hút lượt khách du lịch", 3.5, None, None, "triệu lượt khách", "exact"),
      ("doanh thu du lịch", 4500, None, None, "tỷ đồng", "at_least")]),
    ("Đàn heo 5.000 con, đàn bò 1.200 con.",
     [("Đàn heo", 5000, None, None, "con", "exact"), ("đàn bò", 1200, None, None, "con", "exact")]),
    # Indicator carried over from the previous clause.
    ("Tỷ lệ lao động qua đào tạo đạt 72%, trong đó có bằng cấp, chứng chỉ đạt 30%.",
     [("Tỷ lệ lao động qua đào tạo", 72, None, None, "%", "at_least"),
      ("Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", 30, None, None, "%", "at_least")]),
    ("Giá trị sản xuất nông nghiệp đạt 2.100 tỷ đồng; thủy sản đạt 950 tỷ đồng.",
     [("Giá trị sản xuất nông nghiệp", 2100, None, None, "tỷ đồng", "at_least"),
      ("Giá trị sản xuất thủy sản", 950, None, None, "tỷ đồng", "at_least")]),
    ("Tỷ lệ huy động trẻ từ 3 đến 5 tuổi ra lớp đạt 95%; từ 6 đến 10 tuổi đạt 100%.",
     [("Tỷ lệ huy động trẻ từ 3 đến 5 tuổi ra lớp", 95, None, None, "%", "at_least"),
      ("Tỷ lệ huy động trẻ từ 6 đến 10 tuổi ra lớp", 100, None, None, "%", "at_least")]),
    ("Đến năm 2025, tỷ lệ đô thị hóa đạt 40%; đến năm 2030 đạt 50%.",
     [("tỷ lệ đô thị hóa", 40, None, None, "%", "at_least"),
      ("tỷ lệ đô thị hóa", 50, None, None, "%", "at_least")]),
    ("Cơ cấu lao động: nông nghiệp 35%; công nghiệp - xây dựng 30%; dịch vụ 35%.",
     [("Cơ cấu lao động: nông nghiệp", 35, None, None, "%", "exact"),
      ("Cơ cấu lao động: công nghiệp - xây dựng", 30, None, None, "%", "exact"),
      ("Cơ cấu lao động: dịch vụ", 35, None, None, "%", "exact")]),
    # Value first: the indicator follows the figure; fillers give the direction.
    ("Phấn đấu 100% xã đạt chuẩn nông thôn mới.",
     [("xã đạt chuẩn nông thôn mới", 100, None, None, "%", "at_least")]),
    ("Giữ vững 100% xã đạt chuẩn nông thôn mới.",
     [("xã đạt chuẩn nông thôn mới", 100, None, None, "%", "at_least")]),
    ("Có ít nhất 70% đơn vị đạt danh hiệu Tập thể lao động xuất sắc.",
     [("đơn vị đạt danh hiệu Tập thể lao động xuất sắc", 70, None, None, "%", "at_least")]),
    ("Hằng năm có 85% trở lên tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ.",
     [("tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", 85, None, None, "%", "at_least")]),
    ("Xây dựng mới 5 trường đạt chuẩn quốc gia.",
     [("trường đạt chuẩn quốc gia", 5, None, None, "trường", "exact")]),
    ("Phấn đấu 90% số hộ đạt danh hiệu gia đình văn hóa, 70% thôn, ấp đạt danh hiệu văn hóa.",
     [("số hộ đạt danh hiệu gia đình văn hóa", 90, None, None, "%", "at_least"),
      ("thôn, ấp đạt danh hiệu văn hóa", 70, None, None, "%", "at_least")]),
    ("Đạt 10 bác sĩ/vạn dân và 32 giường bệnh/vạn dân.",
     [("bác sĩ", 10, None, None, "bác sĩ/vạn dân", "at_least"),
      ("giường bệnh", 32, None, None, "giường bệnh/vạn dân", "at_least")]),
    # Shared predicate after coordinated value-first subjects.
    ("Có 60% số thôn và 40% số xã có nhà văn hóa đạt chuẩn.",
     [("số thôn có nhà văn hóa đạt chuẩn", 60, None, None, "%", "exact"),
      ("số xã có nhà văn hóa đạt chuẩn", 40, None, None, "%", "exact")]),
    # Counts restated as shares, fractions.
    ("Tỷ lệ xã đạt chuẩn nông thôn mới đạt 60% (9 xã).",
     [("Tỷ lệ xã đạt chuẩn nông thôn mới", 60, None, None, "%", "at_least"),
      ("Tỷ lệ xã đạt chuẩn nông thôn mới", 9, None, None, "xã", "at_least")]),
    ("Số xã đạt chuẩn nông thôn mới 14/20 xã, bằng 70%.",
     [("Số xã đạt chuẩn nông thôn mới", 14, None, None, "xã", "exact"),
      ("Số xã đạt chuẩn nông thôn mới", 70, None, None, "%", "exact")]),
    # A verb-only subject takes what it counts; trailing words join the indicator.
    ("Kết nạp mới 500 đảng viên trở lên.",
     [("Kết nạp mới đảng viên", 500, None, None, "đảng viên", "at_least")]),
    ("Bê tông hóa 3,5 km đường giao thông nội đồng.",
     [("Bê tông hóa đường giao thông nội đồng", 3.5, None, None, "km", "exact")]),
    ("Đến năm 2025, kinh tế số chiếm khoảng 20% GRDP của tỉnh.",
     [("kinh tế số chiếm GRDP của tỉnh", 20, None, None, "%", "exact")]),
    # Reference bases after the figure are not part of the indicator.
    ("Giải ngân vốn đầu tư công đạt 100% kế hoạch vốn được giao.",
     [("Giải ngân vốn đầu tư công", 100, None, None, "%", "at_least")]),
    # Definitions inside the indicator stay words, not figures.
    ("Tỷ lệ dân số từ 15 tuổi trở lên biết chữ đạt 98%.",
     [("Tỷ lệ dân số từ 15 tuổi trở lên biết chữ", 98, None, None, "%", "at_least")]),
    ("Giá trị sản xuất công nghiệp (giá so sánh 2010) đạt 45.000 tỷ đồng.",
     [("Giá trị sản xuất công nghiệp (giá so sánh 2010)", 45000, None, None, "tỷ đồng", "at_least")]),
    ("Tuổi thọ trung bình đạt 74,5 tuổi.",
     [("Tuổi thọ trung bình", 74.5, None, None, "tuổi", "at_least")]),
    # Typos in filler words are tolerated ("phần đầu" for "phấn đấu").
    ("Tiếp tục hoàn thiện tiêu chí các xã còn lại, phần đầu 03 xã đạt chuẩn nông thôn mới.",
     [("xã đạt chuẩn nông thôn mới", 3, None, None, "xã", "at_least")]),
    ("Đến năm 2025, có 80% số xã đạt chuẩn nông thôn mới, trong đó có 20% số xã đạt chuẩn "
     "nông thôn mới nâng cao.",
     [("số xã đạt chuẩn nông thôn mới", 80, None, None, "%", "exact"),
      ("số xã đạt chuẩn nông thôn mới nâng cao", 20, None, None, "%", "exact")]),
    ("Tổng thu ngân sách đạt 20.000 tỷ đồng; thu nội địa tăng bình quân 10%/năm.",
     [("Tổng thu ngân sách", 20000, None, None, "tỷ đồng", "at_least"),
      ("Tổng thu ngân sách: thu nội địa", 10, None, None, "%/năm", "increase_by")]),
    ("Tổng sản phẩm (GRDP) tăng 7,5%, trong đó: nông nghiệp tăng 3%, dịch vụ tăng 7%.",
     [("Tổng sản phẩm (GRDP)", 7.5, None, None, "%", "increase_by"),
      ("Tổng sản phẩm (GRDP): nông nghiệp", 3, None, None, "%", "increase_by"),
      ("Tổng sản phẩm (GRDP): dịch vụ", 7, None, None, "%", "increase_by")]),
    ("Mỗi xã có ít nhất 01 mô hình sản xuất hiệu quả.",
     [("Mỗi xã có mô hình sản xuất hiệu quả", 1, None, None, "mô hình", "at_least")]),
    # "per 10.000 people" defines the indicator.
    ("Số bác sĩ trên 10.000 dân đạt 11 bác sĩ; số giường bệnh trên 10.000 dân đạt 32 giường.",
     [("Số bác sĩ trên 10.000 dân", 11, None, None, "bác sĩ", "at_least"),
      ("số giường bệnh trên 10.000 dân", 32, None, None, "giường", "at_least")]),
    ("Tỷ lệ che phủ rừng duy trì ổn định ở mức 42%.",
     [("Tỷ lệ che phủ rừng", 42, None, None, "%", "at_least")]),
    # Counts of tasks done are not targets.
    ("Phấn đấu hoàn thành và hoàn thành vượt mức 18/18 chỉ tiêu Nghị quyết đề ra.", []),
    # No figure: a decrease against last year.
    ("Kéo giảm tai nạn giao thông so với năm trước trên cả 3 tiêu chí.",
     [("tai nạn giao thông", None, None, None, None, "decrease_vs_previous")]),
    ("Số vụ cháy nổ giảm so với cùng kỳ.",
     [("Số vụ cháy nổ", None, None, None, None, "decrease_vs_previous")]),
    ("Thu ngân sách trên địa bàn tăng so với năm 2021.",
     [("Thu ngân sách trên địa bàn", None, None, None, None, "increase_vs_previous")]),
    # Nothing to extract.
    ("Tiếp tục thực hiện 3 đột phá chiến lược và 6 nhiệm vụ trọng tâm.", []),
    ("Đảm bảo an ninh chính trị, trật tự an toàn xã hội trên địa bàn.", []),
    ("Tăng cường công tác tuyên truyền về phòng, chống Covid-19.", []),
]


@pytest.mark.parametrize("sentence, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_sentence_to_targets(sentence, expected):
    assert _drafts(sentence) == expected


@pytest.mark.parametrize("sentence, locality", [
    ("Phấn đấu có thêm 02 xã đạt chuẩn nông thôn mới (xã Hòa Bình và xã Tân Thành).",
     "xã Hòa Bình và xã Tân Thành"),
    ("Tỷ lệ hộ dùng điện lưới quốc gia 99,5% (trừ Hòn Nghệ).", "trừ Hòn Nghệ"),
    ("Tỷ lệ hộ dùng điện lưới 99% (không tính hộ tạm trú).", None),
])
def test_named_places_in_parentheses(sentence, locality):
    assert parse_line(sentence)[0].locality == locality


def test_strict_bounds_are_marked():
    below, above, plain = (parse_line(s)[0] for s in (
        "Tỷ lệ thất nghiệp dưới 3%.", "Tỷ lệ hồ sơ đúng hạn đạt trên 98%.", "Tỷ lệ hộ nghèo không quá 2%."))
    assert (below.strict, above.strict, plain.strict) == (True, True, False)


def test_or_no_increase_makes_a_vs_previous_target_not_strict():
    draft = parse_line("Giảm tỷ lệ chi bộ yếu kém so với năm trước (hoặc không tăng).")[0]
    assert draft.direction == "decrease_vs_previous" and draft.strict is False


@pytest.mark.parametrize("clause, unit, direction, expected", [
    ("Tốc độ tăng GRDP đạt 10-11%/năm", "%/năm", "range", (None, None, True)),
    ("Tỷ lệ hộ nghèo giảm 1,5% hằng năm", "%", "decrease_by", (None, None, True)),
    ("Thu nhập đến năm 2025 đạt 85 triệu đồng/người/năm", "triệu đồng/người/năm", "at_least",
     (None, 2025, False)),
    ("Diện tích trồng rừng mới 1.500 ha/năm", "ha/năm", "exact", (None, None, True)),
    ("Tổng diện tích gieo trồng cây hằng năm 1.250 ha", "ha", "exact", (None, None, False)),
    ("Tổng vốn đầu tư giai đoạn 2021-2025 đạt 100 nghìn tỷ đồng", "nghìn tỷ đồng", "at_least",
     ((2021, 2025), None, False)),
    ("Số vụ tai nạn giảm 5% so với cùng kỳ năm 2021", "%", "decrease_by", (None, None, False)),
])
def test_clause_period(clause, unit, direction, expected):
    assert clause_period(clause, unit, direction) == expected
