"""Editable tables for the emulation pages (st.data_editor) and back to domain data.

Each `*_frame` builds a DataFrame with Vietnamese headings for an editor; the
matching reader turns the edited frame back into domain objects and raises
ValueError (a Vietnamese sentence naming the row) for what cannot be read.
Pure: no Streamlit here.
"""
from __future__ import annotations

import math
from typing import Mapping, Sequence

import pandas as pd

from kpi.emulation.blocks import CouncilScore
from kpi.emulation.registration_workbook import CHANGE_LABELS, KIND_LABELS
from kpi.emulation.scheme import Scheme, scheme_from_dict, scheme_to_dict
from kpi.indicators import Indicator
from kpi.targets import Target

TARGET_COLUMNS = ("Mã chỉ tiêu", "Hình thức", "Giá trị", "Từ", "Đến", "Tính theo", "Kỳ", "Ghi chú")
CRITERION_COLUMNS = ("Mã", "Tiêu chí", "Loại", "Điểm tối đa")
CRITERION_KIND_LABELS = {"targets": "Chỉ tiêu đăng ký", "discipline": "Chế độ báo cáo",
                         "council": "Hội đồng khối chấm"}
AWARD_COLUMNS = ("Mã", "Hình thức khen thưởng", "Số đơn vị", "Điểm tối thiểu", "Nộp đủ báo cáo")


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _num(value) -> float | None:
    return None if _blank(value) else float(value)


def targets_frame(targets: Sequence[Target]) -> pd.DataFrame:
    """A member's targets as editor rows (kind and change unit as Vietnamese labels)."""
    rows = [{"Mã chỉ tiêu": t.indicator_code, "Hình thức": KIND_LABELS[t.kind], "Giá trị": t.value,
             "Từ": t.min, "Đến": t.max, "Tính theo": CHANGE_LABELS.get(t.change_unit or "", ""),
             "Kỳ": t.period, "Ghi chú": t.quote or ""} for t in targets]
    return pd.DataFrame(rows, columns=list(TARGET_COLUMNS))


def targets_from_frame(frame: pd.DataFrame, unit_key: str, year: int,
                       catalogue: Mapping[str, Indicator]) -> list[Target]:
    """Targets from an edited frame; blank rows are skipped. Raises ValueError."""
    kinds = {label: kind for kind, label in KIND_LABELS.items()}
    changes = {label: unit for unit, label in CHANGE_LABELS.items()}
    out = []
    for number, row in enumerate(frame.to_dict("records"), start=1):
        code = row.get("Mã chỉ tiêu")
        if _blank(code):
            continue
        if code not in catalogue:
            raise ValueError(f"Dòng {number}: mã chỉ tiêu “{code}” không có trong danh mục.")
        kind = kinds.get(row.get("Hình thức") or KIND_LABELS["at_least"])
        if kind is None:
            raise ValueError(f"Dòng {number}: chọn hình thức trong danh sách.")
        period = str(row.get("Kỳ") or year)
        try:
            out.append(Target(code, unit_key, period, kind, value=_num(row.get("Giá trị")),
                              min=_num(row.get("Từ")), max=_num(row.get("Đến")),
                              change_unit=changes.get(row.get("Tính theo") or ""),
                              quote=None if _blank(row.get("Ghi chú")) else str(row["Ghi chú"])))
        except ValueError as exc:
            raise ValueError(f"Dòng {number} ({code}): {exc}.") from None
    return out


def council_frame(members: Sequence[str], names: Mapping[str, str], scheme: Scheme,
                  scores: Sequence[CouncilScore]) -> pd.DataFrame:
    """Members down, the scheme's council criteria across (labels), points in cells."""
    given = {(s.unit_key, s.criterion): s.points for s in scores}
    council = [c for c in scheme.criteria if c.kind == "council"]
    rows = [{"Mã đơn vị": m, "Đơn vị": names.get(m, m),
             **{f"{c.label} (tối đa {c.weight:g})": given.get((m, c.code)) for c in council}}
            for m in members]
    return pd.DataFrame(rows)


def council_scores_from_frame(frame: pd.DataFrame, scheme: Scheme) -> list[CouncilScore]:
    """The non-blank cells of an edited council frame as scores."""
    council = {f"{c.label} (tối đa {c.weight:g})": c.code for c in scheme.criteria
               if c.kind == "council"}
    return [CouncilScore(row["Mã đơn vị"], code, float(row[heading]))
            for row in frame.to_dict("records") for heading, code in council.items()
            if not _blank(row.get(heading))]


def scheme_frames(scheme: Scheme) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(criteria, awards) editor frames of a scheme."""
    criteria = pd.DataFrame([{"Mã": c.code, "Tiêu chí": c.label,
                              "Loại": CRITERION_KIND_LABELS[c.kind], "Điểm tối đa": c.weight}
                             for c in scheme.criteria], columns=list(CRITERION_COLUMNS))
    awards = pd.DataFrame([{"Mã": a.code, "Hình thức khen thưởng": a.label, "Số đơn vị": a.count,
                            "Điểm tối thiểu": a.min_total, "Nộp đủ báo cáo": a.all_reports}
                           for a in scheme.awards], columns=list(AWARD_COLUMNS))
    return criteria, awards


def scheme_from_frames(criteria: pd.DataFrame, awards: pd.DataFrame, base: Scheme,
                       **rules: float) -> Scheme:
    """A scheme from edited frames, keeping `base`'s status factors; `rules`
    may set bonus_rate, bonus_cap, late_per_day, missing_penalty. Raises
    SchemeError (a ValueError) for what does not make a valid scheme."""
    kinds = {label: kind for kind, label in CRITERION_KIND_LABELS.items()}
    data = scheme_to_dict(base) | {k: v for k, v in rules.items() if v is not None}
    data["criteria"] = [{"code": r["Mã"], "label": r["Tiêu chí"], "kind": kinds.get(r["Loại"], r["Loại"]),
                         "weight": r["Điểm tối đa"]}
                        for r in criteria.to_dict("records") if not _blank(r.get("Mã"))]
    data["awards"] = [{"code": r["Mã"], "label": r["Hình thức khen thưởng"], "count": r["Số đơn vị"],
                       "min_total": r["Điểm tối thiểu"], "all_reports": bool(r["Nộp đủ báo cáo"])}
                      for r in awards.to_dict("records") if not _blank(r.get("Hình thức khen thưởng"))]
    return scheme_from_dict(data)

