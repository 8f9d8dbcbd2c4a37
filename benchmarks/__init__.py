"""Measure what termbook costs on top of plain Material for MkDocs, at growing glossary sizes.

``python -m benchmarks`` (``scripts/benchmark``, which installs what it needs first) runs it;
``--help`` lists the options. For each size N it:

1. generates a synthetic project (:mod:`benchmarks.synthetic`) and writes both sites
   (:mod:`benchmarks.sites`): ours, and the baseline, the same pages as plain Markdown built
   with plain Material;
2. times the engine alone, the sizes taking turns, each run in a fresh process; times
   ``termbook check`` alternately with the bare YAML loader; builds both sites alternately,
   recording wall and CPU time, peak memory, site and search-index size; measures where
   termbook's time goes in one build (:mod:`benchmarks.measure`); and measures the preview
   latency of each preview engine for both sites (:mod:`benchmarks.preview`);
3. judges the targets (:mod:`benchmarks.targets`) and writes ``benchmarks/results.json``, the
   site's results page ``docs/benchmark.md`` and its plot (:mod:`benchmarks.report`).

Build times are medians; ratios compare medians measured in the same run.
"""
