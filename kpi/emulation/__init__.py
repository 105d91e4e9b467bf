"""Emulation blocks (khối thi đua): members, registrations, reporting discipline,
scoring and ranking.

- `calendar`: Vietnam's working days (weekends, holidays from data/holidays.csv);
- `blocks`: a block per year with its members, head and deputy;
- `admin`: what administrators change (blocks, schemes, council scores), checked and audited;
- `registration`: each member's registered targets (đăng ký thi đua), locked
  after the block's deadline unless an admin reopens them;
- `registration_workbook`: the registration as an Excel workbook, both ways;
- `discipline`: on time / late / missing reports per member and deadline;
- `scheme`: the scoring scheme of a block (criteria, weights, points, awards);
- `scoring`: the score of each member, line by line, and the ranking;
- `ranking`: the ranking of a stored block (and the change from last year);
- `views`, `editors`: the tables the pages show and edit (pure pandas);
- `export`: the Excel sheets a block head sends;
- `commands`: `python -m kpi blocks` and `python -m kpi ranking`;
- `demo`: the demo block of seed 001 with registrations, reports and a scheme.
"""
