"""Approximate centres of administrative units, for a map that works offline.

data/geo/centroids.csv is generated from the MIT-licensed
`vietnamadminunits` package by data/build_centroids.py; the app reads only
the file. Points are (latitude, longitude) in degrees, keyed by unit key
("vn2025:91"). No boundaries: the dashboards place units by their centres.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Iterable

CENTROIDS = Path(__file__).resolve().parent.parent / "data" / "geo" / "centroids.csv"


@lru_cache(maxsize=2)
def _load(path: Path) -> dict[str, tuple[float, float]]:
    with path.open(encoding="utf-8", newline="") as f:
        return {f"{r['code_system']}:{r['code']}": (float(r["lat"]), float(r["lon"]))
                for r in csv.DictReader(f)}


def centroids(keys: Iterable[str], path: Path | None = None) -> dict[str, tuple[float, float]]:
    """(lat, lon) of the units among `keys` that have a point; agencies have none.

    Raises FileNotFoundError when the file is missing.
    """
    points = _load(path or CENTROIDS)
    return {key: points[key] for key in keys if key in points}
