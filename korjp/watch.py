"""`korjp watch`: keep the store fresh from filesystem events, so queries need not walk.

The watcher refreshes the store a moment after files stop changing, and beats a heartbeat
file next to the store every second (see `korjp.freshness`). The heartbeat says "pending"
from the first event until the refresh that covers it has committed, so a query never trusts
a store the watcher knows to be behind. A full walk still runs every few minutes, because
file events can be lost (an overflowing kernel queue, a network filesystem that sends none).

The events come from `watchdog` (inotify, FSEvents, ReadDirectoryChangesW), an optional
dependency: `pip install 'korjp[watch]'`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .corpus import ARTICLE_SUFFIXES, CATALOG_NAME
from .freshness import new_watch_state, watch_state_path, write_watch_state
from .paths import store_path

BEAT_SECONDS = 1.0
QUIET_SECONDS = 0.3  # refresh once events have paused this long...
MAX_DELAY_SECONDS = 3.0  # ...or once the first unapplied event is this old
FULL_CHECK_SECONDS = 300.0


class WatchUnavailable(Exception):
    """The optional watchdog package is missing; the message says how to install it."""


class AlreadyWatched(Exception):
    """Another live watcher keeps this store; two would race each other's refreshes."""


@dataclass
class Refresh:
    """What one refresh did, for the watcher's log."""

    changed: int
    deleted: int
    seconds: float
    missed: bool  # found by the periodic walk, not announced by an event


def relevant(root: Path, path: str, is_directory: bool) -> bool:
    """Whether an event at `path` can change what the store holds."""
    try:
        rel = Path(path).relative_to(root)
    except ValueError:
        return False
    if any(part.startswith(".") for part in rel.parts):
        return False  # hidden files and folders are not articles (editors' swap files too)
    if is_directory:
        return True  # a folder moved or deleted takes its articles with it
    return rel.as_posix() == CATALOG_NAME or rel.name.lower().endswith(ARTICLE_SUFFIXES)


class Watcher:
    """Applies corpus changes to the store as they happen; `run` blocks until `stop`."""

    def __init__(
        self,
        root: Path,
        on_refresh: Callable[[Refresh], None] | None = None,
        full_check_seconds: float = FULL_CHECK_SECONDS,
    ):
        try:
            from watchdog.observers import Observer
        except ImportError:
            raise WatchUnavailable(
                "korjp watch needs the optional watchdog package: pip install 'korjp[watch]'"
            ) from None
        self.root = root.resolve()
        self.store = store_path(root)
        self.on_refresh = on_refresh
        self.full_check_seconds = full_check_seconds
        self._observer = Observer()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._seen = 0  # events received
        self._applied = 0  # events covered by a committed refresh
        self._first_unapplied = 0.0
        self._last_event = 0.0
        self._lock_file = None

    # events arrive on watchdog's thread ------------------------------------------------

    def dispatch(self, event) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reads change nothing
        if event.is_directory and event.event_type == "modified":
            return  # its entries send their own events
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        if not any(p and relevant(self.root, str(p), event.is_directory) for p in paths):
            return
        now = time.monotonic()
        with self._lock:
            first = self._seen == self._applied
            self._seen += 1
            self._last_event = now
            if first:
                self._first_unapplied = now
        if first:
            self._beat()  # say "pending" at once, before any query can trust the store
        self._wake.set()

    # the watcher's own loop ----------------------------------------------------------

    def _pending(self) -> bool:
        with self._lock:
            return self._seen > self._applied

    def _beat(self) -> None:
        write_watch_state(self.store, new_watch_state(self.root, self._pending()))

    def _refresh(self, missed: bool = False) -> None:
        from .index import open_store

        with self._lock:
            covered = self._seen
        started = time.perf_counter()
        store = open_store(self.root, trust_watcher=False)
        changed, deleted = store.changed, store.deleted
        store.close()
        with self._lock:
            self._applied = covered
        self._beat()
        if self.on_refresh and (changed or deleted):
            self.on_refresh(Refresh(changed, deleted, time.perf_counter() - started, missed))

    def _take_lock(self) -> None:
        """One watcher per store: an advisory lock held for the watcher's life."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no advisory locks, no check
            return
        self.store.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.store.with_name(self.store.name + ".watch.lock"), "a+")  # noqa: SIM115
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise AlreadyWatched(f"another korjp watch already keeps {self.root} fresh") from None
        self._lock_file = handle

    def run(self) -> None:
        """Bring the store up to date, then follow the corpus until `stop` is called."""
        self._take_lock()
        self._observer.schedule(self, str(self.root), recursive=True)
        self._observer.start()  # events from now on are queued, so none falls in the gap
        try:
            with self._lock:
                self._seen += 1  # the first refresh covers everything before the start
                self._first_unapplied = time.monotonic()
            self._refresh()
            last_full = last_beat = time.monotonic()
            while not self._stopping.is_set():
                now = time.monotonic()
                wait = BEAT_SECONDS
                if self._pending():
                    with self._lock:
                        due = min(self._last_event + QUIET_SECONDS, self._first_unapplied + MAX_DELAY_SECONDS)
                    if now >= due:
                        self._refresh()
                        last_beat = time.monotonic()
                        continue
                    wait = min(wait, due - now)
                elif now - last_full >= self.full_check_seconds:
                    self._refresh(missed=True)
                    last_full = last_beat = time.monotonic()
                    continue
                if now - last_beat >= BEAT_SECONDS:
                    self._beat()
                    last_beat = now
                self._wake.wait(wait)
                self._wake.clear()
        finally:
            self._observer.stop()
            self._observer.join(timeout=5)
            try:
                watch_state_path(self.store).unlink()
            except OSError:
                pass
            if self._lock_file:
                self._lock_file.close()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
