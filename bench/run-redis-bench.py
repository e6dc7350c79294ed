#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Scale-out benchmark: two kaiwa-server daemons + Redis against two Daphne processes +
channels_redis (the tutorial peer with CHANNEL_LAYER=redis), same load tool, one run.

Every room spans both daemons: kaiwa-load --url2 sends every other connection to the second
daemon, so each message crosses Redis. A fresh redis-server (free port, no persistence) is
started for each run. Servers and Redis are pinned to CPU 0, kaiwa-load to CPU 1 (as in
run-bench.py). Kaiwa's daemons share history in one SQLite file (default) or in PostgreSQL
(--postgres URL); the id authority is that shared database.

Workloads (echo mode: a sender sends its next message when its own came back)
  D   1 room x 100 clients, 4 senders   (Daphne's size: it manages ~2k deliveries/s)
  K   1 room x 1000 clients, 4 senders  (run-bench.py's W1; kaiwa only)

  bench/run-redis-bench.py                 # both workloads, 3 rounds, medians
  bench/run-redis-bench.py --quick         # 1 round, short runs
"""
import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("run_bench", os.path.join(HERE, "run-bench.py"))
rb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rb)

WORKLOADS = {
    "D": "--rooms 1 --clients-per-room 100 --senders-per-room 4 --mode echo --duration 5 --warmup 1 --drain 15 --echo-timeout 5",
    "K": "--rooms 1 --clients-per-room 1000 --senders-per-room 4 --mode echo --duration 10 --warmup 2 --drain 5",
}
QUICK = {
    "D": "--rooms 1 --clients-per-room 100 --senders-per-room 4 --mode echo --duration 2 --warmup 0.5 --drain 8 --echo-timeout 5",
    "K": "--rooms 1 --clients-per-room 1000 --senders-per-room 4 --mode echo --duration 3 --warmup 0.5 --drain 5",
}
BAD = ("lost", "duplicated", "out_of_order", "misrouted", "bogus", "connect_failures", "closed_by_server")


def start_redis():
    port = rb.free_port()
    proc = subprocess.Popen(["taskset", "-c", "0", "redis-server", "--port", str(port), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not rb.port_open(port):
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError("redis-server did not start")
        time.sleep(0.05)
    return proc, port


def start_pair(system, a, redis_port, tmp):
    servers = []
    for i in range(2):
        if system == "kaiwa":
            database = a.postgres or os.path.join(tmp, "history.sqlite")
            s = rb.Server(f"kaiwa{i}", [a.kaiwa_bin, "--port", "0", "--rate-limit", "0", "--history", "0",
                                        "--database", database, "--redis", f"redis://127.0.0.1:{redis_port}/0",
                                        "--max-connections", "50000"],
                          line_re=r"listening on https?://[^\s:]+:(\d+)/")
        else:
            os.environ["CHANNEL_LAYER"] = "redis"
            os.environ["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}"
            port = rb.free_port()
            s = rb.Server(f"daphne{i}", ["/usr/bin/python3", "-m", "daphne", "-b", "127.0.0.1", "-p", str(port),
                                         "config.asgi:application"], cwd=a.daphne_dir, port=port, ready_timeout=60)
        servers.append(s.start())
    return servers


def run(a, system, workload, args, label):
    tmp = tempfile.mkdtemp(prefix="kaiwa-redis-bench-")
    redis, redis_port = start_redis()
    servers = []
    try:
        servers = start_pair(system, a, redis_port, tmp)
        cmd = ["taskset", "-c", "1", a.load_bin, "--url", f"ws://127.0.0.1:{servers[0].port}",
               "--url2", f"ws://127.0.0.1:{servers[1].port}", "--server-pid", str(servers[0].pid),
               "--server-pid2", str(servers[1].pid), "--label", label, "--quiet"] + args.split()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
        lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
        if p.returncode != 0 or not lines:
            return {"error": f"load tool exit {p.returncode}: {p.stderr.strip()[-300:]}"}
        return rb.json.loads(lines[-1])
    except Exception as e:  # noqa: BLE001 - reported in the table
        return {"error": str(e)}
    finally:
        for s in servers:
            s.stop()
        redis.terminate()
        redis.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--kaiwa-bin", default=None)
    ap.add_argument("--load-bin", default=None)
    ap.add_argument("--postgres", default=None, help="postgresql://USER@HOST:PORT/DB for kaiwa's shared history")
    ap.add_argument("--daphne-dir", default=os.environ.get("KAIWA_DAPHNE_PEER", "/work/shared/peers/django-channels-chat"))
    a = ap.parse_args()
    dirs = ["build/bin", "build-bench/bin", "build-release/bin", "build-redis/bin", "build-debug/bin"]
    a.kaiwa_bin = rb.find_bin("kaiwa-server", a.kaiwa_bin, dirs)
    a.load_bin = rb.find_bin("kaiwa-load", a.load_bin, dirs)
    if not a.kaiwa_bin or not a.load_bin or not shutil.which("redis-server"):
        rb.log("run-redis-bench: needs kaiwa-server, kaiwa-load (cmake --build build --target kaiwa-server kaiwa-load) "
               "and redis-server")
        return 2
    have_daphne = os.path.isfile(os.path.join(a.daphne_dir, "manage.py"))
    if not have_daphne:
        rb.log("run-redis-bench: daphne peer not found; kaiwa only")
    table = QUICK if a.quick else WORKLOADS
    rounds = a.rounds or (1 if a.quick else 3)
    plan = [("kaiwa", "D"), ("kaiwa", "K")] + ([("daphne", "D")] if have_daphne else [])
    results = {}
    for rnd in range(rounds):
        for system, wl in (plan if rnd % 2 == 0 else list(reversed(plan))):
            label = f"{system}/{wl}/r{rnd + 1}"
            r = run(a, system, wl, table[wl], label)
            results.setdefault((system, wl), []).append(r)
            if "error" in r:
                rb.log(f"  {label}: ERROR {r['error']}")
            else:
                bad = {k: r[k] for k in BAD if r.get(k)}
                rb.log(f"  {label}: {r['deliveries_per_s']:,.0f} del/s p50 {r['p50_ms']:.2f} ms p99 {r['p99_ms']:.2f} ms"
                       + (f" PROBLEMS {bad}" if bad else ""))

    def med(system, wl, key):
        vals = [r[key] for r in results.get((system, wl), []) if "error" not in r and key in r]
        return rb.statistics.median(vals) if vals else None

    print()
    print(f"Scale-out bench: 2 daemons + Redis each, every room spread over both; {rounds} round(s), medians")
    print("  D: " + table["D"])
    print("  K: " + table["K"])
    cols = [("kaiwa", "D"), ("daphne", "D"), ("kaiwa", "K")]
    print(f"| {'':28} | {'kaiwa x2 + redis, D':>20} | {'daphne x2 + channels_redis, D':>30} | {'kaiwa x2 + redis, K':>20} |")
    print(f"|{'-' * 30}|{'-' * 22}|{'-' * 32}|{'-' * 22}|")
    for key, label, f in [("deliveries_per_s", "deliveries/s", "{:,.0f}"), ("p50_ms", "latency p50 ms", "{:.2f}"),
                          ("p99_ms", "latency p99 ms", "{:.2f}"), ("lost", "lost", "{:.0f}"),
                          ("duplicated", "duplicated", "{:.0f}"), ("out_of_order", "out of order", "{:.0f}")]:
        cells = []
        for system, wl in cols:
            v = med(system, wl, key)
            cells.append("n/a" if v is None else f.format(v))
        print(f"| {label:28} | {cells[0]:>20} | {cells[1]:>30} | {cells[2]:>20} |")
    kd, dd = med("kaiwa", "D", "deliveries_per_s"), med("daphne", "D", "deliveries_per_s")
    if kd and dd:
        print(f"\nkaiwa / daphne deliveries per second on D: {kd / dd:.1f}x")
    losses = sum(r.get("lost", 0) + r.get("duplicated", 0) for (s, _), rs in results.items() if s == "kaiwa" for r in rs
                 if "error" not in r)
    return 0 if losses == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
