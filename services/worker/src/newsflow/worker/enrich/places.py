"""Places: the entities that name places (and demonyms), resolved offline, plus the main countries.

A country's weight counts its own mentions, its demonyms ('Iranian') and the
mentions of its cities and provinces; countries with at least a quarter of
the leader's weight (three at most) are the article's main countries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsflow.shared.enrichment import Entities, Mention, Place, Places
from newsflow.worker.enrich.context import Context
from newsflow.worker.enrich.gazetteer import Gazetteer, GazetteerPlace, gazetteer

_PLACE_KINDS = ("place", "facility")
_MAIN_SHARE = 0.25
_MAIN_MAX = 3


@dataclass
class _Found:
    place: GazetteerPlace
    mentions: list[Mention] = field(default_factory=list)


def resolve_places(entities: Entities, gaz: Gazetteer) -> Places:
    """Resolve the place and group entities in ``entities`` against ``gaz``."""
    found: dict[tuple[str, str | None, str], _Found] = {}
    unresolved: list[str] = []
    for entity in entities.items:
        if entity.kind in _PLACE_KINDS:
            place = gaz.lookup(entity.name)
            if place is None:
                place = next((p for m in entity.mentions if (p := gaz.lookup(m.text))), None)
        elif entity.kind == "group":
            place = gaz.demonym(entity.name)
        else:
            continue
        if place is None:
            if entity.kind == "place":
                unresolved.append(entity.name)
            continue
        slot = found.setdefault((place.name, place.country_code, place.kind), _Found(place))
        slot.mentions.extend(entity.mentions)
    items: list[Place] = [
        Place(
            name=f.place.name,
            kind=f.place.kind,
            country_code=f.place.country_code,
            latitude=f.place.latitude,
            longitude=f.place.longitude,
            count=len(f.mentions),
            mentions=sorted(f.mentions, key=lambda m: m.start),
        )
        for f in found.values()
    ]
    items.sort(key=lambda p: (-p.count, p.mentions[0].start))
    weight: Counter[str] = Counter()
    for item in items:
        if item.country_code:
            weight[item.country_code] += item.count
    ranked = weight.most_common()
    main = [code for code, w in ranked if w >= ranked[0][1] * _MAIN_SHARE][:_MAIN_MAX] if ranked else []
    return Places(items=items, unresolved=unresolved, main_countries=main)


class PlaceEnricher:
    name = "places"
    version = "1"
    requires: tuple[str, ...] = ("entities",)
    english_only = True

    def __init__(self) -> None:
        self._gazetteer = gazetteer()

    def run(self, ctx: Context) -> Places:
        entities = ctx.output("entities", Entities)
        assert entities is not None  # guaranteed by ``requires``
        return resolve_places(entities, self._gazetteer)
