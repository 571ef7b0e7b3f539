"""`make bench-scale`: the product at provincial scale, on PostgreSQL.

For each N: a scratch database (never `test`) gets the demo data plus N challenges and N
capabilities whose text is recombined from the demo posts of the same chain; the full rebuild
runs in a child process (seconds and peak RSS per step, then again as the nightly run with the
tokens cached), and every published post is checked to have recommendations. Then gunicorn
(2 workers) serves the N = --serve database and the demo database in turn and wrk measures the
busiest pages on each, in the same run.

    .venv/bin/python -m benchmarks.scale --sizes 2000 10000 50000 --serve 10000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from http.cookiejar import CookieJar
from pathlib import Path

import sqlalchemy as sa
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SECRET = "bench-scale-not-a-secret"
PAGES = [
    ("home (anonymous)", "/", False),
    ("challenge list, page 1", "/challenges/", False),
    ("challenge list, page 300", "/challenges/?page=300", False),
    ("search 锂电池回收", "/challenges/?q=" + urllib.parse.quote("锂电池回收"), False),
    ("list filtered by chain", "/challenges/?chain=new-energy", False),
    ("challenge page, owner (recommendations)", "/challenges/{own}", True),
    ("API list", "/api/v1/challenges", False),
]


# ---------------------------------------------------------------------- databases
def url_for(base: str, name: str) -> str:
    if name == "test" or not name.startswith("bench"):
        raise SystemExit(f"refusing to use database {name!r}: scratch databases start with 'bench'")
    return str(sa.engine.make_url(base).set(database=name))


def recreate(base: str, name: str) -> str:
    url = url_for(base, name)
    admin = sa.create_engine(sa.engine.make_url(base).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url


def env_for(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET, "FLASK_APP": "matchmaker", "PYTHONPATH": str(ROOT)}


def flask(url: str, *args: str) -> None:
    subprocess.run([str(BIN / "flask"), *args], check=True, cwd=ROOT, env=env_for(url), stdout=subprocess.DEVNULL)


def vacuum(url: str) -> None:
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))
    engine.dispose()


# ---------------------------------------------------------------------- generated posts
def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；！？\n])", text or "") if s.strip()]


def _mix(a: str, b: str, rnd: random.Random) -> str:
    """First part of one text, last part of another (same chain): reads like a real post."""
    sa_, sb = _sentences(a), _sentences(b)
    cut_a, cut_b = max(1, (len(sa_) + 1) // 2), len(sb) // 2
    out = "".join(sa_[:cut_a] + sb[cut_b:])
    return out or a


def _by_chain(kind: str) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = defaultdict(list)
    for path in sorted((ROOT / "seed_data" / kind).glob("*.yaml")):
        for post in yaml.safe_load(path.read_text(encoding="utf-8")):
            found[post["chains"][0]].append(post)
    return found


SUFFIXES = ("", "", "", "关键技术攻关", "工艺优化", "（二期）", "国产化替代", "技术升级")


def generate(url: str, n: int, seed: int = 15) -> None:
    """N challenges and N capabilities from organisations of their own (about 20 posts each)."""
    os.environ.update(env_for(url))
    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.models import Capability, Chain, Challenge, Organization, OrgKind
    from matchmaker.models.chain import capability_chains, challenge_chains
    from matchmaker.organizations.credit_code import CITY_DIVISION_CODES, fictional

    rnd = random.Random(seed)
    app = create_app()
    now = datetime.now(UTC)
    with app.app_context():
        chains = {c.code: c.id for c in db.session.scalars(sa.select(Chain))}
        cities = list(CITY_DIVISION_CODES)
        orgs: dict[str, list[int]] = {}
        for kind, org_kind, count in (
            ("firm", OrgKind.FIRM, max(20, n // 20)),
            ("team", OrgKind.UNIVERSITY, max(20, n // 20)),
        ):
            rows = []
            for i in range(count):
                city = rnd.choice(cities)
                name = f"{city}{'测试科技有限公司' if kind == 'firm' else '测试大学课题组'}{i:05d}"
                prefix = "91" if kind == "firm" else "12"
                rows.append(
                    {
                        "kind": org_kind,
                        "name": name,
                        "city": city,
                        "verified_at": now,
                        "credit_code": fictional(f"bench-{kind}-{i}", city, prefix),
                    }
                )
            result = db.session.execute(sa.insert(Organization).returning(Organization.id), rows)
            orgs[kind] = list(result.scalars())
        db.session.commit()
        for kind, model, link, column in (
            ("challenges", Challenge, challenge_chains, "challenge_id"),
            ("capabilities", Capability, capability_chains, "capability_id"),
        ):
            seeds = _by_chain(kind)
            codes = [c for c in seeds if c in chains]
            weights = [len(seeds[c]) for c in codes]
            for start in range(0, n, 2000):
                rows, links = [], []
                for _ in range(start, min(n, start + 2000)):
                    code = rnd.choices(codes, weights)[0]
                    a, b, c = (rnd.choice(seeds[code]) for _ in range(3))
                    keywords = list(dict.fromkeys([*a.get("keywords", [])[:3], *b.get("keywords", [])[:2]]))[:5]
                    published = now - timedelta(days=rnd.uniform(0, 730))
                    row = {
                        "title": (a["title"] + rnd.choice(SUFFIXES))[:120],
                        "keywords": keywords,
                        "status": "published",
                        "published_at": published,
                        "created_at": published,
                        "updated_at": published,
                        "primary_chain_id": chains[code],
                    }
                    if model is Challenge:
                        row |= {
                            "organization_id": rnd.choice(orgs["firm"]),
                            "problem": _mix(a["problem"], b["problem"], rnd),
                            "indicators": c.get("indicators", ""),
                            "goal": b.get("goal", ""),
                            "mode": a.get("mode", "matchmaking"),
                            "solution_mode": a.get("solution_mode", "cooperative"),
                            "budget_min": a.get("budget_min"),
                            "budget_max": a.get("budget_max"),
                            "deadline": None
                            if rnd.random() < 0.15
                            else date.today() + timedelta(days=rnd.randint(30, 400)),
                            "contact_name": a.get("contact_name", ""),
                            "contact_phone": a.get("contact_phone", ""),
                        }
                    else:
                        row |= {
                            "organization_id": rnd.choice(orgs["team"]),
                            "team_name": a.get("team", "课题组"),
                            "leader": a.get("leader", "负责人"),
                            "leader_title": a.get("leader_title", ""),
                            "description": _mix(a["description"], b["description"], rnd),
                            "applications": c.get("applications", ""),
                            "trl": a.get("trl", 5),
                            "cooperation_modes": a.get("cooperation_modes", []),
                            "ip": a.get("ip", ""),
                        }
                    rows.append(row)
                    extra = [chains[x] for x in a["chains"][1:2] if x in chains and x != code]
                    links.append([chains[code], *extra])
                ids = list(db.session.execute(sa.insert(model).returning(model.id), rows).scalars())
                pairs = [{column: i, "chain_id": ch} for i, chs in zip(ids, links, strict=True) for ch in chs]
                db.session.execute(sa.insert(link), pairs)
                db.session.commit()
        db.engine.dispose()


# ---------------------------------------------------------------------- rebuild (child process)
STEPS = [(40, "segment"), (45, "index"), (70, "match:challenge"), (95, "match:capability"), (101, "store")]


def rebuild_child() -> None:
    """Run the rebuild in this fresh process; print seconds and peak RSS (MiB) per step as JSON."""
    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.matching import operations

    app = create_app()
    marks: list[tuple[str, float, float]] = []

    def step_of(percent: int) -> str:
        return next(name for top, name in STEPS if percent < top)

    def progress(percent: int, message: str) -> None:
        name = step_of(percent)
        if not marks or marks[-1][0] != name:
            marks.append((name, time.perf_counter(), _rss()))

    with app.app_context():
        started = time.perf_counter()
        report = operations.rebuild(progress)
        db.session.commit()
        ended = time.perf_counter()
        steps = {}
        for i, (name, at, _) in enumerate(marks):
            until = marks[i + 1][1] if i + 1 < len(marks) else ended
            peak = marks[i + 1][2] if i + 1 < len(marks) else _rss()
            steps[name] = {"seconds": round(until - at, 1), "peak_mib": round(peak)}
        missing = _without_recommendations(db)
    print(
        json.dumps(
            {
                "total": round(ended - started, 1),
                "peak_mib": round(_rss()),
                "steps": steps,
                "segmented": report["segmented"],
                "missing": missing,
            }
        )
    )


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _without_recommendations(db) -> dict[str, int]:
    """Eligible posts with no stored recommendation whose other side is eligible (pages show none)."""
    from matchmaker.matching.documents import SIDES, eligible_where, other
    from matchmaker.models import Match, Organization

    out = {}
    for side, model in SIDES.items():
        target = SIDES[other(side)]
        own, theirs = (
            (Match.challenge_id, Match.capability_id)
            if side == "challenge"
            else (Match.capability_id, Match.challenge_id)
        )
        shown = (
            sa.select(Match.id)
            .join(target, target.id == theirs)
            .join(Organization, Organization.id == target.organization_id)
            .where(own == model.id, target.organization_id != model.organization_id, *eligible_where(other(side)))
            .exists()
        )
        mine = (
            sa.select(model.id)
            .join(Organization, Organization.id == model.organization_id)
            .where(*eligible_where(side))
        )
        out[side] = db.session.scalar(sa.select(sa.func.count()).select_from(mine.where(~shown).subquery()))
    return out


def rebuild(url: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", "--rebuild-child"],
        check=True,
        cwd=ROOT,
        env=env_for(url),
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------- serving
def serve(url: str, port: int, workers: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "matchmaker:create_app()",
        ],
        cwd=ROOT,
        env=env_for(url),
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


def owner_cookie(port: int) -> str:
    """Sign in as the demo firm (CSRF token from the form) and return the Cookie header."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"http://127.0.0.1:{port}/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page
    )
    data = urllib.parse.urlencode(
        {"email": "firm@demo.cn", "password": "Demo-firm-2026", "csrf_token": token.group(1) if token else ""}
    )
    opener.open(f"http://127.0.0.1:{port}/login", data=data.encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def own_challenge(url: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = conn.execute(
            sa.text(
                "SELECT c.id FROM challenges c JOIN users u ON u.organization_id = c.organization_id "
                "WHERE u.email = 'firm@demo.cn' AND c.status = 'published' ORDER BY c.id LIMIT 1"
            )
        ).scalar()
    engine.dispose()
    return found


def wrk(target: str, seconds: int, connections: int, cookie: str | None) -> tuple[float, float]:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", target]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", out, re.M).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        print(f"  ! {target}: {errors.group(1)} non-2xx responses", file=sys.stderr)
    return rps, p99


def measure_pages(url: str, port: int, args: argparse.Namespace) -> dict[str, tuple[float, float]]:
    vacuum(url)
    proc = serve(url, port, args.workers)
    try:
        cookie = owner_cookie(port)
        own = own_challenge(url)
        found = {}
        for label, path, signed_in in PAGES:
            target = f"http://127.0.0.1:{port}" + path.format(own=own)
            for _ in range(4):  # warm both workers (the first search loads the index)
                req = urllib.request.Request(target, headers={"Cookie": cookie} if signed_in else {})
                urllib.request.urlopen(req, timeout=60).read()
            found[label] = wrk(target, args.duration, args.connections, cookie if signed_in else None)
            print(f"  {label}: {found[label][0]:.0f} req/s, p99 {found[label][1]:.0f} ms", file=sys.stderr)
        return found
    finally:
        proc.terminate()
        proc.wait(30)


# ---------------------------------------------------------------------- report
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000, 10000, 50000])
    parser.add_argument("--serve", type=int, default=10000, help="the size whose pages wrk measures (0: none)")
    parser.add_argument("--duration", type=int, default=15, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--db", default="bench_scale")
    parser.add_argument("--rebuild-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rebuild_child:
        rebuild_child()
        return 0
    lines = [
        "| N + N | step | cold (no cached tokens) s | peak MiB | nightly (tokens cached) s | peak MiB |",
        "|---|---|---|---|---|---|",
    ]
    checks = []
    pages: dict[str, dict] = {}
    for n in [*args.sizes, 0]:
        name = f"{args.db}_demo" if n == 0 else args.db
        print(f"N = {n or 'demo'}: database {name}", file=sys.stderr)
        url = recreate(args.pg, name)
        flask(url, "db", "upgrade")
        flask(url, "seed")
        clock = time.perf_counter()
        if n:
            generate(url, n)
        made = time.perf_counter() - clock
        cold = rebuild(url)
        warm = rebuild(url)
        label = "demo (121 + 242)" if n == 0 else f"{n // 1000}k + {n // 1000}k"
        for step in cold["steps"]:
            c, w = cold["steps"][step], warm["steps"].get(step, {"seconds": "—", "peak_mib": "—"})
            lines.append(f"| {label} | {step} | {c['seconds']} | {c['peak_mib']} | {w['seconds']} | {w['peak_mib']} |")
        total = f"**{cold['total']}** | {cold['peak_mib']} | **{warm['total']}** | {warm['peak_mib']}"
        lines.append(f"| {label} | **total** | {total} |")
        checks.append(
            f"- {label}: generated in {made:.0f} s; segmented {cold['segmented']} posts cold, "
            f"{warm['segmented']} nightly; "
            f"eligible posts without recommendations: {cold['missing']} (after the nightly run: {warm['missing']})"
        )
        print("\n".join(lines[-len(cold["steps"]) - 1 :]), file=sys.stderr)
        if n == 0 or n == args.serve:
            pages["demo" if n == 0 else f"{n // 1000}k + {n // 1000}k"] = measure_pages(url, args.port, args)
    print("## Rebuild\n")
    print("\n".join(lines))
    print()
    print("\n".join(checks))
    if pages:
        cols = list(pages)
        setup = f"wrk, {args.connections} connections, {args.duration} s each, gunicorn {args.workers} workers"
        print(f"\n## Pages ({setup}, loopback, after VACUUM ANALYZE)\n")
        print("| page | " + " | ".join(f"{c} req/s · p99" for c in cols) + " |")
        print("|---|" + "---|" * len(cols))
        for label, _, _ in PAGES:
            cells = [f"{pages[c][label][0]:.0f} · {pages[c][label][1]:.0f} ms" for c in cols]
            print(f"| {label} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
