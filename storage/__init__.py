"""Storage: the SQLite schema, its migrations and the repositories (the only place with SQL)."""

from storage.db import Database, open_database
from storage.repos import Repos

__all__ = ["Database", "Repos", "open_database"]
