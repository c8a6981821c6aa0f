"""The furniture pools (``benchmarks/pools/``): which are on for a page, and drawing from them."""

from __future__ import annotations

import random
from pathlib import Path

POOLS_DIR = Path(__file__).resolve().parent / "pools"
FURNITURE = (
    "nav",
    "sections",
    "share",
    "readtime",
    "comment_counters",
    "newsletter",
    "cookie",
    "adverts",
    "end_lists",
    "captions",
    "bylines",
    "footers",
    "comment_threads",
    "teasers",
    "products",
)
DATE_FAMILIES = ("date_12h", "date_24h", "date_weekday", "date_dayfirst", "date_abbrev", "date_relative")
DATE_EXTRAS = ("date_prefixes", "date_zones")
POOLS = FURNITURE + DATE_FAMILIES + DATE_EXTRAS
# The files a pools folder must hold (another set, ``--pools-dir``, fails early without one of them).
_POOL_FILES = tuple(path.stem for path in sorted(POOLS_DIR.glob("*.txt")))


def select_pools(only: str = "", leave_out: str = "") -> frozenset[str]:
    """The pools a page may use: ``only`` (comma-separated) or all, minus ``leave_out``."""
    chosen = {p.strip() for p in only.split(",") if p.strip()} or set(POOLS)
    dropped = {p.strip() for p in leave_out.split(",") if p.strip()}
    unknown = (chosen | dropped) - set(POOLS)
    if unknown:
        msg = f"unknown pool(s) {', '.join(sorted(unknown))}; pools are {', '.join(POOLS)}"
        raise ValueError(msg)
    return frozenset(chosen - dropped)


class Words:
    """The pool files, read once; ``pick`` draws an entry and fills its placeholders."""

    def __init__(self, rng: random.Random, folder: Path = POOLS_DIR) -> None:
        self.rng = rng
        self.entries: dict[str, list[str]] = {}
        for path in sorted(folder.glob("*.txt")):
            lines = [ln.rstrip() for ln in path.read_text("utf-8").splitlines()]
            self.entries[path.stem] = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
        empty = sorted(stem for stem in _POOL_FILES if not self.entries.get(stem))
        if empty:
            msg = f"{folder}: missing or empty pool file(s) {', '.join(f'{s}.txt' for s in empty)}"
            raise ValueError(msg)
        self.site = rng.choice(self.entries["sites"])
        self.section = rng.choice(self.entries["sections"]).title()

    def raw(self, pool: str) -> str:
        return self.rng.choice(self.entries[pool])

    def sample(self, pool: str, k: int) -> list[str]:
        entries = self.entries[pool]
        return self.rng.sample(entries, min(k, len(entries)))

    def fill(self, template: str, **extra: str) -> list[str]:
        """``template`` with placeholders filled, split into page lines at `` // ``."""
        rng = self.rng
        name = rng.choice(self.entries["names"])
        values = {
            "site": self.site,
            "section": self.section,
            "name": name,
            "NAME": name.upper(),
            "name2": rng.choice(self.entries["names"]),
            "user": rng.choice(self.entries["usernames"]),
            "agency": rng.choice(self.entries["agencies"]),
            "shop": rng.choice(self.entries["shops"]),
            "n": str(rng.randint(2, 240)),
            "m": str(rng.randint(1, 14)),
            "s": f"{rng.randint(0, 59):02d}",
            "p": str(rng.randint(10, 60)),
            "p1": str(rng.randint(0, 9)),
            "price": f"${rng.randint(9, 399)}.{rng.choice(('99', '95', '00'))}",
            "was": f"${rng.randint(400, 599)}.99",
            "year": str(rng.randint(2019, 2025)),
            **extra,
        }
        if "{credit}" in template and "credit" not in extra:
            values["credit"] = self.fill(self.raw("credits"))[0]
        if "{desc}" in template and "desc" not in extra:
            values["desc"] = self.raw("caption_descriptions")
        text = template
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        return [part.strip() for part in text.split(" // ") if part.strip()]

    def pick(self, pool: str, **extra: str) -> list[str]:
        return self.fill(self.raw(pool), **extra)
