"""Generate data/geo/centroids.csv: one point per administrative unit, for the
dashboards' offline map.

    python data/build_centroids.py [--out DIR]      (default: data/geo/)

The points are the approximate centres the MIT-licensed `vietnamadminunits`
package (1.0.4) keeps in its `data/dataset.db`: columns provinceLat/Lon,
districtLat/Lon and wardLat/Lon of table `admin_units_legacy` (2004 code
list) and provinceLat/Lon, wardLat/Lon of table `admin_units` (2025 list).
No boundaries ship in any package the project may use, and plotly's
geographic traces fetch a world map from a CDN, so the dashboards draw these
points on plain axes instead. Written deterministically (sorted, UTF-8, "\\n",
4 decimals) so that a re-run reproduces the committed file byte for byte.
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "data" / "geo"
COLUMNS = ["code_system", "code", "lat", "lon"]
LEVELS = {"vn2004": ("province", "district", "ward"), "vn2025": ("province", "ward")}
TABLES = {"vn2004": "admin_units_legacy", "vn2025": "admin_units"}


def _number(text) -> str | None:
    try:
        return f"{float(text):.4f}"
    except (TypeError, ValueError):
        return None


def build() -> list[dict[str, str]]:
    """Every unit with a usable point, sorted by code system and code."""
    from vietnamadminunits.database import query

    points: dict[tuple[str, str], dict[str, str]] = {}
    for system, levels in LEVELS.items():
        columns = ", ".join(f"{lv}Code, {lv}Lat, {lv}Lon" for lv in levels)
        for row in query(f"SELECT {columns} FROM {TABLES[system]}"):  # names are ours
            for level in levels:
                code, lat, lon = row[f"{level}Code"], _number(row[f"{level}Lat"]), _number(row[f"{level}Lon"])
                if code and lat and lon:
                    points.setdefault((system, code), {"code_system": system, "code": code,
                                                       "lat": lat, "lon": lon})
    return [points[key] for key in sorted(points)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Sinh data/geo/centroids.csv từ gói vietnamadminunits.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="thư mục ghi tệp")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "centroids.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(build())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
