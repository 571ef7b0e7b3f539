"""Agenda-solver benchmark: the solver contract run as a process, judged by the shared bench.

    python -m benchmarks.agenda                 # seeds 1..5 of the standard event, then the large one
    python -m benchmarks.agenda --seeds 1 2     # some seeds only
    python -m benchmarks.agenda --no-large

For each seed, `../shared/bench/agenda/agenda_bench.py gen` makes the standard instance (240
participants, 1,500 requests, 12 slots, 90 tables); the solver runs as
`python -m matchmaker.events.agenda` (wall seconds include process start); `agenda_bench.py
check` verifies the solution and compares it with the upper bound, a plain greedy and CP-SAT
given 20 s. The large event (1,000 participants, 6,000 requests, 24 slots, 300 tables) comes
from this file's own generator in the same spirit and is checked the same way. Prints the
bench's line per run and a markdown table.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "agenda" / "agenda_bench.py"

LINE = re.compile(
    r"agenda: (?P<met>\d+)/(?P<req>\d+) meetings, priority (?P<pri>[\d.]+) = (?P<frac>[\d.]+) of the upper bound "
    r"(?P<ub>[\d.]+) \((?P<rel>[\d.]+) of best reference: CP-SAT 20 s (?P<cp>[\d.]+), greedy (?P<gr>[\d.]+)\); "
    r"idle gaps (?P<gaps>\d+) vs greedy (?P<ggaps>\d+) \((?P<gfrac>[\d.]+)\); (?P<secs>[\d.]+) s"
)


def large_instance(path: Path, seed: int) -> None:
    """1,000 participants (500 firms, 500 teams), 6,000 requests with skewed popularity, 24 slots,
    300 tables, some unavailability, five locked meetings."""
    rng = random.Random(seed)
    slots, tables = 24, 300
    firms = [f"F{i:04d}" for i in range(500)]
    teams = [f"T{i:04d}" for i in range(500)]
    participants = [
        {"id": p, "unavailable": sorted(rng.sample(range(slots), rng.choice([0, 0, 0, 2, 4, 8])))}
        for p in firms + teams
    ]
    pull = [(1 + i) ** -0.6 for i in range(len(teams))]
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < 6000:
        pairs.add((rng.choice(firms), rng.choices(teams, pull)[0]))
    requests = [
        {"a": f, "b": t, "priority": round(rng.uniform(0.2, 1.0) + (rng.random() < 0.2), 3)} for f, t in sorted(pairs)
    ]
    off = {p["id"]: set(p["unavailable"]) for p in participants}
    taken: set[tuple[str, int]] = set()
    for r in requests[:: len(requests) // 5][:5]:
        free = [
            s for s in range(slots) if not {(r["a"], s), (r["b"], s)} & taken and s not in off[r["a"]] | off[r["b"]]
        ]
        if free:
            r["locked"] = {"slot": free[0], "table": len([x for x in requests if "locked" in x])}
            taken |= {(r["a"], free[0]), (r["b"], free[0])}
    path.write_text(json.dumps({"slots": slots, "tables": tables, "participants": participants, "requests": requests}))


def run(instance: Path, out: Path) -> float:
    start = time.monotonic()
    with out.open("w") as fh:
        subprocess.run(
            [sys.executable, "-m", "matchmaker.events.agenda", str(instance)], stdout=fh, check=True, cwd=ROOT
        )
    return time.monotonic() - start


def check(instance: Path, out: Path, wall: float) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH), "check", str(instance), str(out), f"{wall:.2f}"], capture_output=True, text=True
    )
    return (done.stdout or done.stderr).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="*", default=[1, 2, 3, 4, 5])
    parser.add_argument("--no-large", action="store_true")
    args = parser.parse_args()
    if not BENCH.exists():
        sys.exit(f"benchmarks.agenda: the shared bench is missing: {BENCH}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        runs = [(f"seed {s}", s, False) for s in args.seeds] + ([] if args.no_large else [("large", 1, True)])
        for name, seed, large in runs:
            inst, out = Path(tmp) / f"{name}.json", Path(tmp) / f"{name}.out.json"
            if large:
                large_instance(inst, seed)
            else:
                subprocess.run([sys.executable, str(BENCH), "gen", str(inst), str(seed)], check=True)
            wall = run(inst, out)
            line = check(inst, out, wall)
            print(f"{name}: {line}", flush=True)
            m = LINE.search(line)
            if m:
                rows.append((name, m))
    print()
    print(
        "| instance | meetings | total priority | of upper bound | greedy | CP-SAT 20 s | idle gaps | greedy gaps | "
        "gaps vs greedy | wall s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, m in rows:
        print(
            f"| {name} | {m['met']}/{m['req']} | {m['pri']} | {float(m['frac']):.2%} | {m['gr']} | {m['cp']} | "
            f"{m['gaps']} | {m['ggaps']} | {m['gfrac']} | {m['secs']} |"
        )


if __name__ == "__main__":
    main()
