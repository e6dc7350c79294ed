#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Scale-out benchmark: two kaiwa-server daemons + Redis against two Daphne processes +
channels_redis (the tutorial peer with CHANNEL_LAYER=redis), same load tool, one run.

Every room spans both daemons: kaiwa-load gets both daemons' URLs and sends every other
connection to the second, so each message crosses Redis. A fresh redis-server (free port, no
persistence) is started for each run. Servers and Redis are pinned to CPU 0, kaiwa-load to
CPU 1 (as in run-bench.py). Kaiwa's daemons (every default option but --port 0 --rate-limit 0)
share history in one SQLite file (default) or in PostgreSQL (--postgres URL, or --postgres auto:
a throw-away cluster, initdb in a temp dir, a fresh database per run); the id authority is that
shared database. CPU figures: both daemons (--server-pid twice) and Redis (--aux-pid; with
--postgres auto, PostgreSQL's processes too), each over the measured window.

Workloads
  D   echo,  1 room x 100 clients, 4 senders          (Daphne's size: it manages ~2k deliveries/s)
  K   echo,  1 room x 1000 clients, 4 senders         (run-bench.py's W1; kaiwa only)
  W2  paced, 100 rooms x 10 clients, 2 senders/room x 20 msg/s = 40,000 deliveries/s offered
             (run-bench.py's W2), the same load on both; Daphne falls far behind: 20 s drain
  P   paced, 10 rooms x 10 clients, 2 senders/room x 2 msg/s = 400 deliveries/s offered
             (run-bench.py's Daphne W2): latency of both at a load Daphne can carry
Echo mode: a sender sends its next message when its own came back. Paced: fixed rate per sender.

  bench/run-redis-bench.py                 # all workloads, 3 rounds, medians
  bench/run-redis-bench.py --quick         # 1 round, short runs
  bench/run-redis-bench.py --workloads W2 --systems kaiwa,daphne --rounds 1
  bench/run-redis-bench.py --workloads K,W2 --systems kaiwa --postgres auto
"""
import argparse
import os
import shutil
import sys
import tempfile
import time

import benchlib as bl

DAPHNE_PEER_DIR = os.path.join(bl.ROOT, "tests", "peers", "django-tutorial")

# name -> (description, systems, kaiwa-load arguments)
WORKLOADS = {
    "D": ("echo, 1 room x 100 clients, 4 senders", ("kaiwa", "daphne"),
          "--rooms 1 --clients-per-room 100 --senders-per-room 4 --mode echo --duration 5 --warmup 1 --drain 15 --echo-timeout 5"),
    "K": ("echo, 1 room x 1000 clients, 4 senders (kaiwa only)", ("kaiwa",),
          "--rooms 1 --clients-per-room 1000 --senders-per-room 4 --mode echo --duration 10 --warmup 2 --drain 5"),
    "W2": ("paced, 100 rooms x 10 clients, 2 senders/room x 20 msg/s (40,000 deliveries/s offered)", ("kaiwa", "daphne"),
           "--rooms 100 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 20 --duration 10 --warmup 2 --drain 20"),
    "P": ("paced, 10 rooms x 10 clients, 2 senders/room x 2 msg/s (400 deliveries/s offered)", ("kaiwa", "daphne"),
          "--rooms 10 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 2 --duration 5 --warmup 1 --drain 15"),
}
QUICK = {
    "D": "--rooms 1 --clients-per-room 100 --senders-per-room 4 --mode echo --duration 2 --warmup 0.5 --drain 8 --echo-timeout 5",
    "K": "--rooms 1 --clients-per-room 1000 --senders-per-room 4 --mode echo --duration 3 --warmup 0.5 --drain 5",
    "W2": "--rooms 100 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 20 --duration 2 --warmup 0.5 --drain 10",
    "P": "--rooms 10 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 2 --duration 2 --warmup 0.5 --drain 8",
}
SYSTEMS = ("kaiwa", "daphne")
COLUMN = {"kaiwa": "kaiwa x2 + redis", "daphne": "daphne x2 + channels_redis"}

# rows: (key, label, format, ratio kaiwa/daphne?)
ROWS = [
    ("offered_per_s", "offered deliveries/s", "{:,.0f}", False),
    ("deliveries_per_s", "delivered deliveries/s (+)", "{:,.0f}", True),
    ("delivered", "delivered, all (incl. warm-up, drain)", "{:,.0f}", False),
    ("lost", "lost (-)", "{:,.0f}", False),
    ("lost_pct", "lost % (-)", "{:.2f}", False),
    ("p50_ms", "latency p50 ms (-)", "{:.2f}", False),
    ("p99_ms", "latency p99 ms (-)", "{:.2f}", False),
    ("daemons_cpu_pct", "daemons CPU %", "{:.1f}", False),
    ("redis_cpu_pct", "redis CPU % (+ PostgreSQL with --postgres auto)", "{:.1f}", False),
    ("server_cpu_pct", "server CPU % (daemons + redis)", "{:.1f}", False),
    ("dels_per_cpu_s", "deliveries per server CPU-s (+)", "{:,.0f}", True),
    ("wall_s", "run seconds (connect to drain)", "{:.1f}", False),
]


def daphne_command(port):
    """Debian's Daphne serving the tutorial's project (run from its folder) on 127.0.0.1:port."""
    return ["/usr/bin/python3", "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "mysite.asgi:application"]


def start_pair(system, a, redis, database, servers):
    """Starts both daemons, appending each to servers as soon as it runs (so a failure of the
    second still stops the first)."""
    for i in range(2):
        if system == "kaiwa":
            s = bl.kaiwa_with_database(f"kaiwa{i}", a.kaiwa_bin, database, ["--redis", redis.url])
        else:
            port = bl.free_port()
            s = bl.Server(f"daphne{i}", daphne_command(port), cwd=a.daphne_dir, port=port, ready_timeout=60,
                          env={"CHANNEL_LAYER": "redis", "REDIS_URL": f"redis://127.0.0.1:{redis.port}"})
        servers.append(s)
        s.start()


def derive(r, args):
    """Adds offered load, loss % and CPU shares to a kaiwa-load result."""
    argv = args.split()

    def val(flag, default=None):
        return argv[argv.index(flag) + 1] if flag in argv else default
    w = r.get("window_s") or 0
    if val("--mode") == "paced":
        r["offered_per_s"] = r.get("msgs_per_s", 0) * r.get("clients_per_room", 0)  # what the load tool really sent
    if r.get("expected"):
        r["lost_pct"] = 100.0 * r.get("lost", 0) / r["expected"]
    daemons, redis = r.get("server_cpu_s", -1), r.get("aux_cpu_s", -1)
    if w > 0 and daemons >= 0:
        r["daemons_cpu_pct"] = 100.0 * daemons / w
        if redis >= 0:
            r["redis_cpu_pct"] = 100.0 * redis / w
            total = daemons + redis
            r["server_cpu_pct"] = 100.0 * total / w
            if total > 0:
                r["dels_per_cpu_s"] = r.get("deliveries_per_s", 0) * w / total
    return r


def run(a, system, args, label):
    tmp = tempfile.mkdtemp(prefix="kaiwa-redis-bench-")
    redis = None
    servers = []
    pg_database = None
    t0 = time.monotonic()
    try:
        redis = bl.RedisServer()
        if a.pg_cluster:
            pg_database, database = a.pg_cluster.new_database()
        else:
            database = a.postgres or os.path.join(tmp, "history.sqlite")
        start_pair(system, a, redis, database, servers)
        aux = [redis.pid] + (a.pg_cluster.pids() if a.pg_cluster and system == "kaiwa" else [])
        r = bl.run_load(a.load_bin, [s.port for s in servers], [s.pid for s in servers], args, label, aux_pids=aux)
        if "error" in r:
            return r
        for s in servers:  # a daemon that died under load is a failure even if the numbers look fine
            if not s.alive():
                r["daemon_exited"] = f"{s.name} exited with {s.proc.returncode}"
        r["wall_s"] = time.monotonic() - t0
        return derive(r, args)
    except Exception as e:  # noqa: BLE001 - reported in the table
        return {"error": str(e)}
    finally:
        for s in servers:
            try:
                s.stop()
            except Exception as e:  # noqa: BLE001
                bl.log(f"  {label}: could not stop {s.name}: {e}")
        if redis:
            try:
                redis.stop()
            except Exception as e:  # noqa: BLE001
                bl.log(f"  {label}: could not stop redis-server: {e}")
        if pg_database:
            a.pg_cluster.drop_database(pg_database)
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--workloads", default="D,K,W2,P", help="comma list of " + ",".join(WORKLOADS))
    ap.add_argument("--systems", default="kaiwa,daphne", help="comma list of kaiwa,daphne")
    ap.add_argument("--kaiwa-bin", default=None)
    ap.add_argument("--load-bin", default=None)
    ap.add_argument("--postgres", default=None,
                    help="postgresql://USER@HOST:PORT/DB for kaiwa's shared history, or auto: a throw-away cluster "
                         "(fsync off) with a fresh database per run")
    ap.add_argument("--daphne-dir", default=DAPHNE_PEER_DIR,
                    help="the tutorial's project for Daphne (default tests/peers/django-tutorial)")
    ap.add_argument("--json-out", default=None, help="write every run's JSON here")
    ap.add_argument("--verbose", action="store_true", help="show the load tool's summary of every run")
    a = ap.parse_args()
    bl.stop_cleanly_on_signals()
    a.kaiwa_bin = bl.find_bin("kaiwa-server", a.kaiwa_bin)
    a.load_bin = bl.find_bin("kaiwa-load", a.load_bin)
    if not a.kaiwa_bin or not a.load_bin or not shutil.which("redis-server"):
        bl.log("run-redis-bench: needs kaiwa-server, kaiwa-load (cmake --build build --target kaiwa-server kaiwa-load) "
               "and redis-server")
        return 2
    workloads = [w.strip().upper() for w in a.workloads.split(",") if w.strip()]
    systems = [s.strip() for s in a.systems.split(",") if s.strip()]
    for w in workloads:
        if w not in WORKLOADS:
            bl.log(f"run-redis-bench: unknown workload {w}; known: {','.join(WORKLOADS)}")
            return 2
    for s in systems:
        if s not in SYSTEMS:
            bl.log(f"run-redis-bench: unknown system {s}; known: {','.join(SYSTEMS)}")
            return 2
    if "daphne" in systems and not os.path.isfile(os.path.join(a.daphne_dir, "manage.py")):
        bl.log("run-redis-bench: daphne peer not found; kaiwa only")
        systems.remove("daphne")
    table = {w: QUICK[w] for w in WORKLOADS} if a.quick else {w: WORKLOADS[w][2] for w in WORKLOADS}
    rounds = a.rounds or (1 if a.quick else 3)
    plan = [(s, w) for w in workloads for s in SYSTEMS if s in systems and s in WORKLOADS[w][1]]
    if not plan:
        bl.log("run-redis-bench: nothing to run")
        return 2
    a.pg_cluster = None
    if a.postgres == "auto":
        try:
            a.pg_cluster = bl.PostgresCluster()
        except RuntimeError as e:
            bl.log(f"run-redis-bench: {e}")
            return 2
        a.postgres = None
    try:
        return bench(a, workloads, systems, table, rounds, plan)
    finally:
        if a.pg_cluster:
            a.pg_cluster.stop()


def bench(a, workloads, systems, table, rounds, plan):
    history = "PostgreSQL (throw-away cluster)" if a.pg_cluster else "PostgreSQL" if a.postgres else "shared SQLite file"
    bl.log(f"run-redis-bench: {len(plan)} run(s) x {rounds} round(s){' (quick)' if a.quick else ''}; "
           f"kaiwa {a.kaiwa_bin}, history {history}")
    results = {}
    all_runs = []
    t_start = time.monotonic()
    for rnd in range(rounds):
        for system, wl in (plan if rnd % 2 == 0 else list(reversed(plan))):
            label = f"{system}/{wl}/r{rnd + 1}"
            r = run(a, system, table[wl], label)
            r.update({"system": system, "workload": wl, "round": rnd + 1, "args": table[wl]})
            results.setdefault((system, wl), []).append(r)
            all_runs.append(r)
            if "error" in r:
                bl.log(f"  {label}: ERROR {r['error']}")
                continue
            bad = bl.bad_counts(r)
            extra = ""
            if "offered_per_s" in r:
                extra += f" of {r['offered_per_s']:,.0f} offered"
            if r.get("lost"):
                extra += f", lost {r['lost']:,} ({r.get('lost_pct', 0):.1f}%)"
            if "server_cpu_pct" in r:
                extra += f", CPU {r['daemons_cpu_pct']:.0f}% + redis {r['redis_cpu_pct']:.0f}%"
            bl.log(f"  {label}: {r['deliveries_per_s']:,.0f} del/s{extra}, p50 {r['p50_ms']:.2f} ms p99 {r['p99_ms']:.2f} ms,"
                   f" {r['wall_s']:.0f} s" + (f" PROBLEMS {bad}" if bad else ""))
            if a.verbose:
                bl.log(r.get("stderr", ""))
    elapsed = time.monotonic() - t_start

    def med(system, wl, key):
        return bl.median([r.get(key) for r in results.get((system, wl), []) if "error" not in r])

    print()
    print(f"Scale-out bench: 2 daemons + Redis each, every room spread over both; {rounds} round(s), medians; "
          f"daemons and Redis on CPU 0, kaiwa-load on CPU 1; kaiwa's history: {history}; {elapsed:.0f} s")
    for wl in workloads:
        print(f"  {wl}: {WORKLOADS[wl][0]}")
        print(f"      {table[wl]}")
    cols = [s for s in SYSTEMS if s in systems]
    header = ["workload", "metric"] + [COLUMN[s] for s in cols] + (["kaiwa/daphne"] if len(cols) == 2 else [])
    rows = []
    for wl in workloads:
        if rows:
            rows.append(None)
        wl_systems = WORKLOADS[wl][1]
        for key, label, f, with_ratio in ROWS:
            vals = {s: med(s, wl, key) if s in wl_systems else None for s in cols}
            if all(v is None for v in vals.values()):
                continue
            row = [wl, label] + [("-" if s not in wl_systems else "n/a" if vals[s] is None else f.format(vals[s]))
                                 for s in cols]
            if len(cols) == 2:
                row.append(bl.ratio(vals["kaiwa"], vals["daphne"]) if with_ratio else "")
            rows.append(row)
        rows.append([wl, "problems (sum over rounds)"] + [bl.problems_cell(results.get((s, wl), [])) for s in cols]
                    + ([""] if len(cols) == 2 else []))
    bl.print_table(header, rows)
    print("(+) higher is better, (-) lower is better. delivered deliveries/s: frames received in the measured window /"
          " window; lost: expected deliveries not received by the end of the drain; CPU % is of one core (all on CPU 0).")
    if len(cols) == 2:
        for wl in workloads:
            kd, dd = med("kaiwa", wl, "deliveries_per_s"), med("daphne", wl, "deliveries_per_s")
            if kd and dd:
                print(f"kaiwa / daphne delivered deliveries/s on {wl}: {kd / dd:.1f}x")
    if a.json_out:
        bl.write_json(a.json_out, all_runs)
    kaiwa_runs = [r for (s, _), rs in results.items() if s == "kaiwa" for r in rs]
    failed = [r for r in kaiwa_runs if bl.bad_counts(r)]
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
