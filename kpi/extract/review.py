"""The review flow behind "Nạp kế hoạch": proposal → edited table → stored plan.

`start_review` reads an uploaded document and proposes the plan's header and
one table row per target, each with a suggested catalogue indicator.
`commit_review` turns the (edited) table into stored targets in one
transaction: rows mapped to no indicator create one; every problem is
reported per row, in Vietnamese, and nothing is written while any remains.
Only administrators commit (checked here, not only by hiding the page).

Table columns (`COLUMNS`): keep, indicator, indicator_choice ("CODE · name"
or `NEW_CHOICE`), value, min, max, unit, direction, strict ("dưới X", "trên
X": the bound itself does not count), period, locality, group, quote, note,
match (suggestion score 0–100).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from kpi.auth import PermissionDenied, User, require_role
from kpi.extract import extract_bytes
from kpi.extract.convert import ConversionError, Placement, to_targets
from kpi.extract.extractor import keyword_group
from kpi.extract.matching import fold_indicator, suggest_indicator, suggest_unit
from kpi.indicators import Indicator
from kpi.names import strip_accents, vi_sort_key
from kpi.plans import Deadline, Phase, Plan
from kpi.store.audit import record_audit
from kpi.store.catalog import load_indicators, load_plans, save_indicators
from kpi.store.plan_targets import commit_plan
from kpi.store.units import load_units
from kpi.user_text import TextError, clean_text

COLUMNS = ["keep", "indicator", "indicator_choice", "value", "min", "max", "unit", "direction",
           "strict", "period", "locality", "group", "quote", "note", "match"]
NEW_CHOICE = "(tạo chỉ tiêu mới)"
GROUP_CODES = {"kinh tế": "kinh_te", "xã hội": "xa_hoi", "môi trường": "moi_truong",
               "quốc phòng - an ninh": "quoc_phong_an_ninh", "khác": "khac"}
_SEPARATOR = " · "


@dataclass
class ReviewDraft:
    """What a document proposes: header fields, the target table, schedule, results."""

    header: dict
    frame: pd.DataFrame
    phases: list[dict] = field(default_factory=list)
    deadlines: list[dict] = field(default_factory=list)
    actuals: list[dict] = field(default_factory=list)


@dataclass
class CommitOutcome:
    """What `commit_review` did, or the errors that stopped it (nothing written then)."""

    plan_code: str
    targets: int = 0
    new_indicators: list[str] = field(default_factory=list)
    replaced: bool = False
    errors: list[str] = field(default_factory=list)


def choice_label(code: str, indicator: Indicator) -> str:
    """The table's label for a catalogue indicator: "CODE · name"."""
    return f"{code}{_SEPARATOR}{indicator.name}"


def indicator_choices(catalogue: dict[str, Indicator]) -> list[str]:
    """Every option of the indicator column: new, then the catalogue by name."""
    return [NEW_CHOICE] + sorted((choice_label(c, i) for c, i in catalogue.items()),
                                 key=lambda label: label.split(_SEPARATOR, 1)[-1])


def code_of(choice: str | None) -> str | None:
    """The indicator code of a table choice, None for a new indicator."""
    if not choice or choice == NEW_CHOICE or _SEPARATOR not in choice:
        return None
    return choice.split(_SEPARATOR, 1)[0]


def _slug(text: str, limit: int = 40) -> str:
    return re.sub(r"[^A-Z0-9]+", "-", strip_accents(text).upper()).strip("-")[:limit].strip("-")


def suggest_plan_code(header: dict) -> str:
    """A plan code from the header: its number and year ("06-KH-UBND-2022"), else place and period."""
    number, period = header.get("number") or "", header.get("period") or ""
    if re.search(r"\d", number):
        return _slug(f"{number} {period.split('-')[0]}", 60)
    return _slug(f"KH {header.get('locality') or header.get('issuer') or ''} {period}", 60) or "KH"


def _plan_kind(kind: str | None, title: str | None) -> str:
    if title and re.search(r"thi\s+đua", title, re.I):
        return "emulation_plan"
    return {"Nghị quyết": "resolution", "Chỉ thị": "directive", "Báo cáo": "report"}.get(kind or "", "plan")


def review_frame(records: list[dict], catalogue: dict[str, Indicator]) -> pd.DataFrame:
    """One row per proposed target (see `COLUMNS`), with the suggested indicator."""
    rows = []
    for record in records:
        code, score = suggest_indicator(record["indicator"], record.get("unit"), record["direction"],
                                        catalogue)
        rows.append({
            "keep": True, "indicator": record["indicator"],
            "indicator_choice": choice_label(code, catalogue[code]) if code else NEW_CHOICE,
            "value": record.get("value"), "min": record.get("min"), "max": record.get("max"),
            "unit": record.get("unit") or "", "direction": record["direction"],
            "strict": bool(record.get("strict")), "period": record.get("period") or "", "locality": record.get("locality") or "",
            "group": record.get("group") or "", "quote": record.get("quote") or "",
            "note": record.get("note") or "", "match": score,
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"value": "float64", "min": "float64", "max": "float64", "match": "float64"})


def start_review(engine: Engine, data: bytes, filename: str) -> ReviewDraft:
    """Read a plan document and propose its header and targets.

    Raises kpi.extract.text.DocumentError (Vietnamese) for a file that cannot be read.
    """
    extraction = extract_bytes(data, filename)
    with engine.connect() as conn:
        catalogue = load_indicators(conn)
        units = load_units(conn)
    plan = extraction.plan.to_dict()
    start = None
    if extraction.plan.start_year:
        start = dt.date(extraction.plan.start_year, 1, 1)
    header = {
        "title": plan["title"] or filename, "number": plan["number"], "issuer": plan["issuer"],
        "issued_on": extraction.plan.issued_on, "period": plan["period"] or "",
        "kind": _plan_kind(plan["kind"], plan["title"]), "locality": plan["locality"],
        "unit_key": suggest_unit(plan["locality"], units, start), "parent_plan": None,
        "source": filename, "cites": plan["cites"],
    }
    header["code"] = suggest_plan_code(header)
    records = [t.to_dict() for t in extraction.targets]
    return ReviewDraft(header, review_frame(records, catalogue), extraction.phases,
                       extraction.deadlines, [a.to_dict() for a in extraction.actuals])


@dataclass(frozen=True)
class FormChoices:
    """Options of the review form: units and parent plans as (key, label), indicator column options."""

    units: list[tuple[str, str]]
    plans: list[tuple[str, str]]
    indicators: list[str]


def form_choices(engine: Engine, lang: str = "vi") -> FormChoices:
    """Units (with their parent, and "trước 7/2025" for the 2004 list), plans, indicator options."""
    with engine.connect() as conn:
        units = load_units(conn)
        plans = load_plans(conn)
        catalogue = load_indicators(conn)
    names = {u.key: u.name for u in units}
    old = "trước 7/2025" if lang == "vi" else "before 7/2025"
    unit_rows = []
    for u in units:
        parent = f" – {names[u.parent_key]}" if u.parent_key in names else ""
        era = f" ({old})" if u.code_system == "vn2004" else ""
        unit_rows.append((u.key, f"{u.type} {u.name}{parent}{era}"))
    unit_rows.sort(key=lambda pair: vi_sort_key(pair[1]))
    return FormChoices(unit_rows, [(p.code, f"{p.code} · {p.title}") for p in plans],
                       indicator_choices(catalogue))


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _record(row: dict) -> dict:
    record = {k: (None if _blank(row.get(k)) else row.get(k))
              for k in ("indicator", "value", "min", "max", "unit", "direction", "period", "locality",
                        "group", "quote")}
    record["strict"] = bool(row.get("strict")) if not _blank(row.get("strict")) else False
    return record


def new_indicator(code: str, rows: list[dict]) -> Indicator:
    """An indicator for rows the catalogue lacks: measure, field and polarity from the rows."""
    levels = [r for r in rows if r["direction"] not in ("increase_by", "decrease_by")] or rows
    unit = re.sub(r"\s*/\s*năm$", "", (levels[0].get("unit") or "")).strip()
    directions = {r["direction"] for r in rows}
    name = rows[0]["indicator"]
    if directions & {"at_most", "decrease_by", "decrease_vs_previous"}:
        polarity = "lower"
    elif "range" in directions and re.search(r"cơ\s+cấu|tỷ\s+trọng|tỉ\s+trọng|chiếm", name, re.I):
        polarity = "band"
    else:
        polarity = "higher"
    flow = bool(re.search(r"đồng|usd|tấn|lượt|lao động", unit, re.I)) and "/người" not in unit
    group = GROUP_CODES.get(rows[0].get("group") or "") or GROUP_CODES[keyword_group(name)]
    return Indicator(
        code=code, name=name[:300], measure=unit[:40], group=group,
        polarity=polarity, temporal="flow" if flow else "level", aggregation="sum" if flow else "none",
    )


def _phase(plan_code: str, item: dict) -> Phase:
    return Phase(plan_code=plan_code, code=item["code"], name=item["name"],
                 start=dt.date.fromisoformat(item["start"]), end=dt.date.fromisoformat(item["end"]),
                 content=item.get("content"))


def _deadline(plan_code: str, item: dict) -> Deadline:
    return Deadline(plan_code=plan_code, code=item["code"], what=item["what"], period=item.get("period"),
                    due=dt.date.fromisoformat(item["due"]) if item.get("due") else None,
                    kind=item.get("kind", "before"),
                    window_start=dt.date.fromisoformat(item["window_start"]) if item.get("window_start") else None)


_HEADER_LIMITS = (("code", "Mã kế hoạch", 64), ("number", "Số, ký hiệu", 64),
                  ("issuer", "Cơ quan ban hành", 200), ("title", "Tên kế hoạch", 1000),
                  ("period", "Kỳ kế hoạch", 16))


def build_commit(frame: pd.DataFrame, header: dict, catalogue: dict[str, Indicator],
                 known_units: set[str], known_plans: set[str]):
    """(Plan, targets, new indicators, errors) for the kept rows of an edited table."""
    errors: list[str] = []
    code = (header.get("code") or "").strip()
    if not code:
        errors.append("Chưa có mã kế hoạch: nhập mã (ví dụ 06-KH-UBND-2022).")
    for field, label, limit in _HEADER_LIMITS:  # what the store can hold, on one line
        try:
            clean_text(header.get(field), label, limit)
        except TextError as exc:
            errors.append(str(exc))
    unit_key = header.get("unit_key")
    if not unit_key or unit_key not in known_units:
        errors.append("Chưa chọn đơn vị (địa bàn) của kế hoạch: chọn trong danh sách đơn vị.")
    parent = header.get("parent_plan") or None
    if parent and (parent not in known_plans or parent == code):
        errors.append(f"Kế hoạch cấp trên “{parent}” không có trong cơ sở dữ liệu: chọn lại.")
    rows = [(i + 1, row) for i, row in enumerate(frame.to_dict("records")) if bool(row.get("keep"))]
    new_rows: dict[str, list[dict]] = defaultdict(list)
    for _, row in rows:
        if code_of(row.get("indicator_choice")) is None and not _blank(row.get("indicator")):
            new_rows[fold_indicator(str(row["indicator"]))].append(_record(row))
    created, taken = {}, set(catalogue)
    for key, group in new_rows.items():
        new_code = "KH_" + _slug(key, 40).replace("-", "_")
        while new_code in taken:
            new_code += "_"
        taken.add(new_code)
        created[key] = new_indicator(new_code, group)
    everything = {**catalogue, **{ind.code: ind for ind in created.values()}}
    targets, seen = [], {}
    placement = Placement(unit_key or "", code, header.get("period") or "")
    for number, row in rows:
        record = _record(row)
        if not record["indicator"]:
            errors.append(f"Dòng {number}: thiếu tên chỉ tiêu.")
            continue
        chosen = code_of(row.get("indicator_choice"))
        indicator = everything.get(chosen) if chosen else created[fold_indicator(record["indicator"])]
        if indicator is None:
            errors.append(f"Dòng {number}: chỉ tiêu “{chosen}” không có trong danh mục.")
            continue
        try:
            produced = to_targets(record, indicator, placement)
        except ConversionError as exc:
            errors.append(f"Dòng {number}: {exc}")
            continue
        for target in produced:
            cell = (target.indicator_code, target.period, target.kind)
            if cell in seen:
                errors.append(f"Dòng {number} trùng dòng {seen[cell]} (cùng chỉ tiêu {target.indicator_code}, "
                              f"kỳ {target.period}, cùng loại): bỏ chọn một dòng.")
            seen.setdefault(cell, number)
        targets += produced
    plan = Plan(code=code, title=header.get("title") or code, period=header.get("period") or "",
                kind=header.get("kind") or "plan", unit_key=unit_key, number=header.get("number"),
                issuer=header.get("issuer"), issued_on=header.get("issued_on"), parent_plan=parent,
                source=header.get("source"))
    used = {t.indicator_code for t in targets}
    return plan, targets, [i for i in created.values() if i.code in used], errors


def commit_review(engine: Engine, frame: pd.DataFrame, header: dict, user: User | None,
                  phases: list[dict] = (), deadlines: list[dict] = (), *,
                  dry_run: bool = False) -> CommitOutcome:
    """Store the reviewed plan (all or nothing); administrators only.

    Raises PermissionDenied for anyone else. Errors in the table come back in
    `CommitOutcome.errors` and nothing is written; `dry_run` checks everything
    and writes nothing.
    """
    require_role(user, "admin")
    with engine.connect() as conn:
        catalogue = load_indicators(conn)
        known_units = {u.key for u in load_units(conn)}
        known_plans = {p.code for p in load_plans(conn)}
    plan, targets, created, errors = build_commit(frame, header, catalogue, known_units, known_plans)
    outcome = CommitOutcome(plan.code, errors=errors)
    if errors:
        return outcome
    if not targets:
        outcome.errors.append("Không còn chỉ tiêu nào được chọn: đánh dấu “Giữ” ít nhất một dòng.")
        return outcome
    if dry_run:
        outcome.targets, outcome.replaced = len(targets), plan.code in known_plans
        outcome.new_indicators = [i.code for i in created]
        return outcome
    with engine.begin() as conn:
        save_indicators(conn, created)
        if created:
            record_audit(conn, user.username, "create_indicators", "indicator", plan.code,
                         after=[{"code": i.code, "name": i.name, "measure": i.measure}
                                for i in created], source=header.get("source"))
        summary = commit_plan(
            conn, plan, targets, [_phase(plan.code, p) for p in phases],
            [_deadline(plan.code, d) for d in deadlines], actor=user.username, source=header.get("source"))
    outcome.targets, outcome.replaced = summary["targets"], summary["replaced"]
    outcome.new_indicators = [i.code for i in created]
    return outcome


__all__ = ["COLUMNS", "NEW_CHOICE", "CommitOutcome", "FormChoices", "PermissionDenied", "ReviewDraft",
           "build_commit", "code_of", "commit_review", "form_choices", "indicator_choices", "review_frame",
           "start_review"]
