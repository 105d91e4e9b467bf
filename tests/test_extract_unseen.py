"""Rules added to read plans in styles the seeds do not cover.

Every sentence and document here is written for this test (none is copied
from the seeds or from tests/fixtures/plans); each row pins one rule of the
language: change verbs with a floor, zero tolerance, "đạt và vượt", "phần
trăm", parenthetical restatements, parts ("trong đó"), actors, sub-areas,
coordinated indicators, resolutions' preambles, review sections, appendices
after the signature, space-aligned tables, and the reported values of reports.
"""
from __future__ import annotations

import pytest

from kpi.extract import extract_text
from kpi.extract.actuals import is_report_clause, read_reported
from kpi.extract.clauses import clause_period, parse_line
from kpi.extract.figureless import zero_tolerance_events
from kpi.extract.quantities import scan
from kpi.extract.scoring import unit_key
from kpi.extract.subjects import place, split_coordinated
from kpi.extract.text import lines_from_text


def _drafts(sentence: str) -> list[tuple]:
    return [(d.indicator, d.value, d.min, d.max, d.unit, d.direction) for d in parse_line(sentence)]


SENTENCES = [
    # A change verb opening the clause: the figure is the change, "từ … trở lên" its floor.
    ("Giảm tỷ lệ hộ cận nghèo từ 0,8% trở lên.",
     [("tỷ lệ hộ cận nghèo", 0.8, None, None, "%", "decrease_by")]),
    ("Kéo giảm số vụ cháy từ 10% trở lên so với năm 2022.",
     [("số vụ cháy", 10, None, None, "%", "decrease_by")]),
    ("Tăng thu ngân sách ít nhất 6% so với năm trước.",
     [("thu ngân sách", 6, None, None, "%", "increase_by")]),
    ("Kéo giảm từ 3% đến 5% số vụ tai nạn lao động.",
     [("số vụ tai nạn lao động", None, 3, 5, "%", "decrease_by")]),
    # …but a level verb after it still reads as a level.
    ("Nâng tỷ lệ hộ dùng nước sạch lên 97%.",
     [("tỷ lệ hộ dùng nước sạch", 97, None, None, "%", "at_least")]),
    ("Giảm tỷ lệ sinh con thứ ba xuống còn 6%.",
     [("tỷ lệ sinh con thứ ba", 6, None, None, "%", "at_most")]),
    # "đạt và vượt": reach or exceed.
    ("Tỷ lệ thu phí đúng hạn đạt và vượt 92%.",
     [("Tỷ lệ thu phí đúng hạn", 92, None, None, "%", "at_least")]),
    # "%" written out; points stay points.
    ("Tỷ lệ hài lòng của người dân đạt trên 80 phần trăm.",
     [("Tỷ lệ hài lòng của người dân", 80, None, None, "%", "at_least")]),
    ("Tỷ lệ hộ nghèo giảm 0,7 điểm phần trăm.",
     [("Tỷ lệ hộ nghèo", 0.7, None, None, "điểm phần trăm", "decrease_by")]),
    # Ranges written with the unit twice and "/năm" on the second.
    ("Tốc độ tăng doanh thu dịch vụ từ 9% đến 10%/năm.",
     [("Tốc độ tăng doanh thu dịch vụ", None, 9, 10, "%/năm", "range")]),
    # A long label directly followed by its figure is the indicator.
    ("Tỷ lệ cơ sở y tế công lập thực hiện thanh toán không dùng tiền mặt: 100%.",
     [("Tỷ lệ cơ sở y tế công lập thực hiện thanh toán không dùng tiền mặt", 100, None, None, "%",
       "exact")]),
    # A figure restated in brackets with its own comparator.
    ("Tỷ lệ trẻ thừa cân giảm 0,3 điểm phần trăm so với năm 2023 (còn dưới 9%).",
     [("Tỷ lệ trẻ thừa cân", 0.3, None, None, "điểm phần trăm", "decrease_by"),
      ("Tỷ lệ trẻ thừa cân", 9, None, None, "%", "at_most")]),
    # "(trong đó …)" lists a part; it does not restate the figure.
    ("Tổng chi ngân sách 980 tỷ đồng (trong đó chi đầu tư phát triển 310 tỷ đồng).",
     [("Tổng chi ngân sách", 980, None, None, "tỷ đồng", "exact"),
      ("Tổng chi ngân sách: chi đầu tư phát triển", 310, None, None, "tỷ đồng", "exact")]),
    # A part ("trong đó") given by its predicate only takes the previous subject.
    ("100% hội viên được tập huấn kỹ thuật, trong đó tối thiểu 30% áp dụng quy trình VietGAP.",
     [("hội viên được tập huấn kỹ thuật", 100, None, None, "%", "exact"),
      ("hội viên áp dụng quy trình VietGAP", 30, None, None, "%", "at_least")]),
    # "… cho N Y": the second figure is the object of the same activity.
    ("Mở 06 lớp dạy nghề cho 180 lượt lao động nông thôn.",
     [("Mở lớp dạy nghề", 6, None, None, "lớp", "exact"),
      ("Mở lớp dạy nghề cho lượt lao động nông thôn", 180, None, None, "lượt", "exact")]),
    # A bare verb after "phấn đấu" takes the object it had earlier in the sentence.
    ("Tập trung chỉ đạo đẩy mạnh thu hồi nợ đọng thuế trên địa bàn huyện, phấn đấu thu hồi đạt 70% "
     "số nợ.",
     [("thu hồi nợ đọng thuế trên địa bàn huyện", 70, None, None, "%", "at_least")]),
    # An actor as subject: what it completes is the indicator.
    ("Các trường hoàn thành 100% kế hoạch bồi dưỡng giáo viên năm học.",
     [("hoàn thành kế hoạch bồi dưỡng giáo viên năm học", 100, None, None, "%", "at_least")]),
    # An organisation before "phấn đấu" is who acts, not what is measured.
    ("Chi cục Thuế phấn đấu thu thuế ngoài quốc doanh đạt 410 tỷ đồng.",
     [("thu thuế ngoài quốc doanh", 410, None, None, "tỷ đồng", "at_least")]),
    # An excess over the plan ("vượt X% dự toán") is a change against the plan.
    ("Thu tiền sử dụng đất vượt 15% dự toán tỉnh giao.",
     [("Thu tiền sử dụng đất", 15, None, None, "%", "increase_by")]),
    ("Doanh thu du lịch đạt 900 tỷ đồng, vượt 4% kế hoạch.",
     [("Doanh thu du lịch", 900, None, None, "tỷ đồng", "at_least"),
      ("Doanh thu du lịch vượt kế hoạch", 4, None, None, "%", "increase_by")]),
    # A sub-area right after the figure is a locality; the next figure continues.
    ("Tỷ lệ hộ có nhà vệ sinh hợp chuẩn đạt 95% ở khu vực đô thị và 80% ở khu vực nông thôn.",
     [("Tỷ lệ hộ có nhà vệ sinh hợp chuẩn", 95, None, None, "%", "at_least"),
      ("Tỷ lệ hộ có nhà vệ sinh hợp chuẩn", 80, None, None, "%", "at_least")]),
    # Coordinated indicators with one figure.
    ("Số vụ ngộ độc thực phẩm và số người bị ngộ độc giảm 20% so với năm 2023.",
     [("Số vụ ngộ độc thực phẩm", 20, None, None, "%", "decrease_by"),
      ("số người bị ngộ độc", 20, None, None, "%", "decrease_by")]),
    # A per-population base written once for two value-first figures.
    ("Có 2,5 dược sĩ và 30 điều dưỡng trên 10.000 dân.",
     [("dược sĩ trên 10.000 dân", 2.5, None, None, "dược sĩ", "exact"),
      ("điều dưỡng trên 10.000 dân", 30, None, None, "điều dưỡng", "exact")]),
    # Effort verbs before a bare figure read "at least".
    ("Phấn đấu giải quyết 100% đơn thư thuộc thẩm quyền.",
     [("giải quyết đơn thư thuộc thẩm quyền", 100, None, None, "%", "at_least")]),
    # The counted noun joins the object that runs on after it.
    ("Lắp đặt 30 camera an ninh tại các tuyến đường chính.",
     [("Lắp đặt camera an ninh tại các tuyến đường chính", 30, None, None, "camera", "exact")]),
    # "Nâng cấp" (upgrade) is not a change verb; a figure's words stop at the next clause.
    ("Nâng cấp 8 km đê bao, nạo vét 12 km kênh mương nội đồng.",
     [("Nâng cấp đê bao", 8, None, None, "km", "exact"),
      ("nạo vét kênh mương nội đồng", 12, None, None, "km", "exact")]),
    ("Thu hút 4 doanh nghiệp vào khu công nghiệp với tổng vốn đầu tư khoảng 1.200 tỷ đồng.",
     [("Thu hút doanh nghiệp vào khu công nghiệp", 4, None, None, "doanh nghiệp", "exact"),
      ("tổng vốn đầu tư", 1200, None, None, "tỷ đồng", "exact")]),
    # A share of a total keeps the total as a note, not in the name.
    ("Nợ đọng bảo hiểm xã hội không quá 3% tổng số phải thu.",
     [("Nợ đọng bảo hiểm xã hội", 3, None, None, "%", "at_most")]),
    # A number that a word follows is part of a name ("5 không", "4 sao").
    ("Tỷ lệ hộ đạt tiêu chí gia đình 5 không, 3 sạch đạt 70%.",
     [("Tỷ lệ hộ đạt tiêu chí gia đình 5 không, 3 sạch", 70, None, None, "%", "at_least")]),
    # Dimensions define an object; a length as the indicator stays a figure.
    ("Xây dựng 3 tuyến đường dài tối thiểu 500 m.",
     [("tuyến đường dài tối thiểu 500 m", 3, None, None, "tuyến", "exact")]),
    ("Tổng chiều dài kênh được nạo vét 14 km.",
     [("Tổng chiều dài kênh được nạo vét", 14, None, None, "km", "exact")]),
    # A count written as a fraction keeps its comparator.
    ("Nâng số tiêu chí đạt chuẩn lên 18/19 tiêu chí.",
     [("số tiêu chí đạt chuẩn", 18, None, None, "tiêu chí", "at_least")]),
    # Structure counts are never targets, whatever precedes them.
    ("Phấn đấu hoàn thành 15 chỉ tiêu chủ yếu và tổ chức 3 đợt thi đua cao điểm.", []),
    ("Đến cuối năm 2025 xã đạt chuẩn đô thị văn minh.", []),
]


@pytest.mark.parametrize("sentence, expected", SENTENCES, ids=[s[0][:48] for s in SENTENCES])
def test_sentences_in_unseen_styles(sentence, expected):
    assert _drafts(sentence) == expected


@pytest.mark.parametrize("sentence, note", [
    ("Giảm tỷ lệ hộ cận nghèo từ 0,8% trở lên.", "mức thay đổi tối thiểu (trở lên)"),
    ("Tăng thu ngân sách ít nhất 6% so với năm trước.", "mức thay đổi tối thiểu"),
    ("Doanh thu du lịch đạt 900 tỷ đồng, vượt 4% kế hoạch.", "mức vượt so với kế hoạch/dự toán"),
    ("Nợ đọng bảo hiểm xã hội không quá 3% tổng số phải thu.", "tính trên tổng số phải thu"),
])
def test_notes_say_what_was_inferred(sentence, note):
    assert any(note in d.notes for d in parse_line(sentence))


@pytest.mark.parametrize("sentence, strict", [
    ("Tỷ lệ thu phí đúng hạn đạt và vượt 92%.", False),
    ("Tỷ lệ thu phí đúng hạn vượt 92%.", True),
])
def test_reach_or_exceed_is_not_strict(sentence, strict):
    assert parse_line(sentence)[0].strict is strict


def test_a_sub_area_after_the_figure_is_the_locality():
    drafts = parse_line("Tỷ lệ hộ có nhà vệ sinh hợp chuẩn đạt 95% ở khu vực đô thị và 80% ở khu vực nông thôn.")
    assert [d.locality for d in drafts] == ["khu vực đô thị", "khu vực nông thôn"]


@pytest.mark.parametrize("clause, events", [
    ("Không để xảy ra dịch cúm gia cầm.", ["dịch cúm gia cầm"]),
    ("không để cháy rừng xảy ra trong mùa khô", ["cháy rừng"]),
    ("Không phát sinh điểm nóng về khiếu kiện đông người", ["điểm nóng về khiếu kiện đông người"]),
    ("Phấn đấu không có học sinh bỏ học giữa chừng.", ["học sinh bỏ học giữa chừng"]),
    # Separate events when each is a phrase of its own; a pair of short words is one.
    ("Không để xảy ra ngộ độc thực phẩm đông người, dịch bệnh trên đàn gia súc.",
     ["ngộ độc thực phẩm đông người", "dịch bệnh trên đàn gia súc"]),
    ("Không để xảy ra tham ô, lãng phí.", ["tham ô, lãng phí"]),
    # Not zero tolerance.
    ("Không để ai bị bỏ lại phía sau.", []),
    ("Giải quyết đơn thư, không để tồn đọng kéo dài.", []),
])
def test_zero_tolerance_events(clause, events):
    assert zero_tolerance_events(clause) == events


def test_zero_tolerance_is_at_most_zero_without_unit():
    (draft,) = parse_line("Không để xảy ra tai nạn lao động chết người.")
    assert (draft.indicator, draft.value, draft.unit, draft.direction) == (
        "tai nạn lao động chết người", 0, None, "at_most")


def test_opening_each_year_dates_every_clause_of_its_sentence():
    drafts = parse_line("Hằng năm có 85% chi hội đạt vững mạnh; không có chi hội yếu kém.")
    assert [d.annual for d in drafts] == [True, True]


@pytest.mark.parametrize("paren, about, expected", [
    ("Tân Phú, Tân Lợi", "02 xã đạt chuẩn", "Tân Phú, Tân Lợi"),
    ("trừ Cù Lao Dung", "%", "trừ Cù Lao Dung"),
    ("ấp Bình Hòa, ấp Bình Thạnh", "mô hình", "ấp Bình Hòa, ấp Bình Thạnh"),
    ("Giao thông, Thủy lợi", "4 tiêu chí", None),
])
def test_names_in_brackets_are_places_only_when_the_target_is_about_places(paren, about, expected):
    assert place(paren, about) == expected


@pytest.mark.parametrize("name, expected", [
    ("số hộ nghèo và số hộ cận nghèo trên địa bàn",
     ["số hộ nghèo trên địa bàn", "số hộ cận nghèo trên địa bàn"]),
    ("Số vụ cháy, số người chết và số người bị thương",
     ["Số vụ cháy", "số người chết", "số người bị thương"]),
    ("Tỷ lệ hộ dùng nước sạch ở đô thị và nước hợp vệ sinh ở nông thôn",
     ["Tỷ lệ hộ dùng nước sạch ở đô thị và nước hợp vệ sinh ở nông thôn"]),
])
def test_coordinated_indicators_split(name, expected):
    assert split_coordinated(name) == expected


@pytest.mark.parametrize("text, expected", [
    ("đạt trên 88 phần trăm", [(88, "%")]),
    ("giảm 1 phần trăm/năm", [(1, "%/năm")]),
    ("từ 12% đến 14%/năm", [(None, "%/năm")]),
    ("xuống còn 3 ngày làm việc", [(3, "ngày làm việc")]),
    ("Sĩ số không quá 40 học sinh/lớp", [(40, "học sinh/lớp")]),
    ("Chỉ tiêu 4: Tỷ lệ che phủ rừng 46%", [(46, "%")]),
    ("mỗi khu phố có 1 tuyến hẻm rộng tối thiểu 3 m", [(1, "tuyến")]),
])
def test_figures_units_and_masks(text, expected):
    assert [(m.value, m.unit) for m in scan(text)] == expected


@pytest.mark.parametrize("clause, unit, expected", [
    # Money per year is a level, due in the year the clause names.
    ("Thu nhập bình quân đến năm 2030 đạt 120 triệu đồng/năm", "triệu đồng/năm", (None, 2030, False)),
    ("Thu nhập đạt 80 triệu đồng/năm, gấp 2 lần năm 2020", "lần", (None, None, False)),
    # A baseline span is not the period.
    ("Số ca mắc sởi giảm 20% so với trung bình giai đoạn 2019-2023", "%", (None, None, False)),
    # A count per year is a yearly rate.
    ("Trồng mới 500 ha rừng/năm", "ha/năm", (None, None, True)),
])
def test_clause_period_levels_and_baselines(clause, unit, expected):
    assert clause_period(clause, unit) == expected


@pytest.mark.parametrize("unit, key", [("phần trăm", "%"), ("phần trăm/năm", "%/năm"),
                                       ("điểm phần trăm", "điểm phần trăm"), ("ngàn tỷ đồng", "nghìn tỷ đồng")])
def test_scorer_folds_percent_written_out(unit, key):
    assert unit_key(unit) == key


@pytest.mark.parametrize("text, report, expected", [
    ("Thu ngân sách ước đạt 540 tỷ đồng.", False, True),
    ("Nhiệm kỳ qua, thu nhập bình quân tăng 1,6 lần.", False, True),
    ("Thu ngân sách đạt 104% dự toán.", True, True),
    # In a plan, a share of the plan is how a target is worded.
    ("Thu ngân sách vượt 5% dự toán được giao.", False, False),
    ("Giải ngân vốn đầu tư công đạt 95% kế hoạch vốn.", False, False),
    # "so với ước thực hiện" names a baseline.
    ("Kim ngạch nhập khẩu tăng 8% so với ước thực hiện năm 2024.", False, False),
])
def test_report_clauses(text, report, expected):
    assert is_report_clause(text, report) is expected


def test_reported_values_continue_after_a_level_over_the_plan_and_scope_estimates_to_their_clause():
    values = read_reported("Thu phí, lệ phí 48/KH 45 tỷ đồng, đạt 106,7% dự toán; số doanh nghiệp thành lập "
                           "mới ước đạt 85 doanh nghiệp; trong năm có thêm 3 chợ đạt chuẩn văn minh thương mại.")
    assert [(v.value, v.kind, v.estimate) for v in values] == [
        (48, "level", False), (106.7, "pct_of_plan", False), (85, "level", True),
        (3, "change_vs_previous", False)]
    assert values[-1].indicator == "chợ đạt chuẩn văn minh thương mại"


def test_a_share_of_the_quota_reported_alone_is_a_share_of_the_plan():
    (value,) = read_reported("Tuyển quân đạt 100% chỉ tiêu được giao.")
    assert (value.indicator, value.value, value.kind) == ("Tuyển quân", 100, "pct_of_plan")


def _targets(text: str) -> list[tuple]:
    return [(t.indicator, t.value, t.direction, t.period) for t in extract_text(text).targets]


RESOLUTION = """HỘI ĐỒNG NHÂN DÂN
XÃ AN BÌNH
Số: 20/NQ-HĐND
An Bình, ngày 18 tháng 12 năm 2024
NGHỊ QUYẾT
Về nhiệm vụ năm 2025
HỘI ĐỒNG NHÂN DÂN XÃ AN BÌNH KHÓA XII, KỲ HỌP THỨ 10
Kỳ họp có 25/25 đại biểu tham dự, thống nhất với trên 90% ý kiến tán thành.
QUYẾT NGHỊ:
Điều 1. Chỉ tiêu năm 2025
- Không để xảy ra dịch bệnh nguy hiểm trên đàn gia súc.
- Giảm tỷ lệ hộ nghèo từ 0,5% trở lên.
"""


def test_a_resolution_sets_no_target_before_its_decision():
    assert _targets(RESOLUTION) == [
        ("dịch bệnh nguy hiểm trên đàn gia súc", 0, "at_most", "2025"),
        ("tỷ lệ hộ nghèo", 0.5, "decrease_by", "2025"),
    ]


PLAN_WITH_REVIEW = """KẾ HOẠCH
Phát triển kinh tế - xã hội năm 2025
PHẦN THỨ NHẤT
ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH NĂM 2024
Thu ngân sách đạt 320 tỷ đồng; tỷ lệ hộ nghèo giảm còn 2%.
PHẦN THỨ HAI
KẾ HOẠCH NĂM 2025
Năm 2024, tổng sản lượng lúa đạt 91.000 tấn. Thu ngân sách đạt 350 tỷ đồng trở lên.
III. KINH PHÍ THỰC HIỆN
Tổng kinh phí thực hiện kế hoạch khoảng 12 tỷ đồng từ ngân sách huyện.
Nơi nhận:
- Lưu: VT.
PHỤ LỤC
| TT | Chỉ tiêu | ĐVT | KH 2025 | KH 2025/TH 2024 (%) |
| 1 | Tổng sản lượng lúa | tấn | 92.000 | 101,1 |
|  | Trong đó: lúa chất lượng cao | tấn | 60.000 | 110,0 |
"""


def test_reviews_past_years_funding_and_appendices():
    extraction = extract_text(PLAN_WITH_REVIEW)
    assert _targets(PLAN_WITH_REVIEW) == [
        ("Thu ngân sách", 350, "at_least", "2025"),
        ("Tổng sản lượng lúa", 92000, "exact", "2025"),
        ("Tổng sản lượng lúa: lúa chất lượng cao", 60000, "exact", "2025"),
    ]
    assert [(a.indicator, a.value) for a in extraction.actuals] == [
        ("Thu ngân sách", 320), ("tỷ lệ hộ nghèo", 2), ("tổng sản lượng lúa", 91000)]


TERM_PLAN = """NGHỊ QUYẾT
Đại hội Đảng bộ xã nhiệm kỳ 2025 - 2030
QUYẾT NGHỊ:
2. Chỉ tiêu chủ yếu đến năm 2030
- Đến năm 2030, thu nhập bình quân đạt 95 triệu đồng/năm.
- Tỷ lệ trường đạt chuẩn quốc gia đạt 100%.
- Kết nạp mới 120 đảng viên.
- Cơ cấu kinh tế đến năm 2028: nông nghiệp 40%; dịch vụ 60%.
"""


def test_term_plans_levels_flows_and_sibling_bullets():
    assert _targets(TERM_PLAN) == [
        ("thu nhập", 95, "at_least", "2030"),
        ("Tỷ lệ trường đạt chuẩn quốc gia", 100, "at_least", "2030"),
        ("Kết nạp mới đảng viên", 120, "exact", "2025-2030"),
        ("Cơ cấu kinh tế: nông nghiệp", 40, "exact", "2028"),
        ("Cơ cấu kinh tế: dịch vụ", 60, "exact", "2028"),
    ]


MID_YEAR_REPORT = """BÁO CÁO
Tình hình 6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2025
I. KẾT QUẢ 6 THÁNG ĐẦU NĂM 2025
Thu ngân sách ước đạt 61 tỷ đồng, đạt 52% dự toán.
II. NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025
Thu ngân sách cả năm đạt 118 tỷ đồng.
"""


def test_a_report_section_names_the_period_of_its_results():
    extraction = extract_text(MID_YEAR_REPORT)
    assert [(a.value, a.period, a.kind) for a in extraction.actuals] == [
        (61, "2025-H1", "level"), (52, "2025-H1", "pct_of_plan")]
    assert _targets(MID_YEAR_REPORT) == [("Thu ngân sách cả năm", 118, "at_least", "2025")]


@pytest.mark.parametrize("text, cells", [
    # A bordered table, and a row whose first cell is empty under an unbordered header.
    ("| TT | Chỉ tiêu | KH |\n| 1 | Thu ngân sách | 50 |", [("TT", "Chỉ tiêu", "KH"), ("1", "Thu ngân sách", "50")]),
    ("TT | Chỉ tiêu | KH |\n | Trong đó: thu thuế | 20 |", [("TT", "Chỉ tiêu", "KH", ""), ("", "Trong đó: thu thuế", "20", "")]),
    # Columns aligned with spaces, as PDF text extraction leaves them.
    ("TT   Chỉ tiêu          Đơn vị tính   Kế hoạch 2025\n1    Sản lượng cá      tấn           1.200",
     [("TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch 2025"), ("1", "Sản lượng cá", "tấn", "1.200")]),
    # Double spaces in prose are not a table.
    ("Phấn đấu  thu ngân sách  đạt 50 tỷ đồng  trở lên.", [None]),
])
def test_table_rows_written_as_text(text, cells):
    assert [line.cells for line in lines_from_text(text)] == cells


def test_space_aligned_appendix_gives_targets():
    text = ("KẾ HOẠCH\nNăm 2025\nTT   Chỉ tiêu                  Đơn vị tính   Thực hiện 2024   Kế hoạch 2025\n"
            "1    Sản lượng cá nuôi         tấn           1.150            1.200\n"
            "2    Tỷ lệ hộ nghèo            %             2,1              1,6\n")
    assert _targets(text) == [("Sản lượng cá nuôi", 1200, "exact", "2025"), ("Tỷ lệ hộ nghèo", 1.6, "exact", "2025")]
