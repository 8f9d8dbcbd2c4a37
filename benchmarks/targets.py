"""The build-cost targets, as data, and how a run's results meet them.

Each target is judged once, on the value measured on the machine that ran the benchmark:
never rescaled to another machine or against another measurement. What a value means goes in
the prose of the results page, which is worked out from the numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

MET, MISSED, NOT_MEASURED = "met", "missed", "not measured"

Sizes = dict[int, dict]
"""A run's results by glossary size (see :func:`benchmarks.measure.measure_size`)."""


@dataclasses.dataclass(frozen=True)
class Goal:
    """A limit on one measurement, judged at each of ``sizes``."""

    name: str
    unit: str
    limit: float
    sizes: tuple[int, ...]
    measured: Callable[[Sizes, int], float | None]
    """The measured value at a size, or None when the run did not measure it."""


@dataclasses.dataclass(frozen=True)
class Target:
    """One goal at one size, with what the run measured."""

    name: str
    value: float | None
    limit: float
    unit: str

    @property
    def status(self) -> str:
        if self.value is None:
            return NOT_MEASURED
        return MET if self.value <= self.limit else MISSED

    def as_json(self) -> dict:
        return {"target": self.name, "value": self.value, "limit": self.limit, "unit": self.unit,
                "status": self.status}


def _ratio(key: str) -> Callable[[Sizes, int], float | None]:
    """Ours divided by the baseline for ``key`` at a size."""
    def measured(sizes: Sizes, n: int) -> float | None:
        return sizes[n]["ratio"].get(key) if n in sizes else None
    return measured


def _measured(key: str) -> Callable[[Sizes, int], float | None]:
    """The value of ``key`` at a size."""
    def measured(sizes: Sizes, n: int) -> float | None:
        return sizes[n].get(key) if n in sizes else None
    return measured


def _engine_growth(sizes: Sizes, n: int) -> float | None:
    """How many times longer the engine took at ``n`` terms than at a tenth of them."""
    if n not in sizes or n // 10 not in sizes:
        return None
    return sizes[n]["engine"]["seconds"] / sizes[n // 10]["engine"]["seconds"]


def _preview(engine: str, *, against_baseline: bool = False) -> Callable[[Sizes, int], float | None]:
    """The seconds ``engine`` took to serve an edit of our site at a size, or that divided by
    the baseline's."""
    def measured(sizes: Sizes, n: int) -> float | None:
        sides = sizes[n].get("preview_seconds", {}).get(engine) if n in sizes else None
        ours = sides and sides["ours"].get("seconds")
        if not against_baseline or ours is None:
            return ours
        base = sides["baseline"].get("seconds")
        return None if base is None else ours / base
    return measured


GOALS = (
    Goal("whole build time", "× baseline", 1.10, (1000, 10000), _ratio("seconds")),
    Goal("peak memory of the whole build", "× baseline", 1.10, (1000, 10000), _ratio("peak_rss")),
    Goal("site size", "× baseline", 1.10, (1000, 10000), _ratio("site_bytes")),
    Goal("search index size", "× baseline", 1.10, (1000, 10000), _ratio("search_index_bytes")),
    # As on a fresh clone, with nothing in the read cache; and as a contributor checks an edit.
    Goal("termbook check with nothing cached", "s", 2.0, (10000,), _measured("check_seconds")),
    Goal("termbook check after editing one entry", "s", 2.0, (10000,),
         _measured("check_edited_seconds")),
    Goal("engine time for ten times the terms", "× the time at a tenth", 11.0, (1000, 10000),
         _engine_growth),
    Goal("MkDocs preview (mkdocs serve --dirty)", "s", 2.0, (1000,), _preview("mkdocs serve --dirty")),
    Goal("MkDocs preview (mkdocs serve --dirty)", "s", 10.0, (10000,), _preview("mkdocs serve --dirty")),
    Goal("Zensical preview", "s", 1.0, (1000,), _preview("Zensical preview")),
    Goal("Zensical preview", "× baseline", 1.10, (10000,),
         _preview("Zensical preview", against_baseline=True)),
)


def targets(sizes: list[dict], goals: tuple[Goal, ...] = GOALS) -> list[Target]:
    """Every goal at each of its sizes, as measured (``value`` None where it was not)."""
    by_n = {size["n"]: size for size in sizes}
    return [Target(f"{goal.name} at N={n:,}", goal.measured(by_n, n), goal.limit, goal.unit)
            for goal in goals for n in goal.sizes]
