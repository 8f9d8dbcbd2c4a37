"""Charts drawn at build time: inline SVG that needs no script, with a title, a description
and the numbers as a table.

A site declares its charts in ``termbook.yml`` (``charts:``, :class:`termbook.taxonomy.Chart`):
which kind of chart, which events feed it, its title and description. A hand-written page
shows one with a line of its own, ``<!-- termbook:chart <id> -->``, as it embeds a list of
events (:func:`embed`). Three kinds:

- ``releases``: one row per released thing, at its date, marked by how open its weights
  were on the site's rating scale;
- ``release-counts``: the releases of each year, stacked by that rating;
- ``measurements``: the values of one unit measured over time, one series per method, since
  measurements by different methods are different quantities and are never joined.

Gathering the numbers (:func:`gather`) is apart from drawing them (:func:`draw`), which is a
pure function of :class:`ChartData`: the same data gives the same bytes. Drawing uses
Matplotlib's SVG backend with fixed settings (no date, a fixed hash salt, text kept as text);
its colours are placeholders that become ``currentColor`` and CSS variables
(``--tb-chart-<n>``, set for the light and the dark scheme in termbook.css), so a chart
follows the page's colours, from ``file://`` too. Each kind of mark also has its own shape,
so that no value is told by colour alone.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import io
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .events import Event
from .markup import chart_embeds
from .messages import Messages
from .model import Glossary
from .taxonomy import Chart, Choice

if TYPE_CHECKING:  # matplotlib is loaded only to draw (see draw)
    from matplotlib.typing import RcKeyType

# --- the data a chart shows ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Release:
    """One released thing, as a ``releases`` or ``release-counts`` chart shows it."""

    date: str
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as precise as the event."""
    name: str
    rating: str
    """The id of a rating of the site's scale: how open the weights were."""


@dataclasses.dataclass(frozen=True)
class Measurement:
    date: str
    series: str
    """What was measured and how (the method): points of one series are joined by a line."""
    value: float
    low: float | None = None
    high: float | None = None
    bounds: str | None = None
    """What ``low`` and ``high`` are ("90% interval")."""
    approximate: bool = False


@dataclasses.dataclass(frozen=True)
class Labels:
    """The words a chart's table and axes use, in the site's language."""

    date: str = "Date"
    year: str = "Year"
    name: str = "Release"
    rating: str = "Weights"
    series: str = "Method"
    value: str = "Value"
    range: str = "Range"
    total: str = "Total"
    numbers: str = "The numbers"
    approximate: str = "about {value}"


@dataclasses.dataclass(frozen=True)
class ChartData:
    """Everything :func:`draw` and :func:`figure` need: a pure description of one chart."""

    chart: Chart
    ratings: tuple[Choice, ...] = ()
    """The rating scale, in its order (``releases`` and ``release-counts``)."""
    releases: tuple[Release, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    unit: str = ""
    labels: Labels = Labels()
    date_text: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """How the table shows each date ("24 Feb 2023", "Dec 2025"), by the date's text."""


# --- gathering: from the events to a chart's data ------------------------------------------


def _chosen(glossary: Glossary, chart: Chart, record: str) -> list[Event]:
    """The events that feed ``chart``, in date order: those of its kinds, about its terms and
    in its date range (:meth:`termbook.events.Timeline.select`) that carry ``record``
    (``release`` or ``measure``)."""
    return [e for e in glossary.timeline.select(kinds=chart.kinds, terms=chart.terms,
                                                since=chart.since, until=chart.until)
            if getattr(e, record) is not None]


def _number_or_none(text: str | None) -> float | None:
    return None if text is None else float(text)


def gather(chart: Chart, glossary: Glossary, labels: Labels = Labels()) -> ChartData:
    """The data of ``chart``: the releases or measurements of the site's events it selects. A
    release of rated models takes each model's rating of its weights from the model's entry,
    so a rating is typed once; a release named without an entry carries its own."""
    taxonomy = glossary.taxonomy
    ratings = taxonomy.scorecard.ratings if taxonomy.scorecard else ()
    if chart.type == "measurements":
        measurements = tuple(
            Measurement(e.date, m.method or m.quantity, float(v.value),
                        _number_or_none(v.low), _number_or_none(v.high), v.bounds, v.approximate)
            for e in _chosen(glossary, chart, "measure") if (m := e.measure) is not None
            if not chart.quantities or m.quantity in chart.quantities
            for v in m.values if v.unit == chart.unit)
        return ChartData(chart, ratings, measurements=measurements, unit=chart.unit or "",
                         labels=labels)
    releases = []
    for event in _chosen(glossary, chart, "release"):
        release = event.release
        if release is None:  # (every event _chosen for "release" has one)
            continue
        if release.models:
            for model in release.models:
                term = glossary.terms[model]
                rating = next((r.rating for r in term.ratings if r.component == chart.component), "")
                releases.append(Release(event.date, term.term, rating))
        else:
            releases.append(Release(event.date, release.name or "",
                                    (chart.component and release.weights) or ""))
    return ChartData(chart, ratings, releases=tuple(releases), labels=labels)


# --- dates ---------------------------------------------------------------------------------


def date_position(text: str) -> float:
    """Where a date of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` goes on a time axis, in years:
    a month-only date in the middle of its month, a year-only date in the middle of its year,
    never on an invented day."""
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    days = (datetime.date(year + 1, 1, 1) - datetime.date(year, 1, 1)).days
    if len(parts) == 1:
        return year + 0.5
    start = datetime.date(year, parts[1], 1)
    if len(parts) == 2:
        end = datetime.date(year + (parts[1] == 12), parts[1] % 12 + 1, 1)
        middle = (start - datetime.date(year, 1, 1)).days + (end - start).days / 2
    else:
        middle = (start - datetime.date(year, 1, 1)).days + parts[2] - 0.5
    return year + middle / days


# --- drawing -------------------------------------------------------------------------------

# Placeholder colours Matplotlib draws with; the SVG gets CSS in their place (_themed).
_FOREGROUND = "#010101"
_GRID = "#020202"
_SERIES = tuple(f"#0301{n:02x}" for n in range(8))
_CSS_COLOURS = {_FOREGROUND: "currentColor", _GRID: "var(--tb-chart-grid)",
                **{colour: f"var(--tb-chart-{n + 1})" for n, colour in enumerate(_SERIES)}}
# One marker shape per series or rating, so no value is told by colour alone.
_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")
_RC: dict[RcKeyType, Any] = {"svg.fonttype": "none", "font.family": "sans-serif", "font.size": 12, "text.parse_math": False,
       "axes.edgecolor": _FOREGROUND, "axes.labelcolor": _FOREGROUND, "text.color": _FOREGROUND,
       "xtick.color": _FOREGROUND, "ytick.color": _FOREGROUND, "grid.color": _GRID,
       "axes.facecolor": "none", "figure.facecolor": "none", "savefig.facecolor": "none",
       "legend.frameon": False, "axes.spines.top": False, "axes.spines.right": False}
# Inches at 72 points each: 403 CSS pixels. termbook.css lets a chart grow to 540 pixels,
# where its text is as large as the page's, and a phone's column (about 360 pixels) shows it
# at nine tenths of its size.
_WIDTH = 5.6


def draw(data: ChartData) -> str:
    """The chart as an ``<svg>`` element to put inline in a page, labelled by its title and
    description (``role="img"``): a pure function of ``data``."""
    import matplotlib  # imported when a site has charts: a site without any never loads it
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context({**_RC, "svg.hashsalt": data.chart.id}):
        drawer = _DRAWERS[data.chart.type]
        figure = Figure(figsize=(_WIDTH, drawer.height(data)), layout="constrained")
        drawer.draw(figure.add_subplot(), data)
        out = io.StringIO()
        FigureCanvasSVG(figure).print_svg(out, metadata={"Date": None, "Creator": None})
    return _themed(out.getvalue(), data.chart)


class _Releases:
    @staticmethod
    def height(data: ChartData) -> float:
        return 1.1 + 0.32 * max(len(data.releases), 1)

    @staticmethod
    def draw(axes: Any, data: ChartData) -> None:
        releases = data.releases
        rows = range(len(releases))
        for n, rating in enumerate(data.ratings):
            mine = [(date_position(r.date), row) for row, r in zip(rows, releases, strict=True) if r.rating == rating.id]
            if mine:
                axes.scatter([x for x, _ in mine], [y for _, y in mine], s=70, zorder=3,
                             marker=_MARKERS[n % len(_MARKERS)], color=_SERIES[n % len(_SERIES)],
                             label=rating.title)
        for row, release in zip(rows, releases, strict=True):
            axes.annotate(_rating_title(data, release.rating), (date_position(release.date), row),
                          xytext=(9, 0), textcoords="offset points", va="center", fontsize=11)
        axes.set_yticks(list(rows), [r.name for r in releases])
        axes.set_ylim(max(len(releases), 1) - 0.5, -0.5)
        axes.grid(axis="y", linewidth=0.6)
        # Each mark is labelled with its rating: no legend is needed.
        _year_axis(axes, [date_position(r.date) for r in releases], room_right=0.6)


class _ReleaseCounts:
    @staticmethod
    def height(data: ChartData) -> float:
        return 3.6

    @staticmethod
    def draw(axes: Any, data: ChartData) -> None:
        years, counts = release_counts(data)
        bottom = [0] * len(years)
        for n, rating in enumerate(data.ratings):
            heights = counts[rating.id]
            if not any(heights):
                continue
            axes.bar(years, heights, bottom=bottom, width=0.6, color=_SERIES[n % len(_SERIES)],
                     hatch=(None, "//", "xx", "\\\\", "--", "++")[n % 6], edgecolor=_FOREGROUND,
                     linewidth=0.6, label=rating.title)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        for year, total in zip(years, bottom, strict=True):
            axes.annotate(str(total), (year, total), xytext=(0, 3), textcoords="offset points",
                          ha="center", va="bottom", fontsize=11)
        axes.set_xticks(years, [str(y) for y in years])
        axes.set_ylim(0, max(bottom, default=0) * 1.15 + 1)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.grid(axis="y", linewidth=0.6)
        axes.set_axisbelow(True)
        if data.releases:
            axes.legend(title=data.labels.rating, loc="lower center", bbox_to_anchor=(0.5, 1.0),
                        ncols=len(data.ratings))


class _Measurements:
    @staticmethod
    def height(data: ChartData) -> float:
        return 3.8

    @staticmethod
    def draw(axes: Any, data: ChartData) -> None:
        series = measurement_series(data)
        for n, (name, points) in enumerate(series.items()):
            colour, marker = _SERIES[n % len(_SERIES)], _MARKERS[n % len(_MARKERS)]
            xs = [date_position(p.date) for p in points]
            ys = [p.value for p in points]
            axes.plot(xs, ys, color=colour, linewidth=1.6, label=name, marker=marker,
                      markersize=8, zorder=3, markevery=[not p.approximate for p in points])
            for p, x in zip(points, xs, strict=True):
                if p.low is not None and p.high is not None:
                    axes.errorbar([x], [p.value], yerr=[[p.value - p.low], [p.high - p.value]],
                                  color=colour, capsize=4, linewidth=1.2, zorder=2)
                if p.approximate:  # a hollow mark: the source gives the value only roughly
                    axes.plot([x], [p.value], marker=marker, markersize=8, color=colour,
                              markerfacecolor="none", markeredgewidth=1.6, zorder=4,
                              linestyle="none")
                axes.annotate(_value_text(data, p), (x, p.value), xytext=(8, 4),
                              textcoords="offset points", fontsize=11)
        axes.set_ylabel(data.unit)
        axes.set_ylim(0, max((p.high or p.value for p in data.measurements), default=1) * 1.2)
        axes.grid(axis="y", linewidth=0.6)
        _year_axis(axes, [date_position(p.date) for p in data.measurements], room_right=0.6)
        if series:
            axes.legend(title=data.labels.series, loc="upper center", bbox_to_anchor=(0.5, -0.12))


_DRAWERS: dict[str, type[_Releases] | type[_ReleaseCounts] | type[_Measurements]] = {
    "releases": _Releases, "release-counts": _ReleaseCounts, "measurements": _Measurements}
#: The kinds of chart a site can declare.
CHART_TYPES = tuple(_DRAWERS)


def _year_axis(axes: Any, positions: Sequence[float], *, room_right: float) -> None:
    """A time axis with a tick at the start of each year, from the year of the first date to
    the year after the last."""
    first = int(min(positions, default=2000))
    last = int(max(positions, default=2000)) + 1
    axes.set_xlim(first - 0.05, max(last, max(positions, default=first) + room_right))
    axes.set_xticks(range(first, last + 1), [str(y) for y in range(first, last + 1)])
    axes.grid(axis="x", linewidth=0.4)


def _rating_title(data: ChartData, rating: str) -> str:
    return next((r.title for r in data.ratings if r.id == rating), rating)


def _number(value: float) -> str:
    return f"{value:g}"


def _value_text(data: ChartData, point: Measurement) -> str:
    text = _number(point.value)
    return data.labels.approximate.replace("{value}", text) if point.approximate else text


def release_counts(data: ChartData) -> tuple[list[int], dict[str, list[int]]]:
    """The years from the first release to the last, and for each rating the number of
    releases of each year with that rating."""
    years_of = [int(r.date[:4]) for r in data.releases]
    years = list(range(min(years_of), max(years_of) + 1)) if years_of else []
    counts = {rating.id: [sum(1 for r, y in zip(data.releases, years_of, strict=True) if y == year and r.rating == rating.id)
                          for year in years] for rating in data.ratings}
    return years, counts


def measurement_series(data: ChartData) -> dict[str, list[Measurement]]:
    """The measurements by series, each in date order, the series in the order they start."""
    series: dict[str, list[Measurement]] = {}
    for point in sorted(data.measurements, key=lambda p: date_position(p.date)):
        series.setdefault(point.series, []).append(point)
    return series


_XML_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
# Matplotlib's <metadata>, and its <style> (a rule for every element of the page, once inline:
# its two properties go on the <svg> instead, which its elements inherit).
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>|\s*<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>",
                       re.DOTALL)
_SIZE = re.compile(r' width="[0-9.]+pt" height="[0-9.]+pt"')
_ID = re.compile(r' id="([^"]+)"')
_REFERENCE = re.compile(r'(xlink:href="#|url\(#)([^")]+)')
_FONT_FAMILY = re.compile(r"; font-family: [^;\"]+")
_COLOUR = re.compile(r"#0[123]0[0-9a-f]{3}\b")


def _themed(svg: str, chart: Chart) -> str:
    """Matplotlib's SVG as an element for a page: without the XML prologue, metadata and fixed
    size; with ids that are unique on a page holding several charts (only those the drawing
    refers to are kept); in the page's font and colours."""
    svg = _METADATA.sub("", _XML_PROLOGUE.sub("", svg))
    referenced = {m.group(2) for m in _REFERENCE.finditer(svg)}
    svg = _ID.sub(lambda m: f' id="tb-chart-{chart.id}-{m.group(1)}"' if m.group(1) in referenced else "", svg)
    svg = _REFERENCE.sub(lambda m: f"{m.group(1)}tb-chart-{chart.id}-{m.group(2)}", svg)
    svg = _FONT_FAMILY.sub("", svg)
    svg = _COLOUR.sub(lambda m: _CSS_COLOURS.get(m.group(0), m.group(0)), svg)
    title_id, desc_id = f"tb-chart-{chart.id}-title", f"tb-chart-{chart.id}-desc"
    svg = _SIZE.sub("", svg, count=1).replace(
        "<svg ", f'<svg role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}" '
                 'class="tb-chart-svg" stroke-linejoin="round" stroke-linecap="butt" ', 1)
    head = (f'<title id="{title_id}">{_text(chart.title)}</title>'
            f'<desc id="{desc_id}">{_text(chart.description)}</desc>')
    svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + head, svg, count=1)
    # No blank line inside: Markdown would end the raw HTML block there.
    return "\n".join(line for line in svg.splitlines() if line.strip())


# --- the figure: chart, caption and table --------------------------------------------------


def _text(value: str) -> str:
    """Text for the figure's HTML: escaped, on one line (a blank line would end the block of
    raw HTML that Markdown passes through)."""
    return html.escape(" ".join(value.split()))


def table_rows(data: ChartData) -> tuple[list[str], list[list[str]]]:
    """The numbers the chart shows, as the headings and rows of a table."""
    labels, dates = data.labels, data.date_text
    kind = data.chart.type
    if kind == "releases":
        return ([labels.date, labels.name, labels.rating],
                [[dates.get(r.date, r.date), r.name, _rating_title(data, r.rating)] for r in data.releases])
    if kind == "release-counts":
        years, counts = release_counts(data)
        shown = [r for r in data.ratings if any(counts[r.id])]
        return ([labels.year, *(r.title for r in shown), labels.total],
                [[str(year), *(str(counts[r.id][n]) for r in shown),
                  str(sum(counts[r.id][n] for r in shown))] for n, year in enumerate(years)])
    return ([labels.date, labels.series, f"{labels.value} ({data.unit})", labels.range],
            [[dates.get(p.date, p.date), name, _value_text(data, p),
              f"{_number(p.low)}–{_number(p.high)} ({p.bounds})"
              if p.low is not None and p.high is not None else ""]
             for name, points in measurement_series(data).items() for p in points])


def figure(data: ChartData, svg: str) -> str:
    """The chart as a ``<figure>`` for a page: the drawing, a caption with its title and
    description, and the numbers as a table (in a ``<details>`` that anyone can open)."""
    chart = data.chart
    headings, rows = table_rows(data)
    # What a row is about heads it: the release, else the year or the date.
    named = 1 if chart.type == "releases" else 0
    head = "".join(f'<th scope="col">{_text(h)}</th>' for h in headings)
    body = "\n".join("<tr>" + "".join(
        (f'<th scope="row">{_text(cell)}</th>' if n == named else f"<td>{_text(cell)}</td>")
        for n, cell in enumerate(row)) + "</tr>" for row in rows)
    return (f'<figure class="tb-chart" id="chart-{chart.id}">\n'
            f'<div class="tb-chart-drawing">\n{svg}\n</div>\n'
            f'<figcaption><strong class="tb-chart-title">{_text(chart.title)}</strong> '
            f'<span class="tb-chart-description">{_text(chart.description)}</span></figcaption>\n'
            f'<details class="tb-chart-numbers"><summary>{_text(data.labels.numbers)}</summary>\n'
            f'<table>\n<caption>{_text(chart.title)}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</details>\n"
            "</figure>")


def labels_of(messages: Messages, glossary: Glossary, chart: Chart) -> Labels:
    """The words of ``chart`` in the site's language; the ratings' column is named after the
    scorecard component the chart marks releases by, else after the scorecard."""
    scorecard = glossary.taxonomy.scorecard
    rating = scorecard and next((c.title for c in scorecard.components if c.id == chart.component),
                                scorecard.heading)
    return Labels(date=messages("chart_date"), year=messages("chart_year"),
                  name=messages("chart_release"), rating=rating or "",
                  series=messages("chart_method"), value=messages("chart_value"),
                  range=messages("chart_range"), total=messages("chart_total"),
                  numbers=messages("chart_numbers"), approximate=messages.text("chart_approximate"))


def figures(glossary: Glossary, messages: Messages) -> dict[str, str]:
    """Every chart the site declares, as the HTML of its figure, by the chart's id."""
    found = {}
    for chart in glossary.taxonomy.charts:
        data = gather(chart, glossary, labels_of(messages, glossary, chart))
        dates = {r.date for r in data.releases} | {m.date for m in data.measurements}
        data = dataclasses.replace(data, date_text={d: messages.date(d) for d in sorted(dates)})
        found[chart.id] = figure(data, draw(data))
    return found


def embed(markdown: str, figures: Mapping[str, str]) -> str:
    """``markdown`` with each chart line outside code (``<!-- termbook:chart <id> -->``,
    :func:`termbook.markup.chart_embeds`) replaced by the chart's figure, a block of raw HTML;
    a line naming no declared chart is left as it is, a comment (the check reports it)."""
    out, last = [], 0
    for found in chart_embeds(markdown):
        if found.id in figures:
            out += [markdown[last:found.start], f"\n{figures[found.id]}\n"]
            last = found.end
    return "".join(out + [markdown[last:]]) if out else markdown
