"""Aggregate reads for the dashboards: only the rows a page needs, at 1M values.

The foundation's loaders (`load_actuals`, `load_units`, `load_targets`) read
every revision, unit or target and filter in Python; these read by id,
choose the revision that counts in SQL and sum months in SQL, so a page
touches thousands of rows instead of a million. `values` reads values,
`places` units and lineage, `targets` targets.
"""
from kpi.store.queries.places import (
    child_units, lineage, units_by_key, units_with_targets, units_with_values,
)
from kpi.store.queries.targets import (
    indicator_ids, period_targets, target_indicators, target_periods,
)
from kpi.store.queries.values import (
    STANDING_RANK, BestValue, MonthTotal, best_values, data_version, month_totals,
    reports_received, value_history,
)

__all__ = [
    "STANDING_RANK", "BestValue", "MonthTotal", "best_values", "child_units", "data_version",
    "indicator_ids", "lineage", "month_totals", "period_targets", "reports_received",
    "target_indicators", "target_periods", "units_by_key", "units_with_targets",
    "units_with_values", "value_history",
]
