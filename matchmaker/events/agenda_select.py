"""Which meetings to hold: a max-weight b-matching, which is also the solver's upper bound.

The relaxation drops "nobody twice in a slot" and "tables per slot" and keeps what any agenda
must satisfy: each participant meets at most `cap` people (max_meetings, free slots), the
grid holds at most slots x tables meetings, a pair meets only if they share a free slot.
Its optimum therefore bounds every agenda's total priority. Requests between two sides
(firms and teams) form a bipartite graph, where a min-cost flow solves it exactly and
fast; otherwise CP-SAT does, under a time limit, and its proven bound is the bound.
"""

from __future__ import annotations

from collections.abc import Sequence


def _scale(weights: Sequence[float]) -> int:
    # Integer costs for the solvers; keep the total far below 2**63.
    top = max(weights, default=1.0) or 1.0
    return max(1, min(10**6, int(10**12 / top)))


def two_sides(nodes: int, edges: Sequence[tuple[int, int]]) -> list[int] | None:
    """0/1 side per node if the graph is bipartite, else None."""
    adj: list[list[int]] = [[] for _ in range(nodes)]
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    side = [-1] * nodes
    for start in range(nodes):
        if side[start] >= 0 or not adj[start]:
            continue
        side[start] = 0
        stack = [start]
        while stack:
            x = stack.pop()
            for y in adj[x]:
                if side[y] < 0:
                    side[y] = 1 - side[x]
                    stack.append(y)
                elif side[y] == side[x]:
                    return None
    return [max(s, 0) for s in side]


def b_matching(
    nodes: int,
    edges: Sequence[tuple[int, int]],
    weights: Sequence[float],
    cap: Sequence[int],
    total: int,
    time_limit: float = 10.0,
) -> tuple[list[int], float]:
    """Indices of the chosen edges and an upper bound on their best total weight."""
    if not edges or total <= 0:
        return [], 0.0
    scale = _scale(weights)
    cost = [round(w * scale) for w in weights]
    # Rounding can make the integer optimum differ from the real one by at most this much.
    exact = all(abs(w * scale - c) < 1e-6 for w, c in zip(weights, cost, strict=True))
    slack = 0.0 if exact else len(edges) / scale
    side = two_sides(nodes, edges)
    if side is not None:
        chosen = _flow(nodes, edges, cost, cap, total, side)
        return chosen, sum(weights[i] for i in chosen) + slack
    chosen, bound = _cp_sat(nodes, edges, cost, cap, total, time_limit)
    return chosen, bound / scale + slack


def _flow(nodes, edges, cost, cap, total, side) -> list[int]:
    from ortools.graph.python import min_cost_flow

    f = min_cost_flow.SimpleMinCostFlow()
    src, hub, snk = nodes, nodes + 1, nodes + 2
    supply = min(total, len(edges))
    f.add_arc_with_capacity_and_unit_cost(src, hub, supply, 0)
    f.add_arc_with_capacity_and_unit_cost(src, snk, supply, 0)  # the unused part of the grid
    for p in range(nodes):
        if cap[p] > 0:
            if side[p] == 0:
                f.add_arc_with_capacity_and_unit_cost(hub, p, cap[p], 0)
            else:
                f.add_arc_with_capacity_and_unit_cost(p, snk, cap[p], 0)
    arcs = []
    for (a, b), c in zip(edges, cost, strict=True):
        left, right = (a, b) if side[a] == 0 else (b, a)
        arcs.append(f.add_arc_with_capacity_and_unit_cost(left, right, 1, -c))
    f.set_node_supply(src, supply)
    f.set_node_supply(snk, -supply)
    if f.solve() != f.OPTIMAL:  # cannot happen: the bypass arc always carries the supply
        raise RuntimeError("min-cost flow failed")
    return [i for i, arc in enumerate(arcs) if f.flow(arc) > 0]


def _cp_sat(nodes, edges, cost, cap, total, time_limit) -> tuple[list[int], float]:
    from ortools.sat.python import cp_model

    m = cp_model.CpModel()
    x = [m.new_bool_var(f"e{i}") for i in range(len(edges))]
    touching: list[list] = [[] for _ in range(nodes)]
    for v, (a, b) in zip(x, edges, strict=True):
        touching[a].append(v)
        touching[b].append(v)
    for p, vs in enumerate(touching):
        if len(vs) > cap[p]:
            m.add(sum(vs) <= cap[p])
    m.add(sum(x) <= total)
    m.maximize(sum(c * v for c, v in zip(cost, x, strict=True)))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, time_limit)
    solver.parameters.num_workers = 2
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [], float(sum(cost))  # no selection in time; the trivial bound still holds
    chosen = [i for i, v in enumerate(x) if solver.value(v)]
    return chosen, solver.best_objective_bound
