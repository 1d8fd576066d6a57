"""One running bot per database: a second one would poll twice and send every alert twice."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout


class AlreadyRunning(Exception):
    pass


def hold_instance_lock(database_path: Path) -> FileLock:
    """Take the lock beside the database or raise AlreadyRunning. The OS releases it
    when the process dies, so a crash never leaves a stale lock behind."""
    lock_path = database_path.with_name(database_path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise AlreadyRunning(
            f"another bot process is already using {database_path} (lock {lock_path}); "
            "stop it first, or give this one its own DATABASE_PATH"
        ) from None
    return lock
