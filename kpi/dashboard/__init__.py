"""Leaders' dashboards: plain functions returning plain data for the three views.

- `statuses` (with `records`): scorecard rows of many units at once, by
  kpi.scorecard's own rules, reading only the values those rules need;
- `scope`: the units a view covers (a locality, the units it was made of
  before the 2025 reform, their children); `values`: counted values of a few
  cells; `year_to_date`: lũy kế and ước cả năm of a flow;
- `choices`: what the shared filters offer (plans, periods, localities, fields);
- `overview`, `indicator`, `locality`, `history`: the data of each page;
- `tables` and `excel`: the tables people read and download.

Figures are drawn by kpi.charts; Streamlit lives only in kpi.filters,
kpi.display, kpi.cache and pages/.
"""
