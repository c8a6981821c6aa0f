"""The fresh check set's generator writes pages whose truth is on the page, and only the pools asked for."""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import fresh
from fresh_dates import render
from fresh_words import DATE_FAMILIES, POOLS, POOLS_DIR, Words, select_pools

POOLS_B = POOLS_DIR.parent / "pools-b"

_PARAGRAPHS = [
    "The harbour authority approved a new pier after a long public consultation that drew hundreds.",
    "Engineers expect the first piles to be driven in spring and the work to last a year.",
    "Fishermen had asked for a longer season of access to the old quay while the new one is built.",
    "The authority said it would publish a timetable of closures on its website every month.",
    "A second phase, with a ferry terminal, depends on a grant that has not yet been awarded.",
    "Residents will be able to comment on the design of the terminal at two open evenings.",
]


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A small truth.json of titled bodies, written here rather than taken from a corpus."""
    articles = [
        {"title": f"Harbour story number {i}", "body": "\n\n".join(f"{p} ({i})" for p in _PARAGRAPHS)}
        for i in range(5)
    ]
    path = tmp_path / "source.json"
    path.write_text(json.dumps({"multi/a.txt": {"articles": articles}}), "utf-8")
    return path


def _generate(tmp_path: Path, source: Path, **kwargs: object) -> tuple[Path, dict[str, dict]]:
    out = fresh.generate(tmp_path / "out", n_text=12, n_multi=12, source=source, **kwargs)  # type: ignore[arg-type]
    return out, json.loads((out / "truth.json").read_text("utf-8"))


def test_every_truth_body_line_and_title_is_printed_on_its_page(tmp_path: Path, source: Path) -> None:
    out, truth = _generate(tmp_path, source)
    assert sum(k.startswith("text/") for k in truth) == 12
    assert sum(k.startswith("multi/") for k in truth) == 12
    for key, entry in truth.items():
        text = (out / key).read_text("utf-8")
        lines = {line.strip() for line in text.splitlines()}
        for article in entry["articles"]:
            assert article["title"] in text, key
            for paragraph in article["body"].split("\n\n"):
                assert paragraph in lines, (key, paragraph)


def test_multi_pages_hold_two_or_three_articles_and_single_pages_one(tmp_path: Path, source: Path) -> None:
    _out, truth = _generate(tmp_path, source)
    for key, entry in truth.items():
        count = len(entry["articles"])
        assert count == 1 if key.startswith("text/") else count in (2, 3), key


def test_same_seed_gives_the_same_pages(tmp_path: Path, source: Path) -> None:
    first = fresh.generate(tmp_path / "a", seed=5, n_text=4, n_multi=4, source=source)
    second = fresh.generate(tmp_path / "b", seed=5, n_text=4, n_multi=4, source=source)
    for path in sorted(first.rglob("*.txt")):
        assert path.read_text("utf-8") == (second / path.relative_to(first)).read_text("utf-8")


def test_a_page_built_without_a_pool_prints_none_of_its_entries(tmp_path: Path, source: Path) -> None:
    out, truth = _generate(tmp_path, source, pools=select_pools("nav,bylines"))
    words = Words(random.Random(0))
    adverts = set(words.entries["adverts"])
    for key in truth:
        lines = {line.strip() for line in (out / key).read_text("utf-8").splitlines()}
        assert not lines & adverts, key


def test_unknown_pool_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown pool"):
        select_pools("nav,no_such_pool")
    assert "nav" not in select_pools(leave_out="nav")
    assert select_pools() == frozenset(POOLS)


def test_relative_datelines_count_back_from_the_file_time(tmp_path: Path, source: Path) -> None:
    out, truth = _generate(tmp_path, source, pools=select_pools("date_relative"))
    for key, entry in truth.items():
        fetched = datetime.fromtimestamp(os.stat(out / key).st_mtime, tz=UTC).replace(tzinfo=None)
        for article in entry["articles"]:
            if "published" in article:
                published = datetime.fromisoformat(article["published"])
                assert timedelta(0) < fetched - published < timedelta(days=1), key


def test_day_first_pages_show_a_day_over_twelve_on_their_first_story(tmp_path: Path, source: Path) -> None:
    _out, truth = _generate(tmp_path, source, pools=select_pools("date_dayfirst"))
    for key, entry in truth.items():
        first = entry["articles"][0]
        if "published" in first:
            assert int(first["published"][8:10]) > 12, key


def test_date_templates_print_twelve_hour_clocks_weekdays_and_ap_months() -> None:
    when = datetime(2024, 9, 3, 15, 7)
    assert render("{Weekday} {d} {Month} {Y}, {I}.{MM}{ap}", when) == "Tuesday 3 September 2024, 3.07pm"
    assert render("{APmon} {d}, {Y} at {I}:{MM} {a.p.} {Z}", when) == "Sept. 3, 2024 at 3:07 p.m."
    assert render("{dd}.{mm}.{Y} {HH}.{MM} {Z}", when, "CET") == "03.09.2024 15.07 CET"


def test_the_second_pool_set_has_every_pool_of_the_first_and_at_least_as_many_entries() -> None:
    first, second = Words(random.Random(0)), Words(random.Random(0), POOLS_B)
    assert set(second.entries) == set(first.entries)
    for pool, entries in first.entries.items():
        assert len(second.entries[pool]) >= len(entries), pool


def test_pages_built_from_the_second_set_print_its_furniture_and_not_the_firsts(
    tmp_path: Path, source: Path
) -> None:
    out, truth = _generate(tmp_path, source, pools_dir=POOLS_B)
    first_sites = set(Words(random.Random(0)).entries["sites"])
    second_sites = set(Words(random.Random(0), POOLS_B).entries["sites"])
    for key, entry in truth.items():
        lines = {line.strip() for line in (out / key).read_text("utf-8").splitlines()}
        assert lines & second_sites, key
        assert not lines & first_sites, key
        for article in entry["articles"]:
            assert all(p in lines for p in article["body"].split("\n\n")), key


def test_a_pools_folder_without_a_pool_file_is_refused(tmp_path: Path) -> None:
    for path in POOLS_B.glob("*.txt"):
        if path.stem != "dates":
            (tmp_path / path.name).write_text(path.read_text("utf-8"), "utf-8")
    with pytest.raises(ValueError, match=r"dates\.txt"):
        Words(random.Random(0), tmp_path)


@pytest.mark.parametrize("folder", [POOLS_DIR, POOLS_B], ids=["pools", "pools-b"])
def test_every_date_template_fills_all_its_tokens_and_every_family_has_one(folder: Path) -> None:
    templates = [line.split("\t", 1) for line in Words(random.Random(0), folder).entries["dates"]]
    families = {family for family, _template in templates}
    assert {f.removeprefix("date_") for f in DATE_FAMILIES} - {"relative"} <= families
    for _family, template in templates:
        assert "{" not in render(template, datetime(2024, 9, 23, 15, 7), "CET"), template


def test_date_templates_print_ordinal_days_and_local_month_and_weekday_names() -> None:
    when = datetime(2024, 9, 23, 9, 5)
    assert (
        render("{WeekdayDe}, {d}. {MonthDe} {Y}, {HH}:{MM} Uhr", when)
        == "Montag, 23. September 2024, 09:05 Uhr"
    )
    assert render("{WkdDe}., {dd}.{mm}.{Y}", when) == "Mo., 23.09.2024"
    assert render("{WeekdayEs}, {d} de {MonthEs} de {Y}", when) == "lunes, 23 de septiembre de 2024"
    assert render("{d} {MonthFr} {Y} à {HH}h{MM}", when) == "23 septembre 2024 à 09h05"
    days = [render("{do}", datetime(2024, 10, d)) for d in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31)]
    assert days == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"]


def test_extra_layouts_print_datelines_over_headlines_and_pull_quotes_outside_the_truth(
    tmp_path: Path, source: Path
) -> None:
    out, truth = _generate(tmp_path, source, pools=select_pools("date_24h"), extra_layouts=True)
    seen: set[str] = set()
    for key, entry in truth.items():
        lines = [line.strip() for line in (out / key).read_text("utf-8").splitlines()]
        first = entry["articles"][0]
        if key.startswith("text/") and "published" in first:
            title_at = lines.index(first["title"])
            year_at = next(i for i, line in enumerate(lines) if first["published"][:4] in line)
            assert (year_at < title_at) == ("date-above-headline" in entry["layout"]), key
        body = "\n\n".join(article["body"] for article in entry["articles"])
        paragraphs = body.split("\n\n")
        quotes = [line for line in lines if line.startswith("“") and line.strip("“”") not in paragraphs]
        assert bool(quotes) == ("pull-quote" in entry["layout"]), key
        assert all(quote.strip("“”") in body for quote in quotes), key
        seen.update(entry["layout"])
    assert {"date-above-headline", "pull-quote"} <= seen
