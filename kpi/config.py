"""Settings: one registry, loaded from the environment in one place.

Each setting has a name, a default and a line of help; the README's settings
table is checked against this registry by a test, so a new setting cannot go
undocumented.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"


@dataclass(frozen=True)
class Setting:
    """One documented setting read from the environment variable `env`."""

    env: str
    default: str
    help: str
    parse: Callable[[str], object] = str


def _flag(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes", "on", "có"}


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "KPI_DATABASE_URL",
        f"sqlite:///{DATA_DIR / 'chitieu.db'}",
        "SQLAlchemy URL of the store: a SQLite file under data/ by default, "
        "or postgresql+psycopg://user@host/db for larger deployments.",
    ),
    Setting(
        "KPI_NEARLY_MET_SHARE",
        "0.9",
        "Achievement (ratio) from which a target not yet met counts as "
        "'gần đạt' (nearly met).",
        float,
    ),
    Setting(
        "KPI_ON_TRACK_SHARE",
        "0.95",
        "Share of the expected progress from which a running target counts "
        "as on track (flows year-to-date, paths to a multi-year target).",
        float,
    ),
    Setting(
        "KPI_LANGUAGE",
        "vi",
        "Default language of the interface and the command line: vi or en.",
    ),
    Setting(
        "KPI_ADMIN_PASSWORD",
        "",
        "Password of the first administrator that `python -m kpi init` creates "
        "when there is no account; empty: a random one is printed once.",
    ),
    Setting(
        "KPI_VIEW_WITHOUT_LOGIN",
        "1",
        "Let anyone open the dashboards without signing in (writing always "
        "needs an account). On in the demo; turn off for a closed deployment.",
        _flag,
    ),
    Setting(
        "KPI_DEMO",
        "1",
        "Load the demo data built from the seed plans when the database is "
        "empty (make run), and say on every page that it is demo data.",
        _flag,
    ),
    Setting(
        "KPI_UPLOAD_MAX_MB",
        "20",
        "Largest workbook (MB) an upload may be; checked again in kpi, since "
        "Streamlit's own limit is enforced only in the browser.",
        float,
    ),
    Setting(
        "KPI_JUMP_FACTOR",
        "3",
        "An uploaded value more than this many times (or under 1/this) the "
        "previous period's is shown with a warning.",
        float,
    ),
    Setting(
        "KPI_SHARE_TOLERANCE",
        "1",
        "Percentage points by which uploaded structure shares (GRDP by sector) "
        "may miss 100% before a warning.",
        float,
    ),
    Setting(
        "KPI_HOLIDAYS_FILE",
        str(DATA_DIR / "holidays.csv"),
        "CSV of Vietnam's days off (Tết, Giỗ Tổ, compensatory days) that moves "
        "report deadlines off holidays; regenerate with data/build_holidays.py.",
    ),
)


@dataclass(frozen=True)
class Settings:
    """The settings in force; build with `load_settings()`."""

    database_url: str
    nearly_met_share: float
    on_track_share: float
    language: str
    admin_password: str
    view_without_login: bool
    demo: bool
    upload_max_mb: float
    jump_factor: float
    share_tolerance: float
    holidays_file: str = ""


_FIELD_BY_ENV = {
    "KPI_DATABASE_URL": "database_url",
    "KPI_NEARLY_MET_SHARE": "nearly_met_share",
    "KPI_ON_TRACK_SHARE": "on_track_share",
    "KPI_LANGUAGE": "language",
    "KPI_ADMIN_PASSWORD": "admin_password",
    "KPI_VIEW_WITHOUT_LOGIN": "view_without_login",
    "KPI_DEMO": "demo",
    "KPI_UPLOAD_MAX_MB": "upload_max_mb",
    "KPI_JUMP_FACTOR": "jump_factor",
    "KPI_SHARE_TOLERANCE": "share_tolerance",
    "KPI_HOLIDAYS_FILE": "holidays_file",
}


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read every setting from `environ` (default `os.environ`).

    Raises ValueError, in Vietnamese, when a value cannot be parsed.
    """
    env = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        raw = env.get(setting.env, "") or setting.default
        try:
            values[_FIELD_BY_ENV[setting.env]] = setting.parse(raw)
        except ValueError as exc:
            raise ValueError(
                f"Giá trị của biến môi trường {setting.env} không hợp lệ: {raw!r}"
            ) from exc
    return Settings(**values)
