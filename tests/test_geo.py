"""Unit centres for the offline map (data/geo/centroids.csv)."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from kpi.admin_units import load_reference_units
from kpi.geo import CENTROIDS, centroids

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("key, lat, lon", [
    ("vn2025:01", (20.5, 21.5), (105.3, 106.1)),  # Hà Nội
    ("vn2004:911", (9.9, 10.5), (103.8, 104.2)),  # Phú Quốc, an island west of the delta
    ("vn2025:31078", (9.9, 10.5), (103.8, 104.2)),  # Đặc khu Phú Quốc
    ("vn2025:79", (10.3, 11.2), (106.3, 107.2)),  # Hồ Chí Minh
])
def test_known_units_sit_where_they_are(key, lat, lon):
    found_lat, found_lon = centroids([key])[key]
    assert lat[0] <= found_lat <= lat[1] and lon[0] <= found_lon <= lon[1]


def test_every_administrative_unit_has_a_centre_and_agencies_none():
    keys = [u.key for u in load_reference_units()]
    found = centroids(keys + ["org:TV-SYT"])
    assert set(found) == set(keys)
    # Hoàng Sa (112°E) and Trường Sa (114°E) are đặc khu too.
    assert all(6 < lat < 24 and 102 < lon < 118 for lat, lon in found.values())


@pytest.mark.refdata
def test_generator_reproduces_the_committed_file(tmp_path):
    if importlib.util.find_spec("vietnamadminunits") is None:
        pytest.skip("vietnamadminunits chưa được cài: không kiểm tra được bộ sinh dữ liệu")
    result = subprocess.run([sys.executable, str(REPO / "data" / "build_centroids.py"),
                             "--out", str(tmp_path)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "centroids.csv").read_bytes() == CENTROIDS.read_bytes()
