"""CPU seconds per process from /proc, for benchmarks run on a machine shared with others.

Wall-clock rates on a loaded machine say more about the neighbours than about
the code; the CPU time each process spent per article does not. Linux only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str]:
    """/proc/<pid>/stat's fields after the command name (which may hold spaces)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def own_seconds(pid: int, *, reaped: bool = True) -> float:
    """User + system CPU seconds of ``pid``, with those of its children it has waited for."""
    try:
        fields = _stat_fields(pid)
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    # fields[11:15] are utime, stime, cutime, cstime (stat fields 14-17)
    ticks = sum(int(v) for v in fields[11 : 15 if reaped else 13])
    return ticks / _TICK


def children(pid: int) -> list[int]:
    """The live child processes of ``pid``."""
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found.extend(int(c) for c in (task / "children").read_text().split())
    except (FileNotFoundError, ProcessLookupError):
        pass
    return found


def tree_seconds(pid: int) -> float:
    """CPU seconds of ``pid`` and all its descendants, live or reaped."""
    return own_seconds(pid) + sum(tree_seconds(child) for child in children(pid))


def children_seconds(pid: int) -> float:
    """CPU seconds of the live descendants of ``pid`` (not its own)."""
    return sum(tree_seconds(child) for child in children(pid))


def machine_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, over all cores (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    total = sum(values[:8])  # steal included; guest is already counted in user
    return (total - idle) / _TICK, total / _TICK


@dataclass(frozen=True, slots=True)
class CpuSample:
    """CPU seconds per named process and of the whole machine, at one moment."""

    processes: Mapping[str, float]
    machine_busy: float
    machine_total: float

    @classmethod
    def take(cls, readers: Mapping[str, Callable[[], float]]) -> CpuSample:
        """Read each process's CPU seconds with its reader (:func:`own_seconds`, :func:`tree_seconds`...)."""
        busy, total = machine_seconds()
        return cls({name: read() for name, read in readers.items()}, busy, total)

    def since(self, before: CpuSample) -> CpuSample:
        """What was spent between ``before`` and this sample."""
        return CpuSample(
            {name: secs - before.processes.get(name, 0.0) for name, secs in self.processes.items()},
            self.machine_busy - before.machine_busy,
            self.machine_total - before.machine_total,
        )

    def split(self, name: str, share: float, into: str = "") -> CpuSample:
        """This sample with ``share`` of process ``name``'s seconds moved to a process of its own."""
        into = into or f"{name} part"
        processes = dict(self.processes)
        moved = processes[name] * share
        processes[name] -= moved
        processes[into] = moved
        return CpuSample(processes, self.machine_busy, self.machine_total)
