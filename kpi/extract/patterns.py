"""The words plans use around their figures: units, comparators, fillers, heads.

Rules for the language, not for any one document: which nouns measure a
quantity ("tỷ đồng", "lao động", "xã"), which words before a figure say how
it is read ("đạt", "dưới", "giảm … còn", "tăng thêm", "gấp"), which words
carry no meaning of their own ("phấn đấu", "có", "thực hiện"), which words
start an indicator's name ("tỷ lệ", "giá trị sản xuất", "số"), and which words
name a field (kinh tế, xã hội…). Everything here is matched on lower-case NFC
text; `fold` strips tone marks for the few words that plans often mistype
("phần đầu" for "phấn đấu").
"""
from __future__ import annotations

import re

from kpi.names import strip_accents

# Scale words multiply the unit that follows ("triệu lượt", "nghìn tỷ đồng").
SCALE_WORDS = ("nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn")

# Nouns that measure or count; longest first so "lượt khách" wins over "lượt".
UNIT_WORDS = tuple(sorted({
    "đồng", "usd", "đô la", "đô la mỹ", "euro",
    "km", "m", "m2", "m²", "m3", "m³", "ha", "hécta", "héc ta", "tấn", "tạ", "kg", "lít",
    "mw", "kw", "kwh", "teu", "km2", "km²",
    "lượt", "lượt khách", "lượt người", "khách", "người", "lao động", "hộ", "hộ gia đình",
    "học sinh", "sinh viên", "trẻ", "trẻ em", "bác sĩ", "giường bệnh", "giường", "dược sĩ",
    "xã", "phường", "thị trấn", "huyện", "thị xã", "thôn", "ấp", "khu phố", "bản",
    "tổ dân phố", "làng", "làng nghề", "khóm",
    "trường", "trường học", "phòng học", "lớp", "lớp học", "trạm y tế", "cơ sở",
    "doanh nghiệp", "hợp tác xã", "htx", "tổ hợp tác", "trang trại", "dự án", "công trình",
    "cầu", "tuyến", "căn", "căn nhà", "căn hộ", "nhà", "ngôi nhà", "sản phẩm", "mô hình",
    "câu lạc bộ", "chi bộ", "đảng viên", "tổ chức", "đoàn viên", "hội viên", "thủ tục",
    "hồ sơ", "vụ", "vụ việc", "đối tượng", "chuyến", "chiếc", "phương tiện", "tàu",
    "thiết chế", "nhà văn hóa", "gia đình", "chợ", "siêu thị", "cụm công nghiệp",
    "khu công nghiệp", "con", "cây", "héc-ta", "điểm", "tiêu chí", "lần", "camera",
    "cuộc", "buổi", "đợt", "bài", "tin", "công chức", "viên chức", "cán bộ", "thanh niên",
    "hộ nghèo", "hộ cận nghèo", "ngày", "tháng", "năm", "giờ", "tuần", "liều", "mũi",
    "ca", "bệnh nhân", "lượt bệnh nhân", "suất", "phần", "ngàn", "nghìn", "triệu", "tỷ", "tuổi",
    "ngày làm việc", "sáng kiến", "đề tài", "bậc", "hộ kinh doanh", "điều dưỡng", "nữ hộ sinh",
    "y sĩ", "nhân viên y tế",
}, key=len, reverse=True))
# Units written as symbols, matched right after the number.
SYMBOL_UNITS = (
    "điểm phần trăm", "điểm %", "%/năm", "%", "‰", "phần trăm",
)
# A denominator after the unit: "triệu đồng/người", "bác sĩ/vạn dân", "%/năm".
PER = r"(?:\s*/\s*(?:người(?:/năm)?|năm|tháng|ha|xã|hộ|lao động|vạn dân|1\.000 dân|nghìn dân|km2|km²|sản phẩm|lượt|ngày|giờ|lớp|trường|giáo viên))"

# Counts of tasks and durations: numbers that structure a document, unless a
# comparator stands before them ("đạt 19 tiêu chí", "dưới 5 ngày").
# Structure nouns: a count of them is never a target, whatever precedes it
# ("phấn đấu hoàn thành 18 chỉ tiêu chủ yếu", "thực hiện 3 đột phá").
STRUCTURE_NOUNS = (
    "chỉ tiêu", "nhiệm vụ", "đột phá", "khâu", "trụ cột", "giải pháp", "nhóm giải pháp",
    "chương trình", "mục tiêu", "quan điểm", "điểm nghẽn", "cuộc vận động", "nghị quyết",
    "nhóm chỉ tiêu", "nhóm nhiệm vụ", "phong trào", "lĩnh vực", "nội dung", "vấn đề", "đợt",
)
TASK_NOUNS = (
    "chỉ tiêu", "nhiệm vụ", "đột phá", "khâu", "trụ cột", "giải pháp", "nhóm giải pháp",
    "tiêu chí", "phong trào", "lĩnh vực", "chương trình", "nội dung", "mục tiêu", "vấn đề",
    "cuộc vận động", "nghị quyết", "quan điểm", "bước", "điểm nghẽn", "nhóm", "đợt",
    "khối", "cụm", "mặt", "tầng", "cấp", "chủ đề", "kỳ", "lần", "nhóm chỉ tiêu", "tiêu chuẩn",
)
DURATION_NOUNS = ("năm", "tháng", "ngày", "tuần", "giờ", "phút", "quý")

# How a figure is read, from the words right before it. Tested in order on the
# lower-case text before the number; each pattern is anchored at its end.
# (pattern, direction, strict, note)
COMPARATORS: tuple[tuple[str, str, bool, str | None], ...] = (
    (r"(?:\b(?:kéo\s+giảm|giảm|hạ)\s+)?\b(?:xuống\s+|còn\s+)+dưới(?:\s+mức)?", "at_most", True, None),
    (r"(?:\b(?:kéo\s+giảm|giảm|hạ)\s+)?\b(?:xuống\s+còn|còn|xuống)(?:\s+mức)?(?:\s+khoảng)?",
     "at_most", False, None),
    (r"\b(?:tăng|nâng)\s+(?:lên\s+)?gấp(?:\s+khoảng)?|\bgấp(?:\s+khoảng)?", "increase_by", False, "times"),
    (r"\btăng\s+lên", "increase_to", False, None),
    (r"(?:\b(?:tăng|nâng)\s+)?(?<!trở\s)\blên(?:\s+(?:mức|trên|đạt))?", "at_least", False, None),
    (r"(?:\bkéo\s+)?\b(?:tăng|giảm)(?:\s+(?:thêm|nhanh|được))?(?:\s+(?:bình quân|trung bình))?"
     r"(?:\s+(?:mỗi|hằng|hàng)\s+năm)?(?:\s+(?:khoảng|từ|trên|hơn|ít nhất|tối thiểu))?",
     "change", False, None),
    (r"\bcó\s+thêm|\bthêm", "increase_by", False, None),
    (r"\bkhông\s+(?:vượt\s+)?quá|\btối\s+đa|\bkhông\s+cao\s+hơn", "at_most", False, None),
    (r"\b(?:dưới|thấp\s+hơn|nhỏ\s+hơn|ít\s+hơn)(?:\s+mức)?|<|&lt;", "at_most", True, None),
    (r"≤|<=|=<", "at_most", False, None),
    (r"\bkhông\s+(?:dưới|thấp\s+hơn|ít\s+hơn)|\btối\s+thiểu|\bít\s+nhất|≥|>=|=>", "at_least", False, None),
    (r"\b(?:đạt|chiếm)\s+(?:khoảng|gần|xấp\s+xỉ)", "exact", False, "approx"),
    # "đạt và vượt 95%": reach or exceed, so not strict as "vượt" alone is.
    (r"\b(?:đạt|hoàn\s+thành)\s+và\s+(?:vượt|hoàn\s+thành\s+vượt)(?:\s+mức)?", "at_least", False, None),
    (r"\b(?:đạt|phấn\s+đấu|duy\s+trì|giữ\s+vững|hoàn\s+thành|vượt)(?:\s+đạt)?(?:\s+(?:mức|tỷ\s+lệ|tỉ\s+lệ))?"
     r"\s+(?:trên|hơn)", "at_least", True, None),
    (r"\b(?:trên|hơn|vượt)|>|&gt;", "at_least", True, None),
    (r"\b(?:đạt|phấn\s+đấu|duy\s+trì(?:\s+ổn\s+định)?|giữ\s+vững|đảm\s+bảo|bảo\s+đảm|hoàn\s+thành)(?:\s+(?:đạt|được))?"
     r"(?:\s+(?:ở\s+mức|mức|tỷ\s+lệ|tỉ\s+lệ))?(?:\s+(?:bình\s+quân|trung\s+bình))?(?:\s+(?:từ|tối\s+thiểu|ít\s+nhất))?",
     "at_least", False, None),
    (r"\b(?:khoảng|gần|xấp\s+xỉ)", "exact", False, "approx"),
    (r"\b(?:là|chiếm|bằng|ở\s+mức|mức|có|từ)", "exact", False, None),
)
COMPARATOR_PATTERNS = tuple(
    (re.compile(rf"(?:{pattern})\s*[:]?\s*$"), direction, strict, note)
    for pattern, direction, strict, note in COMPARATORS
)

# Words before a figure that carry no meaning of their own; compared without
# tone marks so common slips ("phần đầu" for "phấn đấu") still read. Value: the
# direction they imply for a bare figure.
FILLERS = {
    "phan dau": "at_least", "phan dau dat": "at_least", "phan dau co": "at_least",
    "phan dau dat duoc": "at_least", "co": "exact", "thuc hien": "exact",
    "phan dau thuc hien": "at_least", "dam bao": "at_least", "bao dam": "at_least",
    "hoan thanh": "at_least", "xay dung": "exact", "xay dung moi": "exact", "dat": "at_least",
    "trong do": "exact", "trong do co": "exact", "it nhat": "at_least", "toi thieu": "at_least",
    "tiep tuc": "exact", "phan dau co them": "increase_by", "co them": "increase_by",
    "co it nhat": "at_least", "phan dau co it nhat": "at_least", "co tren": "at_least",
    "giu vung": "at_least", "duy tri": "at_least", "phan dau giu vung": "at_least",
}
# Words that open a clause and are not part of an indicator's name.
LEADING_NOISE = re.compile(
    r"^(?:[\s,;:.\-–—+•*(]|và\b|với\b|trong\s+đó(?:\s+có)?\b|đồng\s+thời\b|phấn\s+đấu(?:\s+đạt)?\b|"
    r"tiếp\s+tục\b|thực\s+hiện\b|bảo\s+đảm\b|đảm\s+bảo\b|riêng\b|cụ\s+thể\b|(?:hằng|hàng|mỗi)\s+năm\s*,?|"
    r"(?:đến|trong|tới|vào|đến\s+hết|đến\s+cuối|cuối)\s+năm\s+\d{4}\s*,?|năm\s+\d{4}\s*,)\s*",
    re.I,
)
TRAILING_NOISE = re.compile(
    r"(?:[\s,;:.\-–—]|\bvà|\bphấn\s+đấu|\b(?:đến|trong|tới|vào|đến\s+hết|đến\s+cuối)?\s*năm\s+\d{4}|"
    r"\bbình\s+quân|(?<!cây )\bhằng\s+năm|(?<!cây )\bhàng\s+năm|\bmỗi\s+năm|\bcho|\bvới|\bcủa|\bở|\btại|"
    r"\bso\s+(?:với\s+)?(?:cùng\s+kỳ|năm\s+trước|kỳ\s+trước|năm\s+ngoái|năm\s+\d{4})(?:\s+năm\s+\d{4})?|"
    r"\b\d+\s+tháng(?:\s+(?:đầu|cuối))?(?:\s+năm)?(?:\s+\d{4})?|\bquý\s+[IV\d]+(?:\s*/\s*\d{4})?|"
    r"\btrong\s+đó(?:\s+có)?|\b(?:trước|chậm\s+nhất|hoàn\s+thành\s+trước)\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}"
    r"(?:\s*/\s*\d{2,4})?|\b(?:trước|trong)\s+(?:tháng|quý)\s+[\dIVX]+(?:\s*/\s*\d{4})?)+$",
    re.I,
)
# Counted objects a verb-only subject lacks: "Kết nạp mới 500 đảng viên" is
# about "đảng viên".
COUNT_OBJECTS = frozenset({
    "người", "lao động", "hộ", "hộ gia đình", "học sinh", "sinh viên", "trẻ", "trẻ em",
    "đảng viên", "đoàn viên", "hội viên", "doanh nghiệp", "hợp tác xã", "tổ hợp tác", "xã",
    "phường", "thị trấn", "thôn", "ấp", "trường", "lượt", "lượt khách", "lượt người", "khách",
    "bác sĩ", "căn nhà", "nhà", "căn", "công trình", "dự án", "sản phẩm", "mô hình", "thủ tục",
    "hồ sơ", "câu lạc bộ", "chi bộ", "cơ sở", "trang trại", "hộ nghèo", "giường bệnh", "sáng kiến", "đề tài",
})

# Verbs that open a clause whose object is the indicator: "Giảm hộ nghèo còn…".
CHANGE_VERB = re.compile(  # not "nâng cấp" (upgrade), "tăng cường", "đưa vào sử dụng"
    r"^(?:phấn\s+đấu\s+)?(?:kéo\s+giảm|giảm|hạ|nâng\s+cao|nâng(?!\s+cấp)|tăng(?!\s+cường)|đưa(?!\s+vào))\s+",
    re.I)

# Words that start an indicator's name; used to trim a long subject to its
# indicator and to carry a head over to an elliptical clause ("…; Công nghiệp
# - xây dựng đạt …" after "Giá trị sản xuất Nông - lâm - thủy sản đạt …").
HEADS = tuple(sorted({
    "tỷ lệ", "tỉ lệ", "tỷ trọng", "tỉ trọng", "số", "tổng số", "tổng", "giá trị sản xuất",
    "giá trị tăng thêm", "giá trị", "sản lượng", "diện tích", "kim ngạch xuất khẩu",
    "kim ngạch nhập khẩu", "kim ngạch", "doanh thu", "thu ngân sách", "chi ngân sách",
    "tốc độ tăng trưởng", "tốc độ tăng", "tốc độ", "thu nhập bình quân", "thu nhập",
    "năng suất", "tổng mức bán lẻ", "tổng vốn đầu tư", "vốn đầu tư", "cơ cấu", "mức",
    "chỉ số", "tuổi thọ", "quy mô", "dân số", "lượng", "công suất", "mật độ",
}, key=len, reverse=True))
HEAD_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HEADS) + r")\b", re.I)
# A purpose clause before the indicator: "…nhằm tăng nhanh tỉ lệ khen thưởng…".
PURPOSE = re.compile(r"\b(?:nhằm|để|với\s+mục\s+tiêu|mục\s+tiêu\s+là|phấn\s+đấu)\s+", re.I)

# Verbs that start the shared predicate of coordinated value-first targets
# ("75% số xã và 50% số huyện đạt chuẩn nông thôn mới").
PREDICATE_START = re.compile(
    r"\b(?:đạt|được|có|sử\s+dụng|tham\s+gia|hoàn\s+thành|thực\s+hiện|xếp\s+loại|là)\b", re.I)

# Fields, from a heading or a lead ("Về kinh tế:"). Order matters: the first
# field a heading names wins only when it names exactly one.
GROUP_WORDS: tuple[tuple[str, str], ...] = (
    ("quốc phòng - an ninh", r"quốc\s+phòng|an\s+ninh|quân\s+sự"),
    ("môi trường", r"môi\s+trường|tài\s+nguyên"),
    ("xã hội", r"\bxã\s+hội|văn\s+hóa|y\s+tế|giáo\s+dục"),
    ("kinh tế", r"\bkinh\s+tế"),
    ("khác", r"\bkhác\b|hệ\s+thống\s+chính\s+trị|xây\s+dựng\s+đảng|cải\s+cách\s+hành\s+chính|"
             r"khen\s+thưởng|nội\s+chính"),
)
# Without a heading, the usual grouping of national socio-economic plans.
GROUP_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("quốc phòng - an ninh", r"quốc\s+phòng|an\s+ninh|quân\s+sự|nhập\s+ngũ|dân\s+quân|tự\s+vệ|"
                             r"tai\s+nạn|tội\s+phạm|ma\s+túy|ma\s+tuý|cháy\s+nổ|trật\s+tự|"
                             r"biên\s+giới|phạm\s+pháp|hình\s+sự|vi\s+phạm\s+pháp\s+luật"),
    ("môi trường", r"rừng|che\s+phủ|nước\s+sạch|hợp\s+vệ\s+sinh|rác|chất\s+thải|nước\s+thải|"
                   r"môi\s+trường|khí\s+thải|ô\s+nhiễm|cây\s+xanh"),
    ("khác", r"đảng|khen\s+thưởng|thi\s+đua|cải\s+cách\s+hành\s+chính|hành\s+chính|tham\s+nhũng|"
             r"lãng\s+phí|công\s+chức|chính\s+quyền|dịch\s+vụ\s+công|thủ\s+tục|đoàn\s+thể|"
             r"chuyển\s+đổi\s+số|hồ\s+sơ|đúng\s+hạn|trễ\s+hạn|một\s+cửa|cán\s+bộ"),
    ("xã hội", r"nông\s+thôn\s+mới|nghèo|lao\s+động|việc\s+làm|y\s+tế|bác\s+sĩ|giường\s+bệnh|"
               r"bảo\s+hiểm|trường|học\s+sinh|giáo\s+dục|dân\s+số|sinh\s+con|văn\s+hóa|văn\s+hoá|"
               r"gia\s+đình|trẻ\s+em|suy\s+dinh\s+dưỡng|đào\s+tạo|tuổi\s+thọ|tiêm|"
               r"an\s+sinh|người\s+có\s+công|thể\s+dục|thể\s+thao|đến\s+trường|mầm\s+non"),
)
DEFAULT_GROUP = "kinh tế"
# "kinh tế - xã hội" names the whole plan, not one field.
MIXED_FIELDS = re.compile(r"kinh\s+tế\s*[-–—]?\s*xã\s+hội", re.I)

# Places: "(Dương Tơ, Hàm Ninh)", "(trừ Thổ Châu)".
_NAME = r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]\w*"
PLACE_NAME = rf"{_NAME}(?:\s+{_NAME}){{0,3}}"
_PLACE_TYPE = r"(?:(?:các\s+)?(?:xã|phường|thị\s+trấn|huyện|thị\s+xã|đảo|ấp|thôn|bản|khu\s+phố)\s+)?"
PLACE_LIST = re.compile(
    rf"^(?:(?:trừ|ngoại\s+trừ|không\s+kể|gồm|gồm\s+các|là)\s+)?{_PLACE_TYPE}"
    rf"{PLACE_NAME}(?:\s*(?:,|và|;)\s*{_PLACE_TYPE}{PLACE_NAME})*$"
)

# Markers of an annual rate: "%/năm", "hằng năm", "mỗi năm", a clause cut off after "hằng".
PER_YEAR = re.compile(
    r"(?<!cây )(?<!cây )(?:/\s*năm\b|\b(?:hằng|hàng|mỗi)\s+năm\b)|\bbình\s+quân\s+(?:mỗi\s+)?năm\b|\bhằng\s*$|"
    r"\bnăm\s+sau\s+cao\s+hơn\s+năm\s+trước\b", re.I)
TERM = re.compile(r"\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b")
YEAR_PHRASE = re.compile(
    r"\b(?:đến|tới|trong|vào|đến\s+hết|đến\s+cuối|cuối|hết)?\s*năm\s+((?:19|20)\d\d)\b(?!\s*[-–—]\s*\d)", re.I)
# A baseline over a span is not the period: "so với trung bình giai đoạn 2016-2020".
BASELINE_TERM = re.compile(
    r"\bso\s+(?:với\s+)?(?:mức\s+)?(?:(?:trung\s+bình|bình\s+quân)\s+)?(?:của\s+)?"
    r"(?:(?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|các\s+năm)\s+)?(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d", re.I)
BASELINE_YEAR = re.compile(
    r"\bso\s+(?:với\s+)?(?:cùng\s+kỳ\s+)?(?:năm\s+)?((?:19|20)\d\d)\b|\bso\s+với\s+năm\s+((?:19|20)\d\d)", re.I)
VS_PREVIOUS = re.compile(
    r"\bso\s+(?:với\s+)?(?:cùng\s+kỳ|năm\s+trước|năm\s+(?:19|20)\d\d|kỳ\s+trước|năm\s+ngoái)", re.I)


def fold(text: str) -> str:
    """Lower case without tone marks, spaces folded: for matching filler words."""
    return " ".join(strip_accents(text).lower().split())


def find_comparator(before: str) -> tuple[int, str, bool, str | None] | None:
    """The comparator that ends `before` (the text right before a figure).

    Returns (start index of the comparator in `before`, direction, strict,
    note) or None. Direction "change" is tăng/giảm (the caller reads which),
    "increase_to" is "tăng lên" (a multiple or a level, by the unit).
    """
    # The patterns are anchored at the end: searching only the tail keeps a
    # long line of figures linear instead of quadratic (a hostile document).
    offset = max(0, len(before.rstrip()) - _COMPARATOR_WINDOW)
    lowered = before[offset:].lower()
    for pattern, direction, strict, note in COMPARATOR_PATTERNS:
        match = pattern.search(lowered)
        if match:
            if offset and match.start() == 0:  # the cut may have made a word boundary
                match = pattern.search(before.lower())
                if match:
                    return match.start(), direction, strict, note
                continue
            return offset + match.start(), direction, strict, note
    return None


_COMPARATOR_WINDOW = 200  # characters; longer than any comparator phrase
