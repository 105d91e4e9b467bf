"""Which pages a visitor sees: by role, and whether viewing is open."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Sequence


@dataclass(frozen=True)
class NavPage:
    """A page of the app; `access` is "anyone", "view" or a tuple of roles."""

    file: str
    title_vi: str
    title_en: str
    access: str | tuple[str, ...] = "view"

    @property
    def url_path(self) -> str:
        """The file's name: the URL Streamlit's pages-directory mode also uses
        for a deep link right after the server starts, so both agree."""
        return PurePosixPath(self.file).stem

    def title(self, lang: str = "vi") -> str:
        return self.title_en if lang == "en" else self.title_vi


def may_open(page: NavPage, user, view_without_login: bool) -> bool:
    """True when `user` (a kpi.auth.User or None) may open `page`."""
    if page.access == "anyone":
        return True
    if page.access == "view":
        return user is not None or view_without_login
    return user is not None and user.role in page.access


def visible_pages(pages: Sequence[NavPage], user, view_without_login: bool) -> list[NavPage]:
    """The pages to list for `user`, in order; the sign-in page always stays."""
    return [p for p in pages if may_open(p, user, view_without_login)]
