"""Where the shared corpora live: ``shared/`` beside the checkout, or beside its parent for a worktree."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NAMES = ("corpus", "corpus-b", "corpus-wild")
# Pages written by hand by someone who had not seen the extraction code: a check set, never tuned on.
HANDMADE = REPO / "benchmarks" / "handmade"
# A second such set, written later by another engineer under the same rules (its README says how).
HANDMADE2 = REPO / "benchmarks" / "handmade2"


def find_shared(explicit: Path | None = None) -> Path:
    """The folder holding ``corpus/``, ``corpus-b/`` and ``corpus-wild/``."""
    candidates = [explicit] if explicit else [REPO.parent / "shared", REPO.parent.parent / "shared"]
    for base in candidates:
        if base is not None and (base / "corpus" / "truth.json").exists():
            return base
    msg = f"no corpora found in {', '.join(str(c) for c in candidates)}: name the folders"
    raise FileNotFoundError(msg)
