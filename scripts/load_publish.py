"""Load test: publish posts from concurrent clients while a real Celery worker catches up.

Starts from a fresh PostgreSQL database `test_background` and Redis db 14 on this machine
(loopback only), starts a real worker (`celery -A matchmaker.worker worker`), then 8 clients
(threads, each with its own signed-in test client going through the whole Flask request path)
create and publish N posts (half 技术需求, half 科研能力) through the app's own forms and views.
Afterwards it waits until the background work is consistent and verifies it: every post has
exactly one outbox row and it is done, nothing failed; and, with the recommender's tasks present,
every post's matches are stored (each pair once). Without matchmaker.matching.tasks a stand-in
task (defined below, loaded by the worker too) counts runs per post instead.

    .venv/bin/python scripts/load_publish.py [--posts 500] [--clients 8] [--concurrency 2]

Prints posts/s, request latency and the time to consistency; exits 1 if verification fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
import sqlalchemy as sa  # noqa: E402
import yaml  # noqa: E402
from flask import Flask  # noqa: E402

from matchmaker import create_app  # noqa: E402
from matchmaker.background.tasks_base import outbox_task  # noqa: E402
from matchmaker.config import celery_settings  # noqa: E402
from matchmaker.extensions import db  # noqa: E402
from matchmaker.matching.hooks import REFRESH_TASK  # noqa: E402
from matchmaker.models import (  # noqa: E402
    Capability,
    Chain,
    Challenge,
    Match,
    Organization,
    OrgKind,
    OutboxMessage,
    OutboxStatus,
    Role,
    Setting,
    User,
)
from matchmaker.organizations.credit_code import fictional  # noqa: E402

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
DATABASE = "test_background"  # never "test": other suites use it
BROKER_URL = "redis://127.0.0.1:6379/14"
LOCK_KEY = 0x7E57BA
PASSWORD = "load-test-password"
MAX_POSTS, MAX_CLIENTS = 5000, 32
RECOMMENDER = importlib.util.find_spec("matchmaker.matching.tasks") is not None
STAND_IN = "load:"

if not RECOMMENDER:

    @outbox_task(REFRESH_TASK)
    def refresh_post(side: str, post_id: int) -> None:
        """Stand-in for the recommender's task: one Setting row per run, to count runs per post."""
        db.session.add(Setting(key=f"{STAND_IN}{side}:{post_id}:{uuid.uuid4().hex[:8]}", value=time.time()))


@dataclass
class Client:
    email: str
    role: Role
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def main() -> int:
    args = _arguments()
    with _exclusive_use():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    app = _fresh_app()
    chains = _seed_chains(app)
    clients = _seed_clients(app, args.clients)
    worker, log = _start_worker(args.concurrency)
    try:
        started = time.monotonic()
        _publish(app, clients, chains, args.posts)
        published = time.monotonic()
        consistent = _wait_until_consistent(app, timeout=args.timeout)
        settled = time.monotonic()
        ok = _report(app, clients, args, started, published, settled, consistent)
    finally:
        _stop(worker)
        print(f"worker log: {log}")
    return 0 if ok else 1


@contextmanager
def _exclusive_use() -> Iterator[None]:
    """Take turns with test runs for test_background and Redis db 14 (the same advisory lock as
    tests/background/services.py)."""
    engine = sa.create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        while not conn.scalar(sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}):
            print("waiting: another run is using test_background …", flush=True)
            time.sleep(5)
        try:
            yield
        finally:
            conn.scalar(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
    engine.dispose()


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes")
    parser.add_argument("--timeout", type=float, default=900, help="seconds to wait for consistency")
    args = parser.parse_args()
    if not (0 < args.posts <= MAX_POSTS and 0 < args.clients <= MAX_CLIENTS and args.clients % 2 == 0):
        parser.error(f"posts 1..{MAX_POSTS}, clients an even number 2..{MAX_CLIENTS}")
    return args


def _fresh_app() -> Flask:
    admin = sa.create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": DATABASE}):
            conn.exec_driver_sql(f'CREATE DATABASE "{DATABASE}"')
    admin.dispose()
    redis.Redis.from_url(BROKER_URL).flushdb()
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"{PG_SERVER}/{DATABASE}",
            "CELERY": celery_settings(BROKER_URL),
            "SECRET_KEY": "load-test",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    from flask_migrate import upgrade

    with app.app_context():
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        upgrade()
        db.engine.dispose()
    return app


def _seed_chains(app: Flask) -> dict[int, list[str]]:
    """The real chains and their lexicons, so posts overlap the way real ones do."""
    with app.app_context():
        for row in yaml.safe_load((ROOT / "seed_data" / "chains.yaml").read_text()):
            db.session.add(
                Chain(code=row["code"], name=row["name"], keywords=row["keywords"], sort_order=row["sort_order"])
            )
        db.session.commit()
        chains = {c.id: c.keywords for c in db.session.scalars(sa.select(Chain))}
        db.session.remove()
    return chains


def _seed_clients(app: Flask, count: int) -> list[Client]:
    """Half firms, half university teams; each client its own verified organisation and user."""
    clients = []
    with app.app_context():
        for n in range(count):
            role = Role.FIRM if n % 2 == 0 else Role.TEAM
            org = Organization(
                kind=OrgKind.FIRM if role == Role.FIRM else OrgKind.UNIVERSITY,
                name=f"压测单位{n}",
                city="济南市",
                credit_code=fictional(f"load-{n}", "济南市"),
                verified_at=datetime.now(UTC),
            )
            user = User(organization=org, email=f"load{n}@example.cn", name=f"压测用户{n}", role=role)
            user.set_password(PASSWORD)
            db.session.add(user)
            clients.append(Client(user.email, role))
        db.session.commit()
        db.session.remove()
    return clients


def _start_worker(concurrency: int) -> tuple[subprocess.Popen, Path]:
    log = Path(f"/tmp/load_publish_worker_{os.getpid()}.log")
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG_SERVER}/{DATABASE}",
        "CELERY_BROKER_URL": BROKER_URL,
        "SECRET_KEY": "load-test",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "scripts")]),
    }
    command = [sys.executable, "-m", "celery", "-A", "matchmaker.worker", "worker", "--loglevel=INFO"]
    command += [f"--concurrency={concurrency}", "--hostname=load@%h", "--without-gossip", "--without-mingle"]
    if not RECOMMENDER:
        command.append("--include=load_publish")
    with log.open("w") as out:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while " ready." not in log.read_text():
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"worker did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)
    return worker, log


def _publish(app: Flask, clients: list[Client], chains: dict[int, list[str]], posts: int) -> None:
    share = [posts // len(clients) + (1 if n < posts % len(clients) else 0) for n in range(len(clients))]
    threads = [
        threading.Thread(target=_client_run, args=(app, client, chains, count, n))
        for n, (client, count) in enumerate(zip(clients, share, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _client_run(app: Flask, client: Client, chains: dict[int, list[str]], count: int, seed: int) -> None:
    rng = random.Random(seed)
    http = app.test_client()
    if http.post("/login", data={"email": client.email, "password": PASSWORD}).status_code != 302:
        client.errors.append("sign-in failed")
        return
    url = "/challenges/new" if client.role == Role.FIRM else "/capabilities/new"
    for n in range(count):
        chain_id = rng.choice(list(chains))
        form = _challenge_form if client.role == Role.FIRM else _capability_form
        started = time.monotonic()
        response = http.post(url, data=form(rng, chain_id, chains[chain_id], n))
        client.latencies.append(time.monotonic() - started)
        if response.status_code != 302:
            client.errors.append(f"{url} → {response.status_code}")


def _challenge_form(rng: random.Random, chain_id: int, lexicon: list[str], n: int) -> dict[str, str]:
    words = rng.sample(lexicon, 4)
    return {
        "title": f"{words[0]}与{words[1]}关键技术攻关{n}",
        "chain": str(chain_id),
        "chain_extra": "",
        "mode": "matchmaking",
        "problem": f"现有{words[0]}工艺在{words[2]}环节良率偏低，{words[3]}方面依赖进口。",
        "indicators": f"{words[1]}性能提升30%，成本下降20%",
        "goal": f"形成{words[0]}国产化方案",
        "keywords": "、".join(words[:3]),
        "solution_mode": "cooperative",
        "deadline": (date.today() + timedelta(days=120)).isoformat(),
        "contact_name": "王工",
        "contact_phone": "0531-88880000",
        "publish": "1",
    }


def _capability_form(rng: random.Random, chain_id: int, lexicon: list[str], n: int) -> dict[str, object]:
    words = rng.sample(lexicon, 4)
    return {
        "title": f"{words[0]}{words[1]}技术{n}",
        "chain": str(chain_id),
        "chain_extra": "",
        "team_name": "先进技术研究团队",
        "leader": "李教授",
        "description": f"团队长期研究{words[0]}、{words[1]}和{words[2]}，在{words[3]}方面有成熟成果。",
        "trl": "6",
        "cooperation_modes": ["license"],
        "keywords": "、".join(words[:3]),
        "applications": f"{words[3]}相关企业的产品升级",
        "publish": "1",
    }


def _counts(app: Flask) -> dict[str, int]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(OutboxMessage.status, sa.func.count())
            .where(OutboxMessage.task == REFRESH_TASK)
            .group_by(OutboxMessage.status)
        )
        counts = {str(status): n for status, n in rows}
        db.session.remove()
    return counts


def _wait_until_consistent(app: Flask, timeout: float) -> bool:
    """Publishing is over, so every row exists: wait until none is pending or dispatched."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = _counts(app)
        if not counts.get("pending") and not counts.get("dispatched"):
            return True
        time.sleep(0.25)
    return False


def _report(app: Flask, clients, args, started: float, published: float, settled: float, consistent: bool) -> bool:
    latencies = sorted(t for c in clients for t in c.latencies)
    errors = [e for c in clients for e in c.errors]
    with app.app_context():
        posts = {
            ("challenge", i) for i in db.session.scalars(sa.select(Challenge.id).where(Challenge.status == "published"))
        } | {
            ("capability", i)
            for i in db.session.scalars(sa.select(Capability.id).where(Capability.status == "published"))
        }
        rows_per_post: dict[tuple[str, int], list[OutboxStatus]] = {}
        for payload, status in db.session.execute(
            sa.select(OutboxMessage.payload, OutboxMessage.status).where(OutboxMessage.task == REFRESH_TASK)
        ):
            rows_per_post.setdefault((payload["side"], payload["post_id"]), []).append(status)
        missing = [p for p in posts if OutboxStatus.DONE not in rows_per_post.get(p, [])]
        duplicated = [p for p, rows in rows_per_post.items() if len(rows) > 1]
        failed = sum(rows.count(OutboxStatus.FAILED) for rows in rows_per_post.values())
        checks = _recommender_checks(posts) if RECOMMENDER else _stand_in_checks(posts)
        db.session.remove()
    elapsed = published - started
    figures = {
        "posts_requested": args.posts,
        "posts_published": len(posts),
        "clients": args.clients,
        "worker_concurrency": args.concurrency,
        "verified_against": "Match rows" if RECOMMENDER else "stand-in task runs",
        "request_errors": len(errors),
        "publish_seconds": round(elapsed, 2),
        "posts_per_second": round(len(latencies) / elapsed, 1),
        "request_p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "request_p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
        "consistent": consistent,
        "seconds_to_consistency_from_start": round(settled - started, 2),
        "seconds_to_consistency_after_last_post": round(settled - published, 2),
        "outbox_rows_missing_done": len(missing),
        "outbox_rows_duplicated": len(duplicated),
        "outbox_rows_failed": failed,
        **checks,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if errors:
        print("first request errors:", errors[:5])
    problems = [checks.get("problems", 0), len(missing), len(duplicated), failed, len(errors)]
    return consistent and len(posts) == args.posts and not any(problems)


def _recommender_checks(posts: set[tuple[str, int]]) -> dict[str, int]:
    pairs = db.session.execute(sa.select(Match.challenge_id, Match.capability_id)).all()
    matched = {("challenge", c) for c, _ in pairs} | {("capability", k) for _, k in pairs}
    tokens_missing = db.session.scalar(
        sa.select(sa.func.count()).select_from(Challenge).where(Challenge.tokens.is_(None))
    ) + db.session.scalar(sa.select(sa.func.count()).select_from(Capability).where(Capability.tokens.is_(None)))
    return {
        "match_rows": len(pairs),
        "match_pairs_duplicated": len(pairs) - len(set(pairs)),
        "posts_with_matches": len(posts & matched),
        "posts_without_matches": len(posts - matched),
        "posts_never_refreshed": tokens_missing,
        "problems": (len(pairs) - len(set(pairs))) + tokens_missing,
    }


def _stand_in_checks(posts: set[tuple[str, int]]) -> dict[str, int]:
    runs: dict[tuple[str, int], int] = {}
    for key in db.session.scalars(sa.select(Setting.key).where(Setting.key.like(f"{STAND_IN}%"))):
        side, post_id = key.removeprefix(STAND_IN).split(":")[:2]
        runs[(side, int(post_id))] = runs.get((side, int(post_id)), 0) + 1
    never = [p for p in posts if p not in runs]
    return {
        "task_runs": sum(runs.values()),
        "posts_never_run": len(never),
        "posts_run_more_than_once": sum(1 for n in runs.values() if n > 1),
        "problems": len(never),
    }


def _stop(worker: subprocess.Popen) -> None:
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


if __name__ == "__main__":
    raise SystemExit(main())
