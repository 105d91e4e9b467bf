"""`python -m kpi demo` creates demo accounts only in demo mode, each with a
password generated then and printed once — none is written in the repository."""
from __future__ import annotations

import shutil

import pytest

from kpi.accounts import DEMO_ACCOUNTS, sign_in
from kpi.cli import main
from kpi.store.users import list_users


def _demo(monkeypatch, capsys, url: str, demo: str) -> list[list[str]]:
    monkeypatch.setenv("KPI_DATABASE_URL", url)
    monkeypatch.setenv("KPI_DEMO", demo)
    assert main(["demo"]) == 0
    return [line.split("\t") for line in capsys.readouterr().out.splitlines() if line]


def test_demo_mode_off_creates_no_account(demo_url, demo_engine, monkeypatch, capsys):
    assert _demo(monkeypatch, capsys, demo_url, "0") == []
    with demo_engine.connect() as conn:
        assert list_users(conn) == []


def test_demo_mode_prints_generated_passwords_once(demo_url, demo_engine, monkeypatch, capsys):
    printed = _demo(monkeypatch, capsys, demo_url, "1")
    assert [row[0] for row in printed] == [name for name, *_ in DEMO_ACCOUNTS]
    roles = {row[0]: row[2] for row in printed}
    assert roles["lanhdao"] == "Lãnh đạo" and roles["xem"] == "Người xem"
    for username, password, _role in printed:
        user = sign_in(demo_engine, username, password)
        assert user is not None and user.username == username
    assert sign_in(demo_engine, "thongke.pq", printed[0][1]) is None  # each its own password
    assert _demo(monkeypatch, capsys, demo_url, "1") == []  # printed once: never again


def test_two_demo_stores_get_different_passwords(demo_db_file, tmp_path, monkeypatch, capsys):
    runs = []
    for name in ("mot.db", "hai.db"):
        shutil.copy(demo_db_file, tmp_path / name)
        runs.append(dict((u, p) for u, p, _r in _demo(monkeypatch, capsys,
                                                      f"sqlite:///{tmp_path / name}", "1")))
    assert runs[0].keys() == runs[1].keys()
    assert all(runs[0][u] != runs[1][u] and len(runs[0][u]) >= 12 for u in runs[0])
