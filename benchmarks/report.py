"""The benchmark's report: the table it prints, ``benchmarks/results.json``, and the site's
results page (from the template ``page.md`` next to this module) with its plot.

``python -m benchmarks.report [--results FILE ...] [--page FILE] [--plot FILE] [--merged FILE]``
writes the page and the plot again from a results file, or from several runs of different
sizes (``--sizes 100,1000`` and ``--sizes 10000``, say), whose results ``--merged`` also
writes as one file.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import string
import sys
from importlib import metadata
from pathlib import Path

from termbook.export import EXPORT_PATHS

from .measure import ENGINE_RUNS, HOOK_NAMES
from .preview import ENGINES, POLL_INTERVAL
from .synthetic import ARTICLES, LONG_PAGES
from .targets import GOALS, MISSED, targets

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RESULTS = ROOT / "benchmarks" / "results.json"
DEFAULT_PAGE = ROOT / "docs" / "benchmark.md"
DEFAULT_PLOT = ROOT / "docs" / "assets" / "benchmark.svg"
TEMPLATE = Path(__file__).with_name("page.md")
DOWNLOADS = ", ".join(f"`{path.rsplit('/', 1)[-1]}`" for path in EXPORT_PATHS)

def _mb(size: float) -> str:
    return f"{size / 1e6:.1f}"


TABLE_HEADER = ["N", "pages", "engine s (CPU)", "check s (CPU)", "check after an edit s (CPU)",
                "YAML loader s", "check ÷ loader",
                "build s (ours / base)", "ratio", "build CPU s (ours / base)",
                "peak memory MB (ours / base)", "site MB (ours / base)",
                "site without downloads MB (ours / base)", "search index MB (ours / base)"]


def table_rows(sizes: list[dict]) -> list[list[str]]:
    rows = []
    for s in sizes:
        ours, base, ratio = s["build"]["ours"], s["build"]["baseline"], s["ratio"]
        rows.append([f"{s['n']:,}", f"{s['pages']:,}", f"{s['engine']['seconds']:.2f}",
                     f"{s['check_seconds']:.2f} ({s['check_cpu_seconds']:.2f})",
                     f"{s['check_edited_seconds']:.2f} ({s['check_edited_cpu_seconds']:.2f})",
                     f"{s['yardstick_seconds']:.2f}", f"{s['check_seconds'] / s['yardstick_seconds']:.2f}",
                     f"{ours['seconds']:.2f} / {base['seconds']:.2f}", f"{ratio['seconds']:.2f}",
                     f"{ours['cpu_seconds']:.2f} / {base['cpu_seconds']:.2f} ({ratio['cpu_seconds']:.2f})",
                     f"{_mb(ours['peak_rss'])} / {_mb(base['peak_rss'])} ({ratio['peak_rss']:.2f})",
                     f"{_mb(ours['site_bytes'])} / {_mb(base['site_bytes'])} ({ratio['site_bytes']:.2f})",
                     f"{_mb(ours['site_bytes'] - ours['download_bytes'])} / "
                     f"{_mb(base['site_bytes'] - base['download_bytes'])} "
                     f"({ratio['site_bytes_without_downloads']:.2f})",
                     f"{_mb(ours['search_index_bytes'])} / {_mb(base['search_index_bytes'])} "
                     f"({ratio['search_index_bytes']:.2f})"])
    return rows


def text_table(header: list[str], rows: list[list[str]]) -> str:
    rows = [header, *rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True))
                     for row in rows)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def plot_svg(sizes: list[dict]) -> str:
    """Build time against N for ours and the baseline, on log–log axes, as plain SVG."""
    width, height, left, right, top, bottom = 640, 380, 70, 150, 30, 60
    points = {side: [(s["n"], s["build"][side]["seconds"]) for s in sorted(sizes, key=lambda s: s["n"])]
              for side in ("baseline", "ours")}
    xs = [n for n, _ in points["ours"]]
    ys = [t for side in points.values() for _, t in side]
    x_lo, x_hi = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    x_hi = max(x_hi, x_lo + 1)
    y_lo, y_hi = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    y_hi = max(y_hi, y_lo + 1)

    def px(n: float) -> float:
        return left + (math.log10(n) - x_lo) / (x_hi - x_lo) * (width - left - right)

    def py(t: float) -> float:
        return height - bottom - (math.log10(t) - y_lo) / (y_hi - y_lo) * (height - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-labelledby="benchmark-title" '
           'font-family="sans-serif" font-size="13">',
           '<title id="benchmark-title">Whole mkdocs build time against glossary size: termbook '
           'and plain Material</title>',
           f'<rect width="{width}" height="{height}" fill="#fff"/>']
    for exponent in range(x_lo, x_hi + 1):
        x = px(10 ** exponent)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">{10 ** exponent:,}</text>')
    for exponent in range(y_lo, y_hi + 1):
        y = py(10 ** exponent)
        label = f"{10 ** exponent:g}"
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 18}" text-anchor="middle">'
               'glossary terms (N)</text>')
    out.append(f'<text transform="translate(18 {(top + height - bottom) / 2}) rotate(-90)" '
               'text-anchor="middle">build time (s)</text>')
    styles = {"baseline": ("#888", "plain Material", "6 4"), "ours": ("#3f51b5", "termbook", "")}
    for row, (side, (colour, label, dash)) in enumerate(styles.items()):
        line = " ".join(f"{px(n):.1f},{py(t):.1f}" for n, t in points[side])
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        for n, t in points[side]:
            out.append(f'<circle cx="{px(n):.1f}" cy="{py(t):.1f}" r="4" fill="{colour}">'
                       f'<title>{label}, N={n:,}: {t:.2f} s</title></circle>')
        ly = top + 10 + row * 22
        out.append(f'<line x1="{width - right + 16}" y1="{ly}" x2="{width - right + 40}" y2="{ly}" '
                   f'stroke="{colour}" stroke-width="2"{dash_attr}/>')
        out.append(f'<text x="{width - right + 46}" y="{ly + 4}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def time_rows(sizes: list[dict], key_of_size: str = "termbook_cpu_seconds") -> list[list[str]]:
    """Where termbook's time goes, per size: CPU seconds and share of the whole build (or,
    with ``preview_termbook_cpu_seconds``, of a rebuild of the MkDocs preview)."""
    def cell(seconds: float, whole: float) -> str:
        return f"{seconds:.2f} ({seconds / whole:.1%})"

    rows = []
    for key, label in [*HOOK_NAMES.items(), ("termbook", "**termbook, all**"),
                       ("rest", "MkDocs and Material")]:
        row = [label]
        for size in sizes:
            spent = size[key_of_size]
            ours = sum(spent[name] for name in HOOK_NAMES)
            seconds = {"termbook": ours, "rest": spent["whole build"] - ours}.get(key, spent.get(key))
            row.append(cell(seconds, spent["whole build"]))
        rows.append(row)
    return rows


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "load_average": {"start": os.getloadavg()[0]},
            "mkdocs": metadata.version("mkdocs"), "material": metadata.version("mkdocs-material"),
            "termbook": metadata.version("termbook")}


def _figure(value: float, limit: float | None = None) -> str:
    """``value`` to two decimals, or three where two would round it onto ``limit`` from
    either side: 1.104 against a limit of 1.1 reads "1.104", not a "1.10" that looks met."""
    shown = f"{value:.2f}"
    if limit is not None and float(shown) == limit != value:
        shown = f"{value:.3f}"
    return shown


def _x(value: float, limit: float | None = None) -> str:
    return f"{_figure(value, limit)}×"


def _target_value(target: dict) -> str:
    """A measured target's value with its unit, as the page and the terminal show it."""
    return f"{_figure(target['value'], target['limit'])} {target['unit']}"


def target_rows(found: list[dict]) -> list[list[str]]:
    return [[t["target"], "–" if t["value"] is None else _target_value(t), f"≤ {t['limit']:g}",
             f"**{t['status']}**" if t["status"] == MISSED else t["status"]] for t in found]


def dates_note(sizes: list[dict]) -> str:
    """Which sizes were measured on which day, when the results merge runs of several days."""
    days: dict[str, list[str]] = {}
    for size in sizes:
        if "date" in size:
            days.setdefault(size["date"], []).append(f"N={size['n']:,}")
    if len(days) < 2:
        return ""
    return " These results merge runs of several days: " + "; ".join(
        f"{' and '.join(names)} measured on {day}" for day, names in sorted(days.items())) + "."


def load_note(machine: dict) -> str:
    load = machine["load_average"]
    note = (f"Load average (processes wanting a processor): {load['start']:.2f} at the start, "
            f"{load['end']:.2f} at the end.")
    if max(load["start"], load["end"]) > machine["cores"]:
        note += (f" That is more than the machine's {machine['cores']} cores: other work was "
                 "running, so the times are noisier than on a quiet machine, and wall times "
                 "include waiting for a processor. Memory and sizes do not depend on the load.")
    return note


def _spread(build: dict) -> str:
    times = build["all_seconds"]
    return f"from {min(times):.1f} to {max(times):.1f} s" if len(times) > 1 else f"{times[0]:.1f} s"


def target_notes(sizes: list[dict]) -> str:
    """What the measured values say, in words, size by size."""
    limit = {goal.name: goal.limit for goal in GOALS}
    notes = []
    for size in sizes:
        n, ours, base, ratio = size["n"], size["build"]["ours"], size["build"]["baseline"], size["ratio"]
        if n < 1000:
            continue
        note = (f"At N={n:,} our build took {ours['seconds']:.1f} s against {base['seconds']:.1f} s "
                f"for the baseline ({size['runs']} build{'s' if size['runs'] > 1 else ''} each; "
                f"ours took {_spread(ours)}, the baseline's {_spread(base)})")
        if ratio["seconds"] > limit["whole build time"]:
            note += (f"; in CPU time, {ours['cpu_seconds']:.1f} s against {base['cpu_seconds']:.1f} s "
                     f"({_x(ratio['cpu_seconds'], limit['whole build time'])}).")
            if ratio["cpu_seconds"] <= limit["whole build time"]:
                note += (" The CPU time is within the limit: the rest of the wall time was spent "
                         "waiting for a processor that other work was using.")
        else:
            note += "."
        widest = max(max(side["all_seconds"]) - min(side["all_seconds"]) for side in (ours, base))
        if widest > abs(ours["seconds"] - base["seconds"]):
            note += (" The builds of one site spread wider than the two medians differ: the "
                     "difference is within the noise of this machine's builds.")
        notes.append(note)
        if ratio["site_bytes"] > limit["site size"]:
            pages_only = ratio["site_bytes_without_downloads"]
            notes.append(
                f"At N={n:,} the site is {_x(ratio['site_bytes'])} the baseline's. The data "
                f"downloads ({DOWNLOADS}: {_mb(ours['download_bytes'])} MB) hold every entry "
                f"again and have no counterpart in the baseline; without them the site is "
                f"{_x(pages_only, limit['site size'])} the baseline's"
                + (", within the limit." if pages_only <= limit["site size"] else ", also over the limit."))
        memory_limit = limit["peak memory of the whole build"]
        if ratio["peak_rss"] > memory_limit:
            extra, allowed = ours["peak_rss"] - base["peak_rss"], (memory_limit - 1) * base["peak_rss"]
            notes.append(
                f"At N={n:,} our build's peak memory was {_mb(ours['peak_rss'])} MB against "
                f"{_mb(base['peak_rss'])} MB for the baseline (medians of {size['runs']} builds "
                f"each): {_mb(extra)} MB more, where the limit allows {_mb(allowed)} MB more.")
        if "check_seconds" in size and n == 10000:
            check, cpu, loader = size["check_seconds"], size["check_cpu_seconds"], size["yardstick_seconds"]
            edited = size["check_edited_seconds"]
            note = (f"`termbook check` took {check:.2f} s at N={n:,} with nothing cached "
                    f"({cpu:.2f} s of CPU time), {check / loader:.2f} times the {loader:.2f} s that "
                    "PyYAML's C loader alone took to load the same entries here. Checking again "
                    f"after one entry was edited took {edited:.2f} s "
                    f"({size['check_edited_cpu_seconds']:.2f} s of CPU time), "
                    f"{edited / loader:.2f} times the loader: only the edited entry is parsed "
                    "again, and the checks across entries and the search for terms that no page "
                    "mentions run on all of them.")
            if check > limit["termbook check with nothing cached"] >= cpu:
                note += (" The first check's CPU time is within the limit: the rest of its wall "
                         "time was spent waiting for a processor.")
            notes.append(note)
    return "\n\n".join(notes)


PREVIEW_HEADER = ["N", "preview", "ours s", "baseline s", "ratio"]


#: What the preview results call each site.
SITE_NAMES = {"ours": "our site", "baseline": "the baseline"}


def preview_rows(sizes: list[dict]) -> list[list[str]]:
    """Each size and preview engine measured: the seconds for each site (``not measured``
    where its server failed) and their ratio."""
    rows = []
    for size in sizes:
        for engine, sides in size.get("preview_seconds", {}).items():
            seconds = [sides[side].get("seconds") for side in SITE_NAMES]
            ours, base = seconds
            rows.append([f"{size['n']:,}", engine,
                         *("not measured" if s is None else f"{s:.2f}" for s in seconds),
                         "–" if None in seconds else f"{ours / base:.2f}"])
    return rows


def preview_notes(sizes: list[dict]) -> str:
    notes = [f"At N={s['n']:,} the preview was not measured in this run." for s in sizes
             if "preview_seconds" not in s]
    notes += [f"At N={s['n']:,}, {engine} was not measured in this run." for s in sizes
              if "preview_seconds" in s for engine in ENGINES if engine not in s["preview_seconds"]]
    for size in sizes:
        build = size["build"]["ours"]["seconds"]
        for engine, sides in size.get("preview_seconds", {}).items():
            for side, name in SITE_NAMES.items():
                if "failed" in sides[side]:
                    notes.append(f"At N={size['n']:,}, {engine} of {name} was not measured: "
                                 f"{sides[side]['failed']}")
            ours = sides["ours"].get("seconds")
            if ours is not None:
                notes.append(f"At N={size['n']:,}, {engine} served the change {ours:.1f} s after "
                             f"the save, for a site whose whole `mkdocs build` took {build:.1f} s: "
                             + ("about as long as a whole build, or longer."
                                if ours >= 0.8 * build else
                                "less than a whole build."))
    return "\n\n".join(notes)


def preview_time_notes(sizes: list[dict], machine: dict) -> str:
    """How much of each preview's latency is the work of a rebuild, and how much of it
    termbook's, in words."""
    notes = []
    loaded = max(machine["load_average"].values()) > machine["cores"]
    for size in sizes:
        spent = size.get("preview_termbook_cpu_seconds")
        mkdocs = size.get("preview_seconds", {}).get("mkdocs serve --dirty", {}).get("ours", {})
        if spent is not None and "seconds" in mkdocs:
            ours = sum(spent[name] for name in HOOK_NAMES)
            notes.append(
                f"At N={size['n']:,}, one rebuild of `mkdocs serve --dirty` took "
                f"{spent['whole build']:.2f} CPU seconds measured alone, {ours:.2f} s of them "
                f"termbook's, against the {mkdocs['seconds']:.2f} s the preview took to serve the "
                "change: the rest is the server noticing the change and reloading"
                + (", and waiting for a processor on a machine loaded beyond its cores." if loaded
                   else "."))
        generator = size.get("generator_seconds")
        zensical = size.get("preview_seconds", {}).get("Zensical preview", {}).get("ours", {})
        if generator is None or "seconds" not in zensical:
            continue
        notes.append(f"At N={size['n']:,}, `termbook generate --watch` took {generator:.2f} s to "
                     f"write what the edit changed, of the {zensical['seconds']:.2f} s the "
                     "Zensical preview took to serve it; the rest is Zensical noticing the "
                     "files and rebuilding their pages, and the server's polling.")
    return "\n\n".join(notes) or "Not measured in this run."


def time_notes(size: dict) -> str:
    """What the difference in build CPU time at one size is made of, in words."""
    spent = size["termbook_cpu_seconds"]
    ours = sum(spent[name] for name in HOOK_NAMES)
    extra = size["build"]["ours"]["cpu_seconds"] - size["build"]["baseline"]["cpu_seconds"]
    text = (f"At N={size['n']:,}, our builds took {abs(extra):.1f} CPU seconds "
            f"{'more' if extra >= 0 else 'less'} than the baseline's (medians); termbook's own "
            f"code took {ours:.1f} s of a build measured alone.")
    if extra < ours:
        text += (" The difference is smaller than termbook's own time: MkDocs and Material do "
                 "less for the generated pages, which share one Markdown converter (see below).")
    else:
        text += (f" The other {extra - ours:.1f} s are MkDocs and Material handling what termbook "
                 "adds (larger pages to index and write), and the noise of a shared machine.")
    return text


def results_page(results: dict, plot_path: str) -> str:
    sizes, machine = results["sizes"], results["machine"]
    phase_names = list(sizes[0]["engine"]["phases"])
    phase_rows = [[f"{s['n']:,}", *(f"{s['engine']['phases'][p]:.3f}" for p in phase_names),
                   f"{s['engine']['seconds']:.3f}"] for s in sizes]
    preview_runs = sorted({len(side["all_seconds"]) for s in sizes
                           for sides in s.get("preview_seconds", {}).values()
                           for side in sides.values() if "all_seconds" in side})
    largest = max(sizes, key=lambda s: s["n"])
    timed = [s for s in sizes if "termbook_cpu_seconds" in s]  # not left out of the run
    preview_timed = [s for s in sizes if "preview_termbook_cpu_seconds" in s]
    fields = {
        "smallest": f"{min(s['n'] for s in sizes):,}", "largest": f"{largest['n']:,}",
        "articles": ARTICLES, "long_pages": LONG_PAGES, "date": results["date"],
        "cpu": machine["cpu"], "cores": machine["cores"], "python": machine["python"],
        "mkdocs": machine["mkdocs"], "material": machine["material"],
        "load_note": load_note(machine),
        "dates_note": dates_note(sizes),
        "runs": ", ".join(f"{s['runs']} at N={s['n']:,}" for s in sizes),
        "plot": plot_path,
        "targets_table": markdown_table(["target", "measured", "limit", ""],
                                        target_rows(results["targets"])),
        "target_notes": target_notes(sizes),
        "results_table": markdown_table(TABLE_HEADER, table_rows(sizes)),
        "engine_runs": ENGINE_RUNS,
        "poll_interval": f"{POLL_INTERVAL:g}",
        "preview_runs": ("one edit per site and size" if preview_runs == [1] else
                         f"the median of {' or '.join(map(str, preview_runs))} edits per site and size"),
        "preview_table": markdown_table(PREVIEW_HEADER, preview_rows(sizes)),
        "preview_notes": preview_notes(sizes),
        "preview_time_table": markdown_table(
            ["", *(f"N={s['n']:,}" for s in preview_timed)],
            time_rows(preview_timed, "preview_termbook_cpu_seconds")) if preview_timed else "",
        "preview_time_notes": preview_time_notes(sizes, machine),
        "time_table": markdown_table(["", *(f"N={s['n']:,}" for s in timed)], time_rows(timed)),
        "time_notes": " ".join([time_notes(max(timed, key=lambda s: s["n"]))] if timed else []) + "".join(
            f" At N={s['n']:,} this was not measured in this run." for s in sizes if s not in timed),
        "phases_table": markdown_table(["N", *phase_names, "total"], phase_rows),
    }
    return string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(fields)


def write(results: dict, results_path: Path, page: Path, plot: Path) -> None:
    """Write ``results`` to ``results_path``, and the page and plot made from them."""
    for path in (results_path, page, plot):
        path.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    render(results, page, plot)


def render(results: dict, page: Path, plot: Path) -> None:
    plot.write_text(plot_svg(results["sizes"]), encoding="utf-8")
    plot_link = os.path.relpath(plot, page.parent).replace(os.sep, "/")
    page.write_text(results_page(results, plot_link), encoding="utf-8")


def summary(results: dict) -> str:
    """The results table, the preview's if it was measured, and every target, as text for
    the terminal."""
    lines = [text_table(TABLE_HEADER, table_rows(results["sizes"]))]
    previews = preview_rows(results["sizes"])
    if previews:
        lines += ["", text_table(PREVIEW_HEADER, previews), ""]
    for t in results["targets"]:
        value = "not measured" if t["value"] is None else _target_value(t)
        lines.append(f"{t['status']:>12}  {t['target']}: {value} (limit {t['limit']:g})")
    return "\n".join(lines)


def merge(runs: list[dict]) -> dict:
    """One set of results from runs of different sizes, on the same machine: each size as
    its run measured it, the targets judged again on them all, and the highest load average
    any run saw at its start and at its end."""
    # Each size keeps the date of the run that measured it.
    sizes = {size["n"]: {**size, "date": size.get("date", run["date"])}
             for run in runs for size in run["sizes"]}
    machine = {**runs[0]["machine"],
               "load_average": {moment: max(run["machine"]["load_average"][moment] for run in runs)
                                for moment in ("start", "end")}}
    ordered = [sizes[n] for n in sorted(sizes)]
    return {"date": max(run["date"] for run in runs), "machine": machine, "sizes": ordered,
            "targets": [t.as_json() for t in targets(ordered)]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report",
                                     description="Write the results page and plot from results files.")
    parser.add_argument("--results", type=Path, action="append",
                        help=f"a results file; repeat it to merge runs (default: {DEFAULT_RESULTS})")
    parser.add_argument("--merged", type=Path, help="write the merged results to this file")
    parser.add_argument("--page", type=Path, default=DEFAULT_PAGE)
    parser.add_argument("--plot", type=Path, default=DEFAULT_PLOT)
    args = parser.parse_args(argv)
    results = merge([json.loads(path.read_text(encoding="utf-8"))
                     for path in args.results or [DEFAULT_RESULTS]])
    if args.merged:
        write(results, args.merged, args.page, args.plot)
    else:
        render(results, args.page, args.plot)
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
