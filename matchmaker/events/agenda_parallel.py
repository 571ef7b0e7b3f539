"""Run the gap search as independent annealing chains on several cores and keep the best.

The chains differ only in their random seed; annealing results vary a lot from seed to
seed, so the best of two is markedly better than one, in the same wall time. Chains are
forked processes (the grid is inherited, not pickled) that send back their slots. Where a
process may not fork (a daemonic worker, say), one chain runs in this process.
"""

from __future__ import annotations

import multiprocessing
import time

from .agenda_grid import Grid
from .agenda_search import reduce_idle


def _chain(grid: Grid, deadline: float, seed: int, conn) -> None:
    reduce_idle(grid, deadline, seed=seed)
    conn.send((grid.total_idle(), grid.slot))
    conn.close()


def anneal(grid: Grid, deadline: float, workers: int = 2) -> None:
    placed = [e for e, s in enumerate(grid.slot) if s >= 0 and not grid.fixed[e]]
    children = []
    if workers > 1 and len(placed) >= 50:
        try:
            ctx = multiprocessing.get_context("fork")
            for seed in range(1, workers):
                receive, send = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_chain, args=(grid, deadline, seed, send), daemon=True)
                proc.start()
                send.close()
                children.append((proc, receive))
        except (AssertionError, OSError, ValueError):
            pass  # cannot fork here: one chain only
    reduce_idle(grid, deadline, seed=0)
    best, slots = grid.total_idle(), None
    for proc, receive in children:
        try:
            if receive.poll(max(1.0, deadline - time.monotonic() + 2.0)):
                gaps, theirs = receive.recv()
                if gaps < best:
                    best, slots = gaps, theirs
        except (EOFError, OSError):
            pass
        finally:
            proc.join(1.0)
            if proc.is_alive():
                proc.kill()
    if slots is not None:
        for e in placed:
            grid.remove(e)
        for e in placed:
            grid.place(e, slots[e])
