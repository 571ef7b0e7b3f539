"""The two searches of the agenda solver over a Grid: fill (priority first) and idle gaps."""

from __future__ import annotations

import heapq
import math
import random
import time

from .agenda_grid import Grid, bits, idle


def fill(grid: Grid, candidates: list[int], deadline: float, allow_loss: bool = True) -> None:
    """Insert the unscheduled candidates, heaviest first. A meeting that does not fit may take
    the place of lighter ones (which then wait their turn again): total priority only rises."""
    heap = [(-grid.w[e], e) for e in candidates if grid.slot[e] < 0 and grid.common[e]]
    heapq.heapify(heap)
    w, ea, eb, at_cap = grid.w, grid.ea, grid.eb, _at_cap
    while heap:
        if time.monotonic() > deadline:
            allow_loss = False  # out of time: only the cheap, certain moves from here on
        _, e = heapq.heappop(heap)
        if grid.slot[e] >= 0 or grid.insert(e):
            continue
        if at_cap(grid, ea[e], w[e]) or at_cap(grid, eb[e], w[e]):
            continue  # a full participant would have to drop a meeting worth at least as much
        lost = grid.eject_insert(e, allow_loss)
        for f in lost or ():
            heapq.heappush(heap, (-w[f], f))


def _at_cap(grid: Grid, p: int, weight: float) -> bool:
    if grid.deg[p] < grid.cap[p]:
        return False
    cheapest = min((grid.w[f] for f in grid.at[p] if f >= 0 and not grid.fixed[f]), default=math.inf)
    return cheapest >= weight


def shaped(busy: int, avail: int, k: int = 8) -> int:
    """What the gap search minimises: k per idle slot plus each idle slot's distance to the
    nearer end of the day, so that moves pushing a hole outwards (no better by the plain
    count) are downhill and holes drift off the ends of the day."""
    if not busy:
        return 0
    top = busy.bit_length()
    holes = ((1 << top) - (busy & -busy)) & avail & ~busy
    if not holes:
        return 0
    lo, hi = (busy & -busy).bit_length() - 1, top - 1
    cost = 0
    while holes:
        h = (holes & -holes).bit_length() - 1
        holes &= holes - 1
        cost += k + min(h - lo, hi - h)
    return cost


def reduce_idle(
    grid: Grid,
    deadline: float,
    seed: int = 0,
    limit: int = 80,
    temp0: float = 0.8,
    focus: float = 0.6,
    penalty: float = 2.0,
    k: int = 8,
    max_iter: int | None = None,
    patience: int | None = None,
) -> int:
    """Simulated annealing over slot swaps of alternating components (a single meeting
    moving to a slot free for both is the smallest such component). Only the component's
    two end participants change their busy slots, so a move costs a few bit operations.
    Tables may run short while searching, at a penalty; the best agenda seen with enough
    tables is kept, then polished by an exact descent over slot pairs. Returns the number
    of moves tried."""
    rng = random.Random(seed)
    rand = rng.random
    S, ea, eb, avail, busy, at, common = grid.S, grid.ea, grid.eb, grid.avail, grid.busy, grid.at, grid.common
    fixed, slot = grid.fixed, grid.slot
    movable = [e for e in range(len(ea)) if slot[e] >= 0 and not fixed[e] and common[e].bit_count() > 1]
    if not movable or S < 3:
        return 0
    patience = patience or max(5000, 300 * len(movable))  # moves without a new best before stopping
    pg = [idle(b, a) for b, a in zip(busy, avail, strict=True)]
    pc = [shaped(b, a, k) for b, a in zip(busy, avail, strict=True)]
    high = [a << S for a in avail]
    memo: dict[int, int] = {}  # shaped cost by (availability, busy slots): the same few recur
    in_slot: dict[int, tuple[int, ...]] = {}  # a slot's meetings, to pick from, until the slot changes
    over_slots: list[int] = []  # slots with too few tables
    total = best = sum(pg)
    count, T = grid.count, grid.T
    overflow = 0  # tables short, summed over slots: allowed while searching, never in the result
    at_best = True
    best_slots = [slot[e] for e in movable]
    start = time.monotonic()
    polish_by, deadline = deadline, deadline - 0.08 * max(deadline - start, 0)  # leave time for the descent
    span_t = max(deadline - start, 1e-3)
    temp, lam = temp0 * k, penalty * k
    stale = 0
    gappy: list[int] = []
    it = 0
    while best > 0:
        it += 1
        if it & 255 == 0:
            now = time.monotonic()
            if now > deadline or stale > patience or (max_iter and it > max_iter):
                break
            frac = min(1.0, it / max_iter if max_iter else (now - start) / span_t)
            temp = k * max(0.02, temp0 * (1 - frac))
            gappy = [p for p, g in enumerate(pg) if g]
            if len(memo) > 1 << 18:
                memo.clear()  # bounded memory on long days (24 slots)
        e = -1
        r = rand()
        if overflow and r < 0.5:
            # move a meeting out of a slot with too few tables
            s = over_slots[int(rand() * len(over_slots))]
            in_s = in_slot.get(s)
            if in_s is None:
                in_s = in_slot[s] = tuple(grid.members[s])
            f = in_s[int(rand() * len(in_s))]
            roomy = [s for s in bits(common[f]) if count[s] < T]
            if not fixed[f] and roomy:
                e, beta = f, roomy[int(rand() * len(roomy))]
        elif gappy and r < focus:
            # move one of a gappy participant's meetings into one of their gaps
            p = gappy[int(rand() * len(gappy))]
            b = busy[p]
            if b:
                holes = ((1 << b.bit_length()) - (b & -b)) & avail[p] & ~b
                own = bits(b)
                f = at[p][own[int(rand() * len(own))]]
                if not fixed[f] and common[f] & holes:
                    e = f
                    choices = bits(common[f] & holes)
                    beta = choices[int(rand() * len(choices))]
        if e < 0:
            e = movable[int(rand() * len(movable))]
            choices = bits(common[e] & ~(1 << slot[e]))
            beta = choices[int(rand() * len(choices))]
        alpha = slot[e]
        # The two alternating paths from e's ends (grid.walk, inlined: this loop is the hot spot).
        pa: list[int] = []
        x, c1, c2 = ea[e], beta, alpha
        while True:
            f = at[x][c1]
            if f < 0:
                break
            if f == e or fixed[f] or not common[f] >> c2 & 1 or len(pa) >= limit:
                pa = None
                break
            pa.append(f)
            x = eb[f] if ea[f] == x else ea[f]
            c1, c2 = c2, c1
        if pa is None:
            continue
        pb: list[int] = []
        y, c1, c2 = eb[e], beta, alpha
        while True:
            f = at[y][c1]
            if f < 0:
                break
            if f == e or fixed[f] or not common[f] >> c2 & 1 or len(pb) >= limit:
                pb = None
                break
            pb.append(f)
            y = eb[f] if ea[f] == y else ea[f]
            c1, c2 = c2, c1
        if pb is None or x == y:
            continue
        # e moves alpha -> beta; each path alternates beta, alpha, beta... from e outwards
        shift = len(pa) % 2 + len(pb) % 2 - 1  # change of alpha's meeting count
        ca, cb = count[alpha], count[beta]
        over = max(0, ca + shift - T) + max(0, cb - shift - T) - max(0, ca - T) - max(0, cb - T)
        flip = 1 << alpha | 1 << beta
        bx, by = busy[x] ^ flip, busy[y] ^ flip
        kx, ky = high[x] | bx, high[y] | by  # memo keys: availability above the busy bits
        cx = memo.get(kx)
        if cx is None:
            cx = memo[kx] = shaped(bx, avail[x], k)
        cy = memo.get(ky)
        if cy is None:
            cy = memo[ky] = shaped(by, avail[y], k)
        cost = cx - pc[x] + cy - pc[y] + lam * over
        if cost > 0 and rand() >= math.exp(-cost / temp):
            stale += 1
            continue
        grid.swap([e, *pa, *pb], alpha, beta)
        gx, gy = idle(bx, avail[x]), idle(by, avail[y])
        total += gx - pg[x] + gy - pg[y]
        pg[x], pg[y], pc[x], pc[y] = gx, gy, cx, cy
        overflow += over
        in_slot.pop(alpha, None)
        in_slot.pop(beta, None)
        if over or overflow:
            over_slots = [s for s in range(S) if count[s] > T]
        if total < best and not overflow:
            best, stale = total, 0
            best_slots = [slot[e] for e in movable]
            at_best = True
        else:
            stale += 1
            at_best = False
    if not at_best:
        for e in movable:
            grid.remove(e)
        for e, s in zip(movable, best_slots, strict=True):
            grid.place(e, s)
    pg = [idle(b, a) for b, a in zip(busy, avail, strict=True)]
    pair_descent(grid, pg, polish_by)
    return it


def _components(grid: Grid, alpha: int, beta: int):
    """The alternating alpha/beta components that could swap their two slots: (meetings,
    end participants, change of alpha's meeting count). Cycles are skipped: swapping one
    changes nobody's busy slots."""
    at, ea, eb, slot, common, fixed = grid.at, grid.ea, grid.eb, grid.slot, grid.common, grid.fixed
    seen: set[int] = set()
    for e0 in (*grid.members[alpha], *grid.members[beta]):
        if e0 in seen:
            continue
        comp, ends, cycle = [e0], [], False
        seen.add(e0)
        for x in (ea[e0], eb[e0]):
            prev = e0
            while True:
                f = at[x][beta if slot[prev] == alpha else alpha]
                if f < 0:
                    ends.append(x)
                    break
                if f == e0:
                    cycle = True
                    break
                comp.append(f)
                seen.add(f)
                x = eb[f] if ea[f] == x else ea[f]
                prev = f
            if cycle:
                break
        if cycle:
            continue
        na = 0
        ok = True
        for f in comp:
            if slot[f] == alpha:
                na += 1
                if fixed[f] or not common[f] >> beta & 1:
                    ok = False
                    break
            elif fixed[f] or not common[f] >> alpha & 1:
                ok = False
                break
        if ok:
            yield comp, ends, len(comp) - 2 * na


def pair_step(grid: Grid, alpha: int, beta: int, pg: list[int], cost_of=idle) -> int:
    """Best re-colouring of the slot pair (alpha, beta): every vertex ends at most one
    component, so the components' effects on idle gaps add up, and the table counts only
    need as many components moving a meeting into a slot as out of it (within the free
    tables). Applies it; returns the change in total idle gaps (<= 0)."""
    busy, avail, T, count = grid.busy, grid.avail, grid.T, grid.count
    flip = 1 << alpha | 1 << beta
    free, plus, minus = [], [], []
    for comp, ends, shift in _components(grid, alpha, beta):
        delta = sum(cost_of(busy[x] ^ flip, avail[x]) - pg[x] for x in ends)
        if shift == 0:
            if delta < 0:
                free.append((delta, comp, ends))
        else:
            (plus if shift > 0 else minus).append((delta, comp, ends))
    plus.sort(key=lambda c: c[0])
    minus.sort(key=lambda c: c[0])
    room_a, room_b = T - count[alpha], T - count[beta]  # alpha's count may move in [-room_b, room_a]
    best = (0, 0, 0)
    sum_p = 0
    for kp in range(len(plus) + 1):
        if kp:
            sum_p += plus[kp - 1][0]
        lo, hi = max(0, kp - room_a), min(len(minus), kp + room_b)
        sum_m = sum(c[0] for c in minus[:lo])
        for km in range(lo, hi + 1):
            if km > lo:
                sum_m += minus[km - 1][0]
            if sum_p + sum_m < best[0]:
                best = (sum_p + sum_m, kp, km)
    chosen = free + plus[: best[1]] + minus[: best[2]]
    total = 0
    for delta, comp, ends in chosen:
        grid.swap(comp, alpha, beta)
        for x in ends:
            pg[x] = cost_of(busy[x], avail[x])
        total += delta
    return total


def pair_descent(grid: Grid, pg: list[int], deadline: float, cost_of=idle) -> int:
    """Re-colour slot pairs until no pair improves; returns the change in idle gaps."""
    gain, improved = 0, True
    while improved:
        improved = False
        for alpha in range(grid.S):
            for beta in range(alpha + 1, grid.S):
                if time.monotonic() > deadline:
                    return gain
                d = pair_step(grid, alpha, beta, pg, cost_of)
                if d < 0:
                    gain += d
                    improved = True
    return gain
