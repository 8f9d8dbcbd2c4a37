"""``python -m benchmarks``: run the benchmark; see the package's docstring."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from . import __doc__ as about
from . import measure, preview, report, sites
from .process import build_env
from .targets import targets

DEFAULT_WORK = report.ROOT / "benchmarks" / "work"
DEFAULT_SIZES = (100, 1000, 10000)


def default_runs(n: int) -> int:
    """Build runs per site: five up to 1,000 terms, where builds take seconds and the noise of
    a shared machine is as large as the difference measured; at 10,000 terms a build takes
    over a minute, so three there keep the whole benchmark to about a quarter hour."""
    return 5 if n <= 1000 else 3


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/benchmark", description=about.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="glossary sizes, comma-separated (default: 100,1000,10000)")
    parser.add_argument("--runs", type=int,
                        help="builds per site and size (default: 5 up to N=1,000, 3 above)")
    parser.add_argument("--preview-runs", type=int,
                        help="edits per preview engine, site and size (default: 3 up to N=1,000, 1 above)")
    parser.add_argument("--without", action="append", choices=measure.OPTIONAL, default=[],
                        help="leave a measurement out of this run (repeatable): where termbook's "
                             "time goes, or the preview; each is over a minute per site at 10,000 terms")
    parser.add_argument("--preview-engine", action="append", dest="preview_engines",
                        choices=[engine.generator for engine in preview.ENGINES.values()],
                        help="measure only this site generator's preview (repeatable; "
                             "default: every one)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="scratch folder for the generated projects (default: benchmarks/work)")
    parser.add_argument("--results", type=Path, default=report.DEFAULT_RESULTS)
    parser.add_argument("--page", type=Path, default=report.DEFAULT_PAGE)
    parser.add_argument("--plot", type=Path, default=report.DEFAULT_PLOT)
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error(f"--sizes takes numbers separated by commas, not '{args.sizes}'")
    if not args.sizes or min(args.sizes) < 10:
        parser.error("--sizes: each size must be at least 10 terms")
    args.preview_engines = [name for name, engine in preview.ENGINES.items()
                            if engine.generator in (args.preview_engines or [engine.generator])]
    for name in ("runs", "preview_runs"):
        if getattr(args, name) is not None and getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.update(build_env())  # for the fresh processes too
    args.work.mkdir(parents=True, exist_ok=True)
    about_machine = report.machine()
    projects = [sites.make_project(n, args.work.resolve()) for n in args.sizes]
    engines = measure.time_engines({p.n: p.folder for p in projects}, measure.ENGINE_RUNS)
    sizes = [measure.measure_size(p, args.runs or default_runs(p.n), engines[p.n], args.preview_runs,
                                  without=args.without, preview_engines=args.preview_engines)
             for p in projects]
    about_machine["load_average"]["end"] = os.getloadavg()[0]
    results = {"date": datetime.date.today().isoformat(), "machine": about_machine,
               "sizes": sizes, "targets": [t.as_json() for t in targets(sizes)]}
    report.write(results, args.results, args.page, args.plot)
    print(report.summary(results))
    print(f"Results in {args.results}, page {args.page}, plot {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
