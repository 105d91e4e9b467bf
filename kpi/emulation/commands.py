"""`python -m kpi blocks` and `python -m kpi ranking` (registered through kpi.cli).

`blocks --json` prints a list of blocks; `ranking --block CODE --year Y
--json` prints one object (kpi.emulation.ranking.ranking_payload). The block
may be named by its code (K8-TV-2021) or by its series (K8-TV) with --year.
Errors are Vietnamese sentences on stderr with exit code 1.
"""
from __future__ import annotations

import json
import sys

from kpi.config import load_settings
from kpi.db import create_store_engine
from kpi.emulation.blocks import Block, BlockError
from kpi.emulation.ranking import load_ranking, ranking_payload
from kpi.numbers import format_number
from kpi.periods import parse_date, today_vn
from kpi.store.blocks import load_blocks
from kpi.store.units import load_units
from kpi.units import key_to_code


def _engine():
    return create_store_engine(load_settings().database_url)


def _print_json(payload) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def resolve_block(blocks: list[Block], name: str, year: int | None) -> Block:
    """The block called `name` (a code, or a series with `year`).

    Raises BlockError saying which codes exist when nothing or several match."""
    exact = [b for b in blocks if b.code == name]
    if exact:
        if year is not None and exact[0].year != year:
            raise BlockError(f"Khối {name} là khối năm {exact[0].year}, không phải năm {year}.")
        return exact[0]
    series = [b for b in blocks if b.series_code == name and (year is None or b.year == year)]
    if len(series) == 1:
        return series[0]
    known = ", ".join(f"{b.code} ({b.year})" for b in blocks) or "chưa có khối nào"
    if len(series) > 1:
        raise BlockError(f"Khối {name} có nhiều năm: thêm --year (các khối: {known}).")
    raise BlockError(f"Không có khối thi đua “{name}”" + (f" năm {year}" if year else "")
                     + f". Các khối: {known}.")


def cmd_blocks(args) -> int:
    """List the blocks with their members, head, deputy and plan."""
    with _engine().connect() as conn:
        blocks = load_blocks(conn)
        names = {u.key: u.name for u in load_units(conn, {k for b in blocks for k in b.members})}
    rows = [
        {"code": b.code, "name": b.name, "year": b.year, "series": b.series_code,
         "plan": b.plan_code,
         "head": key_to_code(b.head) if b.head else None, "head_name": names.get(b.head),
         "deputy": key_to_code(b.deputy) if b.deputy else None,
         "deputy_name": names.get(b.deputy),
         "registration_deadline": b.registration_deadline,
         "members": [{"unit_code": key_to_code(k), "unit": names.get(k)} for k in b.members]}
        for b in blocks
    ]
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            print(f"{r['code']:<14} {r['year']}  {r['name']} — {len(r['members'])} thành viên, "
                  f"khối trưởng {r['head_name'] or '–'}")
    return 0


def cmd_ranking(args) -> int:
    """Score and rank one block's members."""
    engine = _engine()
    with engine.connect() as conn:
        block = resolve_block(load_blocks(conn), args.block, args.year)
    as_of = parse_date(args.as_of) if args.as_of else today_vn()
    payload = ranking_payload(load_ranking(engine, block.code, as_of=as_of))
    if args.json:
        _print_json(payload)
    else:
        print(f"{payload['block_name']} năm {payload['year']} (tính đến {as_of:%d/%m/%Y})")
        for m in payload["members"]:
            print(f"{m['rank']:>3}. {m['unit']:<40} {format_number(m['total']):>8} điểm"
                  f"  {m['award'] or ''}")
    return 0


def add_commands(add) -> None:
    """Register `blocks` and `ranking` with kpi.cli's `add(name, handler, help)`."""
    blocks = add("blocks", cmd_blocks, "Liệt kê các khối thi đua, thành viên, khối trưởng, khối phó.")
    blocks.add_argument("--json", action="store_true", help="in JSON ra stdout")
    ranking = add("ranking", cmd_ranking,
                  "Chấm điểm, xếp hạng các thành viên của một khối thi đua, kèm giải thích từng dòng.")
    ranking.add_argument("--block", required=True, help="mã khối (K8-TV-2021) hoặc mã chuỗi khối (K8-TV)")
    ranking.add_argument("--year", type=int, help="năm thi đua")
    ranking.add_argument("--as-of", help="ngày xem xét (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay")
    ranking.add_argument("--json", action="store_true", help="in JSON ra stdout")
