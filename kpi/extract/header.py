"""A plan's header: kind, number, issuer, place, date, title, period, citations.

Vietnamese administrative documents open the same way (Decree 30/2020/NĐ-CP):
the issuing body in capitals, the national motto, "Số: 06/KH-UBND", "Châu
Thành, ngày 20 tháng 01 năm 2022", the kind in capitals (KẾ HOẠCH, NGHỊ
QUYẾT…) and the title below it, then "Căn cứ …"/"Thực hiện …" citing the
documents it implements. Copies found on the web often lose the top block, so
the issuer is also read from the body ("Ủy ban nhân dân thành phố Phú Quốc đề
ra Kế hoạch…") and from the signature ("TM. ỦY BAN NHÂN DÂN TỈNH").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from kpi.extract.patterns import TERM, YEAR_PHRASE
from kpi.extract.text import Line

KINDS = {
    "KẾ HOẠCH": "Kế hoạch", "NGHỊ QUYẾT": "Nghị quyết", "CHỈ THỊ": "Chỉ thị",
    "BÁO CÁO": "Báo cáo", "QUYẾT ĐỊNH": "Quyết định", "CHƯƠNG TRÌNH": "Chương trình",
    "ĐỀ ÁN": "Đề án", "THÔNG BÁO": "Thông báo",
}
_NUMBER = re.compile(r"^Số\s*:?\s*(.*)$", re.I)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]*?),\s*ngày\s*(?P<d>[\d.…]*)\s*tháng\s*(?P<m>[\d.…]*)\s*năm\s*(?P<y>[\d.…]*)", re.I)
_PLACE = r"(?:tỉnh|thành\s+phố|huyện|thị\s+xã|quận|xã|phường|thị\s+trấn|đặc\s+khu)\s+(?:[A-ZĐ]\w*(?:\s+[A-ZĐ0-9]\w*)*)"
_ORGAN = (
    r"(?:Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|UBND|Hội\s+đồng\s+nhân\s+dân|HĐND|"
    r"Ban\s+Chấp\s+hành\s+Đảng\s+bộ|Ban\s+Thường\s+vụ|Sở\s+[A-ZĐ][\w\s,]*?|Khối\s+thi\s+đua[\w\s]*?|"
    r"Cụm\s+thi\s+đua[\w\s]*?|Ban\s+[A-ZĐ][\w\s]*?)"
)
_ISSUER_BODY = re.compile(
    rf"(?P<organ>{_ORGAN})(?:\s+(?P<level>tỉnh|thành\s+phố|huyện|thị\s+xã|quận|xã|phường|thị\s+trấn)"
    rf"(?:\s+(?P<name>[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*)*))?)?(?:\s*\([^)]*\))?\s+"
    r"(?:xây\s+dựng|ban\s+hành|đề\s+ra|phát\s+động|triển\s+khai)\b[^.;]{0,40}?\b[Kk]ế\s+hoạch")
_AREA = re.compile(rf"\b(?:trên\s+)?địa\s+bàn\s+({_PLACE})")
_CITE = re.compile(
    r"\b(Nghị\s+quyết|Kế\s+hoạch|Chỉ\s+thị|Quyết\s+định|Quy\s+chế|Kết\s+luận|Chương\s+trình)\s+"
    r"số\s+([\w/.\-Đđ]+)\s+ngày\s+(\d{1,2})(?:\s*/\s*|\s+tháng\s+)(\d{1,2})(?:\s*/\s*|\s+năm\s+)(\d{4})",
    re.I)


@dataclass
class PlanHeader:
    """What a plan says about itself; any field may be None when the copy lacks it."""

    kind: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_on: dt.date | None = None
    title: str | None = None
    locality: str | None = None
    year: int | None = None
    term: tuple[int, int] | None = None
    cites: list[dict] = field(default_factory=list)

    @property
    def period(self) -> str | None:
        """The plan's horizon as a period code: its term when it has one, else its year."""
        if self.term:
            return f"{self.term[0]}-{self.term[1]}"
        return str(self.year) if self.year else None

    @property
    def start_year(self) -> int | None:
        years = [y for y in (self.year, self.term[0] if self.term else None) if y]
        return min(years) if years else None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["issued_on"] = self.issued_on.isoformat() if self.issued_on else None
        data["term"] = self.period if self.term else None
        data["period"] = self.period
        return data


def _blank(text: str) -> bool:
    return not re.search(r"[^\s.…*_/-]", text)


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _sentence_case(text: str) -> str:
    text = " ".join(text.split())
    return text[:1] + text[1:].lower() if _caps(text) else text


def _split_place(text: str) -> tuple[str, str | None]:
    """"ỦY BAN NHÂN DÂN XÃ TÂN HÒA" → ("ỦY BAN NHÂN DÂN", "XÃ TÂN HÒA")."""
    found = re.search(r"\b(?:TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN)\b", text.upper())
    if not found or found.start() == 0:
        return text, None
    return text[:found.start()].strip(), text[found.start():].strip()


def _place_case(text: str) -> str:
    """"HUYỆN AN PHÚ" → "huyện An Phú": the type in lower case, the name capitalised."""
    words = text.split()
    types = {"TỈNH", "THÀNH", "PHỐ", "HUYỆN", "THỊ", "XÃ", "QUẬN", "PHƯỜNG", "TRẤN"}
    out = []
    leading = True
    for word in words:
        if leading and word.upper() in types:
            out.append(word.lower())
        else:
            leading = False
            out.append(word[:1].upper() + word[1:].lower())
    return " ".join(out)


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _period_of(text: str) -> tuple[int | None, tuple[int, int] | None]:
    term_match = TERM.search(text)
    term = (int(term_match[1]), int(term_match[2])) if term_match else None
    years = [int(m[1]) for m in YEAR_PHRASE.finditer(TERM.sub(" ", text))]
    return (years[0] if years else None), term


def read_header(lines: list[Line]) -> PlanHeader:
    """The header fields found in `lines` (see the module docstring)."""
    header = PlanHeader()
    texts = [line.text for line in lines if not line.is_row]
    kind_index = None
    issuer_line = -2
    for i, text in enumerate(texts[:60]):
        upper = " ".join(text.upper().split())
        if kind_index is None and upper.strip(" :") in KINDS:
            header.kind = KINDS[upper.strip(" :")]
            kind_index = i
            continue
        number = _NUMBER.match(text)
        if number and header.number is None and i < 40:
            value = number[1].strip(" :")
            header.number = None if _blank(value) else " ".join(value.split())
            continue
        place_date = _PLACE_DATE.match(text)
        if place_date and header.issued_on is None and i < 40:
            place = place_date["place"].strip()
            header.place = None if _blank(place) else place
            header.issued_on = _date(place_date["d"], place_date["m"], place_date["y"])
            continue
        if kind_index is None and _caps(text) and not re.search(r"CỘNG\s+HÒA|ĐỘC\s+LẬP", upper):
            if header.issuer is None and re.search(r"ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|SỞ|BAN |KHỐI|CỤM|ĐẢNG", upper):
                organ, place = _split_place(text)
                header.issuer = f"{_sentence_case(organ)} {_place_case(place)}".strip() if place else _sentence_case(text)
                if place and not _blank(place.split(" ", 1)[-1]) and "…" not in place:
                    header.locality = _place_case(place)
                issuer_line = i
            elif header.issuer is not None and i == issuer_line + 1 and re.match(
                    r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN)\b", upper):
                # "HỘI ĐỒNG NHÂN DÂN" / "HUYỆN AN PHÚ": the body and its place on two lines.
                header.issuer = f"{header.issuer} {_place_case(text)}"
                header.locality = header.locality or _place_case(text)
    if kind_index is not None and kind_index + 1 < len(texts):
        header.title = f"{header.kind} {texts[kind_index + 1][:1].lower()}{texts[kind_index + 1][1:]}"
    source = header.title or " ".join(texts[:12])
    header.year, header.term = _period_of(source)
    body = " ".join(texts[:80])
    found = _ISSUER_BODY.search(body)
    if found:
        organ = " ".join(found["organ"].split())
        place = " ".join(filter(None, (found["level"], found["name"])))
        if header.issuer is None or _blank(header.issuer.split(" tỉnh")[-1]) or "…" in header.issuer:
            header.issuer = f"{organ} {place}".strip()
        if found["name"]:
            header.locality = f"{found['level']} {found['name']}"
    if header.locality is None:
        area = _AREA.search(body)
        if area:
            header.locality = " ".join(area[1].split())
    if header.issuer is None:
        for text in texts[-20:]:
            sign = re.match(r"^(?:TM\.|KT\.)\s*(.+)$", text)
            if sign and _caps(sign[1]):
                header.issuer = _sentence_case(sign[1].split("\n")[0])
                break
    if header.locality is None and header.place:
        header.locality = header.place
    for text in texts[:80]:
        if re.match(r"^(?:Căn\s+cứ|Thực\s+hiện)\b", text, re.I):
            for cite in _CITE.finditer(text):
                header.cites.append({
                    "kind": " ".join(cite[1].split()).capitalize(),
                    "number": cite[2],
                    "date": (_date(cite[3], cite[4], cite[5]) or "").__str__() or None,
                })
    return header
