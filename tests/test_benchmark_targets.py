"""The benchmark's targets, judged on made-up results: met, missed, exactly at the limit, and
not measured when a run leaves out what a target needs."""

from __future__ import annotations

import pytest

from benchmarks.report import (
    dates_note,
    merge,
    preview_notes,
    preview_rows,
    target_notes,
    target_rows,
)
from benchmarks.targets import GOALS, MET, MISSED, NOT_MEASURED, Goal, Target, targets


def size(n: int, *, seconds: float = 1.0, peak_rss: float = 1.0, site_bytes: float = 1.0,
         search_index_bytes: float = 1.0, check_seconds: float = 1.0,
         check_edited_seconds: float = 1.0, engine_seconds: float = 1.0) -> dict:
    """The parts of one size's results that the targets read."""
    return {"n": n, "ratio": {"seconds": seconds, "peak_rss": peak_rss, "site_bytes": site_bytes,
                              "search_index_bytes": search_index_bytes},
            "check_seconds": check_seconds, "check_edited_seconds": check_edited_seconds,
            "engine": {"seconds": engine_seconds}}


def builds(ours: dict | None = None, baseline: dict | None = None) -> dict:
    """Both sites' build summaries, as the notes read them: alike unless told otherwise."""
    alike = {"seconds": 50.0, "cpu_seconds": 50.0, "all_seconds": [49.0, 50.0, 51.0],
             "peak_rss": 250e6, "download_bytes": 0}
    return {"ours": {**alike, **(ours or {})}, "baseline": {**alike, **(baseline or {})}}


def by_name(found: list[Target]) -> dict[str, Target]:
    return {t.name: t for t in found}


def test_each_goal_is_judged_once_at_each_of_its_sizes():
    found = targets([size(100), size(1000), size(10000)])
    assert len(found) == sum(len(goal.sizes) for goal in GOALS)
    assert len({t.name for t in found}) == len(found)
    assert "peak memory of the whole build at N=10,000" in by_name(found)


def test_a_value_under_the_limit_is_met_and_one_over_it_missed():
    found = by_name(targets([size(1000, peak_rss=1.09), size(10000, peak_rss=1.11)]))
    assert found["peak memory of the whole build at N=1,000"].status == MET
    assert found["peak memory of the whole build at N=10,000"].status == MISSED


def test_a_value_exactly_at_the_limit_is_met():
    found = by_name(targets([size(1000, seconds=1.10), size(10000, check_seconds=2.0)]))
    assert found["whole build time at N=1,000"].status == MET
    assert found["termbook check with nothing cached at N=10,000"].status == MET
    just_over = by_name(targets([size(10000, check_seconds=2.0000001)]))
    assert just_over["termbook check with nothing cached at N=10,000"].status == MISSED


def test_the_check_is_judged_cold_and_after_an_edit_each_on_its_own_value():
    found = by_name(targets([size(10000, check_seconds=2.4, check_edited_seconds=1.3)]))
    cold = found["termbook check with nothing cached at N=10,000"]
    edited = found["termbook check after editing one entry at N=10,000"]
    assert (cold.value, cold.status) == (2.4, MISSED)
    assert (edited.value, edited.status) == (1.3, MET)


def test_targets_of_sizes_not_run_are_not_measured():
    found = by_name(targets([size(100), size(1000)]))
    assert found["whole build time at N=1,000"].status == MET
    for name in ("whole build time at N=10,000", "termbook check with nothing cached at N=10,000",
                 "termbook check after editing one entry at N=10,000",
                 "engine time for ten times the terms at N=10,000"):
        assert found[name].value is None and found[name].status == NOT_MEASURED


def test_engine_growth_needs_the_size_ten_times_smaller():
    found = by_name(targets([size(1000, engine_seconds=0.5), size(10000, engine_seconds=6.0)]))
    assert found["engine time for ten times the terms at N=10,000"].value == pytest.approx(12.0)
    assert found["engine time for ten times the terms at N=10,000"].status == MISSED
    assert found["engine time for ten times the terms at N=1,000"].status == NOT_MEASURED


def test_a_measurement_missing_from_a_size_is_not_measured():
    incomplete = size(1000)
    del incomplete["ratio"]["peak_rss"]
    found = by_name(targets([incomplete]))
    assert found["peak memory of the whole build at N=1,000"].status == NOT_MEASURED
    assert found["site size at N=1,000"].status == MET


def test_targets_come_from_the_goals_given():
    goal = Goal("made-up", "s", 3.0, (10,), lambda sizes, n: sizes[n]["check_seconds"] if n in sizes else None)
    assert [t.as_json() for t in targets([size(10, check_seconds=3.5)], (goal,))] == [
        {"target": "made-up at N=10", "value": 3.5, "limit": 3.0, "unit": "s", "status": MISSED}]


def test_the_targets_table_shows_each_value_as_measured():
    found = [t.as_json() for t in targets([size(1000, site_bytes=1.18)])]
    rows = {row[0]: row[1:] for row in target_rows(found)}
    assert rows["site size at N=1,000"] == ["1.18 × baseline", "≤ 1.1", "**missed**"]
    assert rows["termbook check with nothing cached at N=10,000"] == ["–", "≤ 2", "not measured"]


def test_a_value_just_over_the_limit_is_not_shown_rounded_onto_it():
    found = [t.as_json() for t in targets([size(1000, site_bytes=1.1009, peak_rss=1.0951)])]
    rows = {row[0]: row[1:] for row in target_rows(found)}
    assert rows["site size at N=1,000"] == ["1.101 × baseline", "≤ 1.1", "**missed**"]
    assert rows["peak memory of the whole build at N=1,000"][0] == "1.095 × baseline"
    assert rows["whole build time at N=1,000"][0] == "1.00 × baseline"


def test_notes_follow_the_numbers():
    def measured(site_bytes: float, without: float, check: float, cpu: float) -> dict:
        result = size(10000, site_bytes=site_bytes, check_seconds=check)
        result["ratio"]["site_bytes_without_downloads"] = without
        result["check_cpu_seconds"], result["yardstick_seconds"] = cpu, check / 2
        result["check_edited_seconds"], result["check_edited_cpu_seconds"] = check / 4, cpu / 4
        result["runs"] = 3
        result["build"] = builds({"download_bytes": 30e6})
        return result

    note = target_notes([measured(1.2, 1.09, 2.5, 1.8)])
    assert "the site is 1.20× the baseline's" in note and "1.09× the baseline's, within the limit" in note
    assert "took 2.50 s at N=10,000 with nothing cached (1.80 s of CPU time), 2.00 times" in note
    assert "after one entry was edited took 0.62 s (0.45 s of CPU time), 0.50 times the loader" in note
    assert "The first check's CPU time is within the limit" in note
    assert "1.104× the baseline's, also over the limit" in target_notes([measured(1.2, 1.104, 2.5, 1.8)])
    assert "our build took 50.0 s against 50.0 s for the baseline (3 builds each; ours took " \
           "from 49.0 to 51.0 s, the baseline's from 49.0 to 51.0 s)." in note
    assert "within the noise of this machine's builds" in note
    quiet = target_notes([measured(1.05, 1.0, 1.5, 1.4)])
    assert "the site is" not in quiet and "check's CPU time" not in quiet
    assert "1.50 s at N=10,000" in quiet


def test_runs_of_different_sizes_merge_into_one_set_of_results():
    def run(sizes: list[dict], start: float, end: float, date: str) -> dict:
        return {"date": date, "machine": {"cores": 2, "load_average": {"start": start, "end": end}},
                "sizes": sizes, "targets": []}

    merged = merge([run([size(10000, peak_rss=1.2)], 3.0, 1.0, "2026-01-02"),
                    run([size(100), size(1000, peak_rss=1.05)], 2.0, 4.0, "2026-01-01")])
    assert [s["n"] for s in merged["sizes"]] == [100, 1000, 10000]
    assert merged["machine"]["load_average"] == {"start": 3.0, "end": 4.0}
    assert merged["date"] == "2026-01-02"
    status = {t["target"]: t["status"] for t in merged["targets"]}
    assert status["peak memory of the whole build at N=1,000"] == MET
    assert status["peak memory of the whole build at N=10,000"] == MISSED
    assert status["engine time for ten times the terms at N=10,000"] == MET
    # Each size keeps the day it was measured, and the page says which.
    assert [s["date"] for s in merged["sizes"]] == ["2026-01-01", "2026-01-01", "2026-01-02"]
    assert dates_note(merged["sizes"]) == (" These results merge runs of several days: N=100 and "
                                           "N=1,000 measured on 2026-01-01; N=10,000 measured on "
                                           "2026-01-02.")
    assert dates_note(merged["sizes"][:2]) == ""


def test_the_memory_note_says_how_far_over_the_limit_the_peak_was():
    result = size(10000, peak_rss=1.2)
    result["runs"] = 3
    result["ratio"]["site_bytes_without_downloads"] = 1.0
    result["build"] = builds({"peak_rss": 300e6})
    result.update(check_cpu_seconds=1.0, yardstick_seconds=1.0, check_edited_cpu_seconds=1.0)
    note = target_notes([result])
    assert ("peak memory was 300.0 MB against 250.0 MB for the baseline (medians of 3 builds "
            "each): 50.0 MB more, where the limit allows 25.0 MB more.") in note
    result["ratio"]["peak_rss"] = 1.05
    assert "peak memory" not in target_notes([result])


def test_a_preview_server_that_failed_is_reported_as_not_measured():
    result = size(10000)
    result["build"] = {"ours": {"seconds": 100.0}}
    result["preview_seconds"] = {
        "mkdocs serve --dirty": {"ours": {"seconds": 150.0, "all_seconds": [150.0]},
                         "baseline": {"seconds": 120.0, "all_seconds": [120.0]}},
        "Zensical preview": {"ours": {"seconds": 2.0, "all_seconds": [2.0]},
                             "baseline": {"failed": "the server stopped (exit code 1)"}}}
    assert preview_rows([result]) == [["10,000", "mkdocs serve --dirty", "150.00", "120.00", "1.25"],
                                      ["10,000", "Zensical preview", "2.00", "not measured", "–"]]
    notes = preview_notes([result])
    assert ("At N=10,000, Zensical preview of the baseline was not measured: the server stopped "
            "(exit code 1)") in notes
    assert "Zensical preview served the change 2.0 s after the save" in notes
    assert "mkdocs serve --dirty served the change 150.0 s after the save" in notes


def test_the_build_time_note_gives_each_sites_builds_and_a_ratio_over_the_limit_in_cpu_time():
    result = size(1000, seconds=1.2)
    result["ratio"]["cpu_seconds"] = 1.05
    result["runs"] = 2
    result["build"] = builds({"seconds": 6.0, "cpu_seconds": 5.25, "all_seconds": [5.9, 6.1]},
                             {"seconds": 5.0, "cpu_seconds": 5.0, "all_seconds": [4.9, 5.1]})
    note = target_notes([result])
    assert ("At N=1,000 our build took 6.0 s against 5.0 s for the baseline (2 builds each; ours "
            "took from 5.9 to 6.1 s, the baseline's from 4.9 to 5.1 s); in CPU time, 5.2 s "
            "against 5.0 s (1.05×).") in note
    assert "The CPU time is within the limit" in note
    # The sites differ by more than each one's builds spread: the difference is measured.
    assert "noise" not in note
