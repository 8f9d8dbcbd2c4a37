"""What a preview keeps from its run before: each value with the inputs it was made from, made
again only when they changed (:class:`Kept`). The check, model, render and export stages each
keep theirs this way (:class:`termbook.pipeline.LastRun` holds them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")
_NOTHING = object()


class Kept(Generic[K, V]):
    """Values by key, each kept with the inputs it was made from, under what all of them
    depend on (the shared inputs, given to :meth:`follow` at the start of each run)."""

    def __init__(self) -> None:
        self._shared: object = _NOTHING
        self._values: dict[K, tuple[object, V]] = {}
        self.made: set[K] = set()
        """The keys whose value was made, not kept, since :meth:`follow`."""

    def follow(self, shared: object, present: Callable[[K], bool] | None = None) -> None:
        """Start a run whose values all depend on ``shared``: forget every value when it
        changed, else those whose key is no longer ``present`` (when that is given)."""
        if shared != self._shared:
            self._shared, self._values = shared, {}
        elif present is not None:
            self._values = {key: value for key, value in self._values.items() if present(key)}
        self.made = set()

    def get(self, key: K, inputs: object, make: Callable[[], V]) -> V:
        """The value of ``key``: kept when it was made from equal ``inputs``, else made now
        by ``make`` and kept, unless ``inputs`` is None (nothing to compare with next time)."""
        kept = self._values.get(key)
        if inputs is not None and kept is not None and kept[0] == inputs:
            return kept[1]
        value = make()
        self.made.add(key)
        if inputs is not None:
            self._values[key] = (inputs, value)
        return value
