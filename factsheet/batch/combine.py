"""Gathered outputs: the one file each group of merge variants is gathered into (the combined PDF), by the
kind the plan named for it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from factsheet.produce.job import Gathering, Job


def gathered_outputs(jobs: Sequence[Job], fresh: Mapping[Path, bytes]) -> list[tuple[Path, bytes, int]]:
    """Each gathered file with its page count, members in row order, remade when any member was rebuilt or the
    file is missing. `fresh` holds the files rendered in this build, by output path."""
    groups: dict[Gathering, list[Job]] = {}
    for job in jobs:
        if job.gathering is not None:
            groups.setdefault(job.gathering, []).append(job)
    made = []
    for gathering, members in groups.items():
        if gathering.path.is_file() and not any(member.output in fresh for member in members):
            continue
        assert gathering.kind.gather is not None
        data = gathering.kind.gather(members, [fresh.get(m.output) or m.output.read_bytes() for m in members])
        made.append((gathering.path, data, gathering.kind.check(members[0], data)))
    return made
