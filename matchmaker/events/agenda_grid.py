"""The slot grid and the moves the agenda solver makes on it.

A meeting's slot is its "colour"; two meetings of one participant need different colours.
The workhorse is the alternating (Kempe) chain of edge colouring: to free slot A for a
participant who holds a meeting in A, swap A and B along the path of A/B meetings that
starts there. On two-sided (bipartite) requests this always ends away from the other
participant, so a meeting fits whenever both have a free slot, unless availability or
the table count blocks the chain. Swapping the slots of a whole A/B component changes the
busy slots of only its two end participants, which makes the gap search cheap.

Everything here works on participant and request indices and slot bit masks.
"""

from __future__ import annotations

from .agenda_model import Problem

_BITS: dict[int, tuple[int, ...]] = {}


def bits(mask: int) -> tuple[int, ...]:
    """The set slots of a mask, lowest first (memoised: the searches ask for the same few)."""
    out = _BITS.get(mask)
    if out is None:
        found, m = [], mask
        while m:
            low = m & -m
            found.append(low.bit_length() - 1)
            m ^= low
        if len(_BITS) > 1 << 18:
            _BITS.clear()
        out = _BITS[mask] = tuple(found)
    return out


def idle(busy: int, avail: int) -> int:
    """Free, available slots between a participant's first and last meeting."""
    if not busy:
        return 0
    span = (1 << busy.bit_length()) - (busy & -busy)
    return (span & avail & ~busy).bit_count()


class Grid:
    def __init__(self, problem: Problem) -> None:
        self.S, self.T = problem.slots, problem.tables
        self.avail = problem.avail
        self.cap = problem.cap
        reqs = problem.requests
        self.ea = [r.a for r in reqs]
        self.eb = [r.b for r in reqs]
        self.w = [r.priority for r in reqs]
        self.common = [problem.avail[r.a] & problem.avail[r.b] for r in reqs]
        n, p = len(reqs), len(problem.ids)
        self.slot = [-1] * n
        self.table = [-1] * n  # known only for meetings that keep their table
        self.fixed = [False] * n
        self.busy = [0] * p
        self.deg = [0] * p
        self.at = [[-1] * self.S for _ in range(p)]
        self.count = [0] * self.S
        self.fullm = 0  # slots whose tables are all taken
        self.members: list[set[int]] = [set() for _ in range(self.S)]
        self.journal: list[tuple[int, int, int]] | None = None  # (meeting, old slot, new slot)

    # -- basic moves, journaled so a failed attempt can be undone ---------------------------
    def place(self, e: int, s: int) -> None:
        a, b, bit = self.ea[e], self.eb[e], 1 << s
        self.slot[e] = s
        self.busy[a] |= bit
        self.busy[b] |= bit
        self.at[a][s] = e
        self.at[b][s] = e
        self.deg[a] += 1
        self.deg[b] += 1
        self.members[s].add(e)
        self.count[s] += 1
        if self.count[s] >= self.T:
            self.fullm |= bit
        if self.journal is not None:
            self.journal.append((e, -1, s))

    def remove(self, e: int) -> None:
        a, b, s = self.ea[e], self.eb[e], self.slot[e]
        bit = 1 << s
        self.slot[e] = -1
        self.busy[a] &= ~bit
        self.busy[b] &= ~bit
        self.at[a][s] = -1
        self.at[b][s] = -1
        self.deg[a] -= 1
        self.deg[b] -= 1
        self.members[s].discard(e)
        self.count[s] -= 1
        if self.count[s] < self.T:
            self.fullm &= ~bit
        if self.journal is not None:
            self.journal.append((e, s, -1))

    def undo(self, mark: int) -> None:
        journal, self.journal = self.journal, None
        assert journal is not None
        while len(journal) > mark:
            e, old, new = journal.pop()
            if new >= 0:
                self.remove(e)
            if old >= 0:
                self.place(e, old)
        self.journal = journal

    def total_priority(self) -> float:
        return sum(self.w[e] for e in range(len(self.w)) if self.slot[e] >= 0)

    def total_idle(self) -> int:
        return sum(idle(b, a) for b, a in zip(self.busy, self.avail, strict=True))

    # -- chains ----------------------------------------------------------------------------
    def walk(self, x: int, c1: int, c2: int, limit: int, stop: int = -1) -> tuple[list[int] | None, int]:
        """The c1/c2 alternating path from x's c1 meeting, every meeting of it able to switch
        colour; (None, x) if one cannot, or it is longer than limit, or it meets `stop`."""
        path: list[int] = []
        at, common, fixed, ea, eb = self.at, self.common, self.fixed, self.ea, self.eb
        while True:
            e = at[x][c1]
            if e < 0:
                return path, x
            if e == stop or fixed[e] or not common[e] >> c2 & 1 or len(path) >= limit:
                return None, x
            path.append(e)
            x = eb[e] if ea[e] == x else ea[e]
            c1, c2 = c2, c1

    def swap(self, edges: list[int], alpha: int, beta: int) -> None:
        old = [self.slot[e] for e in edges]
        for e in edges:
            self.remove(e)
        for e, s in zip(edges, old, strict=True):
            self.place(e, beta if s == alpha else alpha)

    def _fits_after(self, edges: list[int], alpha: int, beta: int, add_alpha: int) -> bool:
        na = sum(1 for e in edges if self.slot[e] == alpha)
        nb = len(edges) - na
        return self.count[alpha] - na + nb + add_alpha <= self.T and self.count[beta] + na - nb <= self.T

    # -- inserting one meeting -------------------------------------------------------------
    def insert(self, e: int, limit: int = 60) -> bool:
        """Place e without unscheduling anything: a free common slot, else the shortest
        alternating chain that frees one, else shifting one meeting out of a full slot."""
        u, v = self.ea[e], self.eb[e]
        if self.deg[u] >= self.cap[u] or self.deg[v] >= self.cap[v]:
            return False
        c = self.common[e]
        bu, bv = self.busy[u], self.busy[v]
        free = c & ~bu & ~bv & ~self.fullm
        if free:
            au, av = self.avail[u], self.avail[v]
            iu, iv = idle(bu, au), idle(bv, av)
            best = min(bits(free), key=lambda s: (idle(bu | 1 << s, au) - iu + idle(bv | 1 << s, av) - iv, s))
            self.place(e, best)
            return True
        choice = None
        for x, y in ((u, v), (v, u)):
            by = self.busy[y]
            for alpha in bits(c & ~self.busy[x] & by):
                for beta in bits(self.avail[y] & ~by):
                    path, end = self.walk(y, alpha, beta, limit)
                    if path is None or end == x or not self._fits_after(path, alpha, beta, 1):
                        continue
                    if choice is None or len(path) < len(choice[0]):
                        choice = (path, alpha, beta)
                        if len(path) == 1:
                            break
                if choice and len(choice[0]) == 1:
                    break
        if choice is not None:
            path, alpha, beta = choice
            self.swap(path, alpha, beta)
            self.place(e, alpha)
            return True
        return self._shift_into_full(e, c & ~bu & ~bv & self.fullm)

    def _shift_into_full(self, e: int, slots: int) -> bool:
        """Both are free in a slot whose tables are all taken: move one meeting out of it."""
        for s in bits(slots):
            for f in self.members[s]:
                if self.fixed[f]:
                    continue
                a, b = self.ea[f], self.eb[f]
                room = self.common[f] & ~self.busy[a] & ~self.busy[b] & ~self.fullm
                if room:
                    self.remove(f)
                    self.place(f, (room & -room).bit_length() - 1)
                    self.place(e, s)
                    return True
        return False

    def eject_insert(self, e: int, allow_loss: bool) -> list[int] | None:
        """Place e in a common slot after taking out what blocks it there, then put those
        back elsewhere. Returns the meetings that could not go back (only when allow_loss and
        they weigh less than e), or None, leaving the grid as it was."""
        u, v = self.ea[e], self.eb[e]
        outer, self.journal = self.journal, []
        best: tuple[float, list[tuple[int, int, int]], list[int]] | None = None
        result: list[int] | None = None
        for alpha in bits(self.common[e]):
            out = {self.at[u][alpha], self.at[v][alpha]} - {-1}
            if any(self.fixed[f] for f in out):
                continue
            # a participant at their maximum can take e only in place of one of theirs
            if (self.deg[u] >= self.cap[u] and self.at[u][alpha] < 0) or (
                self.deg[v] >= self.cap[v] and self.at[v][alpha] < 0
            ):
                continue
            if self.count[alpha] - len(out) + 1 > self.T:
                spare = [f for f in self.members[alpha] if not self.fixed[f] and f not in out]
                if not spare:
                    continue
                out.add(min(spare, key=lambda f: self.w[f]))
            for f in out:
                self.remove(f)
            self.place(e, alpha)
            lost = [f for f in sorted(out, key=lambda f: -self.w[f]) if not self.insert(f, limit=30)]
            if not lost:
                result = []
                break
            loss = sum(self.w[f] for f in lost)
            if allow_loss and loss < self.w[e] - 1e-9 and (best is None or loss < best[0]):
                best = (loss, list(self.journal), lost)
            self.undo(0)
        else:
            if best is not None:
                for f, old, new in best[1]:
                    if old >= 0:
                        self.remove(f)
                    if new >= 0:
                        self.place(f, new)
                result = best[2]
        applied, self.journal = self.journal, outer
        if outer is not None:
            outer.extend(applied)
        return result
