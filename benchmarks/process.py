"""Running what is measured: commands with their own resource use, and functions in a fresh
Python interpreter."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

# A fixed epoch keeps the builds' dated files (the sitemap) identical run to run.
SOURCE_DATE_EPOCH = "1767225600"

Result = TypeVar("Result")


def build_env() -> dict[str, str]:
    """The environment of every measured command: reproducible builds, no MkDocs 2 notice."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            "PYTHONHASHSEED": "0"}


def run_measured(command: list[str], cwd: Path, log: Path,
                 env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """Run ``command`` (in :func:`build_env`, updated with ``env``); return its wall time in
    seconds, peak resident memory in bytes and CPU time in seconds.

    ``os.wait4`` gives the resource use of exactly this child, so the measurement includes
    neither this process nor other runs.
    """
    with log.open("w") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**build_env(), **(env or {})}, stdout=output,
                                   stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark: '{' '.join(command)}' failed in {cwd}; see {log}:\n"
                         + log.read_text()[-3000:])
    # ru_maxrss is in kilobytes on Linux.
    return elapsed, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def in_fresh_process(function: Callable[..., Result], *args: Any) -> Result:
    """``function(*args)`` in a new Python interpreter, which starts with nothing loaded or
    cached, as a build does (``function`` must be a module-level function: the interpreter
    imports it by name). It inherits this process's environment: the benchmark starts by
    making that :func:`build_env`."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(function, args)
