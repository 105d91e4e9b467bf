"""The written report (.docx): the draft an office edits, signs and files.

Laid out as Decree 30/2020/NĐ-CP sets for administrative documents: A4,
margins 20/20/30/20 mm, Times New Roman; a header table with the issuing
body, its number line ("Số:      /BC-UBND") on the left and the quốc hiệu,
tiêu ngữ and place-date line on the right; the title; the body, whose
sentences are written from the counts ("15/17 chỉ tiêu đạt và vượt kế
hoạch; …"); the recipients ("Nơi nhận:") and the signature block; then the
summary table as an appendix in a landscape section. Figures are written the
Vietnamese way (kpi.numbers), since a .docx table holds text.
"""
from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from kpi.numbers import format_number, format_percent
from kpi.periods import format_date
from kpi.reports.narrative import forecast_counts, highlights, status_sentence
from kpi.reports.results import PlanResults, ResultLine, display_name

FONT = "Times New Roman"
BODY_PT = 14
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TABLE_COLUMNS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện kỳ báo cáo", "Lũy kế",
                 "Ước cả năm", "% so kế hoạch", "So cùng kỳ", "Đánh giá")
TABLE_WIDTHS_CM = (1.1, 7.6, 2.0, 3.0, 2.4, 2.4, 2.4, 1.8, 1.8, 3.0)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
# Children of w:pPr that must follow w:pBdr (the schema fixes their order).
_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                 "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                 "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                 "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc")


def _issuer_lines(issuer: str | None) -> list[str]:
    """The issuing body in capitals, abbreviations spelled out as the decree asks."""
    if not issuer:
        return ["CƠ QUAN BAN HÀNH"]
    for short in ("UBND ", "Ủy ban nhân dân ", "ỦY BAN NHÂN DÂN "):
        if issuer.startswith(short):
            return ["ỦY BAN NHÂN DÂN", issuer[len(short):].upper()]
    return [issuer.upper()]


def _is_people_committee(issuer: str | None) -> bool:
    return _issuer_lines(issuer)[0] == "ỦY BAN NHÂN DÂN"


def _paragraph(container, text: str = "", *, size: float = BODY_PT, bold=False, italic=False,
               align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after: float = 0):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    if indent:
        fmt.first_line_indent = Cm(1)
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return paragraph


def _rule(container, width: float, inset_cm: float) -> None:
    """A short centred line under a heading (a bottom border on an inset paragraph)."""
    paragraph = _paragraph(container, size=4)
    paragraph.paragraph_format.left_indent = Cm(inset_cm)
    paragraph.paragraph_format.right_indent = Cm(inset_cm)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_BORDER)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN")  # Word's spelling check reads Vietnamese
    normal.element.get_or_add_rPr().insert_element_before(
        language, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _widths(table, widths_cm) -> None:
    """Fixed column widths (Word reads the cells', LibreOffice the grid's)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _header_table(document, results: PlanResults, issued_on: dt.date) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (6.5, 9.5))
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    for index, line in enumerate(_issuer_lines(results.plan.issuer)):
        _paragraph(left, line, size=13, bold=index > 0 or len(_issuer_lines(
            results.plan.issuer)) == 1)
    _rule(left, 6.5, 2.2)
    office = "UBND" if _is_people_committee(results.plan.issuer) else "…"
    _paragraph(left, f"Số:       /BC-{office}", size=13, after=6)
    _paragraph(right, NATIONAL_TITLE, size=12, bold=True)
    _paragraph(right, MOTTO, size=13, bold=True)
    _rule(right, 9.5, 2.5)
    place = results.unit.name if results.unit is not None else "……"
    _paragraph(right, f"{place}, ngày {issued_on.day:02d} tháng {issued_on.month:02d} "
                      f"năm {issued_on.year}", size=14, italic=True, after=6)


def _body(document, results: PlanResults) -> None:
    period = results.period_label[:1].lower() + results.period_label[1:]
    _paragraph(document, "BÁO CÁO", bold=True, after=0).paragraph_format.space_before = Pt(12)
    _paragraph(document, f"Kết quả thực hiện các chỉ tiêu {period}", bold=True)
    _paragraph(document, results.scope_label, bold=True)
    _rule(document, 16, 6.5)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    number = f" số {results.plan.number}" if results.plan.number else ""
    _paragraph(document, f"Thực hiện {results.plan.title}{number}, "
                         f"{results.plan.issuer or 'cơ quan'} báo cáo kết quả thực hiện các chỉ "
                         f"tiêu {period} như sau (số liệu tính đến ngày "
                         f"{format_date(results.as_of)}):", align=justify, indent=True, after=6)
    _paragraph(document, "I. KẾT QUẢ CHUNG", bold=True, align=justify, indent=True, after=6)
    counts = results.counts()
    _paragraph(document, f"Kế hoạch đề ra {len(results.lines)} chỉ tiêu cho kỳ báo cáo. "
                         + status_sentence(counts, forecasts=forecast_counts(results.lines)),
               align=justify, indent=True, after=6)
    _paragraph(document, "II. KẾT QUẢ THEO TỪNG LĨNH VỰC", bold=True, align=justify, indent=True,
               after=6)
    for index, (_group, heading, lines) in enumerate(results.by_group(), start=1):
        field_counts = {status: sum(1 for ln in lines if ln.status == status) for status in counts}
        _paragraph(document, f"{index}. {heading}", bold=True, align=justify, indent=True, after=6)
        sentences = [f"{heading}: {len(lines)} chỉ tiêu; " + status_sentence(
            field_counts, forecasts=forecast_counts(lines))] + highlights(lines)
        for sentence in sentences:
            _paragraph(document, sentence, align=justify, indent=True, after=6)
    _paragraph(document, "III. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ", bold=True, align=justify,
               indent=True, after=6)
    _paragraph(document, "(Đơn vị bổ sung nhận định về nguyên nhân, tồn tại, hạn chế và kiến "
                         "nghị, đề xuất.)", italic=True, align=justify, indent=True, after=6)
    _paragraph(document, "Chi tiết từng chỉ tiêu tại Phụ lục kèm theo.", align=justify,
               indent=True, after=12)


def _signature(document, results: PlanResults) -> None:
    table = document.add_table(rows=1, cols=2)
    _widths(table, (8, 8))
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    _paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    recipients = ["Cơ quan cấp trên (để báo cáo);", "Các cơ quan, đơn vị liên quan;", "Lưu: VT."]
    for text in recipients:
        _paragraph(left, f"- {text}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    if _is_people_committee(results.plan.issuer):
        title = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    else:
        title = ["THỦ TRƯỞNG CƠ QUAN"]
    for line in title:
        _paragraph(right, line, size=14, bold=True)
    _paragraph(right, "(Ký, ghi rõ họ tên, đóng dấu)", size=13, italic=True, after=60)
    _paragraph(right, "……………………", size=14, bold=True)


def _cell_text(cell, text: str, *, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.font.size, run.font.bold = Pt(11), bold


def _figure(value: float | None, line: ResultLine) -> str:
    if value is None:
        return ""
    if line.reading == "boolean":
        return "Có" if value >= 0.5 else "Không"
    return format_number(value, line.decimals)


def _row_texts(number: int, line: ResultLine, results: PlanResults) -> list[str]:
    plan = format_number(line.target_figure) if line.target_figure is not None else line.target_text
    flow_only = line.reading != "boolean"
    return [
        str(number), display_name(line, results), line.measure, plan,
        _figure(line.period_value, line),
        _figure(line.cumulative, line) if flow_only else "",
        _figure(line.year_estimate, line) if flow_only else "",
        format_percent(line.plan_share, 1) if line.plan_share is not None else "",
        format_percent(line.vs_last_year, 1) if line.vs_last_year is not None else "",
        line.evaluation,
    ]


def _appendix(document, results: PlanResults) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2), Cm(1.5)
    _paragraph(document, "PHỤ LỤC", bold=True)
    _paragraph(document, f"BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU "
                         f"{results.period_label.upper()}", bold=True)
    _paragraph(document, f"(Kèm theo Báo cáo ngày … của {results.plan.issuer or '…'})",
               italic=True, after=6)
    table = document.add_table(rows=1, cols=len(TABLE_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, TABLE_COLUMNS):
        _cell_text(cell, title, bold=True)
    for index, (_group, heading, lines) in enumerate(results.by_group()):
        cells = table.add_row().cells
        _cell_text(cells[0], ROMAN[index] if index < len(ROMAN) else str(index + 1), bold=True)
        merged = cells[1].merge(cells[-1])
        _cell_text(merged, heading.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for number, line in enumerate(lines, start=1):
            row = table.add_row().cells
            for column, (cell, text) in enumerate(zip(row, _row_texts(number, line, results))):
                align = (WD_ALIGN_PARAGRAPH.LEFT if column in (1, 9) else
                         WD_ALIGN_PARAGRAPH.CENTER if column in (0, 2) else
                         WD_ALIGN_PARAGRAPH.RIGHT)
                _cell_text(cell, text, align=align)
    _widths(table, TABLE_WIDTHS_CM)


def write_brief(results: PlanResults, *, issued_on: dt.date) -> bytes:
    """The written report of `results` as .docx bytes, dated `issued_on`."""
    document = Document()
    _setup(document)
    document.core_properties.title = f"Báo cáo kết quả thực hiện chỉ tiêu — {results.period_label}"
    document.core_properties.author = "Chỉ tiêu"
    document.core_properties.language = "vi-VN"
    _header_table(document, results, issued_on)
    _body(document, results)
    _signature(document, results)
    _appendix(document, results)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
