"""One bounded cache for what a process keeps between documents (compressed streams, stylesheets, a batch's
shared page, a batch's type factor): a long-running preview or a build of many batches must not grow without
end, and each cache is cleared by one call when its fonts are released."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


class BoundedCache(Generic[Key, Value]):
    """At most `size` entries; adding one more drops the oldest (first in, first out: the entries are batches
    or documents that come in order, so the oldest is the one least likely to come back)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: dict[Key, Value] = {}

    def get(self, key: Key) -> Value | None:
        return self._entries.get(key)

    def put(self, key: Key, value: Value) -> Value:
        if key not in self._entries and len(self._entries) >= self.size:
            del self._entries[next(iter(self._entries))]
        self._entries[key] = value
        return value

    def get_or_make(self, key: Key, make: Callable[[], Value]) -> Value:
        """The entry for `key`, made and kept if there is none."""
        if key in self._entries:
            return self._entries[key]
        return self.put(key, make())

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()


def cache_folder(name: str) -> Path:
    """factsheet's folder `name` in the user's cache (XDG_CACHE_HOME, else ~/.cache): what is kept between runs
    (evidence read again, the Chinese segmenter's dictionary) goes there, never into the shared temp folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factsheet" / name
