"""Settings: each one is documented, parsed, and refused in Vietnamese when wrong."""
from __future__ import annotations

from pathlib import Path

import pytest

from kpi.config import SETTINGS, load_settings

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_in_the_readme_table(setting):
    assert f"| `{setting.env}` |" in README.read_text(encoding="utf-8")


def test_defaults_point_at_a_sqlite_file_under_data():
    settings = load_settings({})
    assert settings.database_url.startswith("sqlite:///")
    assert settings.database_url.endswith("/data/chitieu.db")
    assert (settings.nearly_met_share, settings.language, settings.demo) == (0.9, "vi", True)


def test_environment_overrides_defaults():
    settings = load_settings({"KPI_NEARLY_MET_SHARE": "0.95", "KPI_DEMO": "0",
                              "KPI_DATABASE_URL": "postgresql+psycopg://u@h/db"})
    assert (settings.nearly_met_share, settings.demo) == (0.95, False)
    assert settings.database_url == "postgresql+psycopg://u@h/db"


def test_unparseable_value_is_refused_in_vietnamese():
    with pytest.raises(ValueError, match="KPI_NEARLY_MET_SHARE không hợp lệ"):
        load_settings({"KPI_NEARLY_MET_SHARE": "chín mươi"})
