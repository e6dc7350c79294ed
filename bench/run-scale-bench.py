#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Scale on one box: 100,000 concurrent WebSocket connections over several kaiwa-server daemons
that share one Redis and one database, W2-like traffic spread over all of them, several load
processes started together; then lost (must be 0), latency percentiles over every receiver,
memory per connection and CPU.

Why several of everything: a process may hold at most `ulimit -Hn` files (20,000 here), so
100,000 connections need at least six daemons and six load processes (the defaults: enough of
each for at most 16,000 connections apiece, and never fewer than six daemons). Each load process
connects from its own loopback address (127.0.0.2, 127.0.0.3, ...): with the daemons' ports that
gives every (source address, daemon port) pair its own ephemeral port range (32768-60999 here).

Layout:
  - one redis-server; the history in one SQLite file shared by every daemon (the daemons on one
    machine may share a file: docs/scale-out.md), or with --database postgres in one database
    of a throw-away PostgreSQL cluster (initdb in a temp dir, fsync off);
  - D daemons: kaiwa-server --port 0 --rate-limit 0 --redis URL --database DB
    --max-connections (its share + 10%), every other option at its default;
  - L load processes (kaiwa-load --wait-go): rooms of --room-size members, --senders-per-room
    senders each, paced; the members of each room take the daemons in turn, so every room spans
    several daemons and every message crosses Redis. The senders' rate is set so that the offered
    load is --deliveries-per-s in total (W2's 40,000 by default: 4,000 messages/s into the one
    database). Every load process connects, says ready, and all start sending at the same moment.
Nothing is pinned by default: several daemons are the way to use every core (--pin puts the
daemons, Redis and PostgreSQL on CPU 0 and the load processes on CPU 1, as the other benches do).
After connecting, the daemons' CPU is measured for --idle-seconds (what holding the connections
costs: keepalive pings, presence renewals), then everyone sends.

  bench/run-scale-bench.py                          # 100,000 connections, 7 daemons, 7 load processes
  bench/run-scale-bench.py --quick                  # 12,000 connections over 6 daemons, short
  bench/run-scale-bench.py --connections 50000 --database postgres --duration 30
Exit status 1 when anything was lost, duplicated, reordered, refused or a daemon died.
"""
import argparse
import json
import math
import os
import resource
import select
import shutil
import subprocess
import sys
import tempfile
import time

import benchlib as bl

PER_DAEMON_MAX = 16000  # connections one daemon gets at most by default (file limit 20,000 here)
PER_LOAD_MAX = 16000    # the same for one load process
MIN_DAEMONS = 6


def plan(a):
    """Rooms, daemons and load processes for a.connections; exits with a message if impossible."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    hard = hard if hard != resource.RLIM_INFINITY else 1 << 20
    rooms = a.connections // a.room_size
    if rooms < 1:
        sys.exit("run-scale-bench: fewer connections than one room")
    connections = rooms * a.room_size
    daemons = a.daemons or max(MIN_DAEMONS, math.ceil(connections / PER_DAEMON_MAX))
    loads = a.load_procs or max(2, math.ceil(connections / PER_LOAD_MAX))
    per_daemon = math.ceil(connections / daemons)
    per_load = math.ceil(rooms / loads) * a.room_size
    # Each process needs a few hundred descriptors beside its connections (database, Redis, logs, epoll).
    if per_daemon + 500 > hard or per_load + 100 > hard:
        sys.exit(f"run-scale-bench: {per_daemon} connections per daemon / {per_load} per load process exceed the file"
                 f" limit {hard} (ulimit -Hn): use more --daemons / --load-procs")
    if loads > 250:
        sys.exit("run-scale-bench: at most 250 load processes (one loopback address each)")
    return connections, rooms, daemons, loads, per_daemon


def start_daemons(a, count, per_daemon, redis, database, logdir, daemons):
    extra = ["--redis", redis.url, "--max-connections", str(int(per_daemon * 1.1) + 10)]
    for i in range(count):
        s = bl.kaiwa_with_database(f"kaiwa{i}", a.kaiwa_bin, database, extra, cpus=a.server_cpus,
                                   stderr_path=os.path.join(logdir, f"kaiwa{i}.log"), ready_timeout=60)
        daemons.append(s)
        s.start()


def start_loads(a, count, rooms, daemons, aux_pids, rate, warmup, logdir):
    """Starts the load processes (waiting for go after connecting); load process 0 measures the CPU
    of every daemon and of Redis (and PostgreSQL) over its window."""
    procs = []
    base_rooms, extra_rooms = divmod(rooms, count)
    for j in range(count):
        my_rooms = base_rooms + (1 if j < extra_rooms else 0)
        cmd = [a.load_bin, "--quiet", "--wait-go", "--hist", "--label", f"scale/load{j}",
               "--source", f"127.0.0.{j + 2}", "--rooms", str(my_rooms), "--clients-per-room", str(a.room_size),
               "--senders-per-room", str(a.senders_per_room), "--mode", "paced", "--rate", f"{rate:.6f}",
               "--duration", str(a.duration), "--warmup", f"{warmup:.3f}", "--drain", str(a.drain),
               "--settle", "1", "--connect-timeout", str(a.connect_timeout),
               "--connect-concurrency", str(a.connect_concurrency)]
        for d in daemons:
            cmd += ["--url", f"ws://127.0.0.1:{d.port}"]
        if j == 0:
            for d in daemons:
                cmd += ["--server-pid", str(d.pid)]
            for pid in aux_pids:
                cmd += ["--aux-pid", str(pid)]
        err = open(os.path.join(logdir, f"load{j}.log"), "wb")
        p = subprocess.Popen(bl.pinned(cmd, a.load_cpus), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                             preexec_fn=bl.raise_nofile)
        err.close()
        procs.append(p)
    return procs


def wait_ready(procs, timeout):
    """Waits for every load process's "ready" line; returns (connected, failed) summed, or raises."""
    pending = {p.stdout.fileno(): p for p in procs}
    buffers = {fd: b"" for fd in pending}
    connected = failed = 0
    deadline = time.monotonic() + timeout
    last_note = time.monotonic()
    while pending:
        left = deadline - time.monotonic()
        if left <= 0:
            raise RuntimeError(f"{len(pending)} load process(es) not connected within {timeout:.0f}s")
        r, _, _ = select.select(list(pending), [], [], min(left, 5))
        for fd in r:
            chunk = os.read(fd, 4096)
            if not chunk:
                p = pending.pop(fd)
                raise RuntimeError(f"a load process exited (status {p.wait()}) before it was connected")
            buffers[fd] += chunk
            if b"\n" in buffers[fd]:
                line = buffers[fd].split(b"\n", 1)[0].decode()
                parts = line.split()  # "ready N connected M failed"
                connected += int(parts[1])
                failed += int(parts[3])
                pending.pop(fd)
        if time.monotonic() - last_note > 10:
            bl.log(f"  run-scale-bench: {len(procs) - len(pending)}/{len(procs)} load processes connected")
            last_note = time.monotonic()
    return connected, failed


def collect(procs, budget):
    results = []
    deadline = time.monotonic() + budget
    for p in procs:
        try:
            out, _ = p.communicate(timeout=max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            out, _ = p.communicate()
            results.append({"error": "load process timed out"})
            continue
        lines = [ln for ln in out.decode().splitlines() if ln.startswith("{")]
        if p.returncode != 0 or not lines:
            results.append({"error": f"load process exit {p.returncode}"})
            continue
        results.append(json.loads(lines[-1]))
    return results


def run(a):
    connections, rooms, ndaemons, nloads, per_daemon = plan(a)
    senders = rooms * a.senders_per_room
    messages_per_s = a.deliveries_per_s / a.room_size
    rate = messages_per_s / senders
    warmup = max(a.warmup, 1.0 / rate)  # the senders start staggered over one period
    bl.log(f"run-scale-bench: {connections:,} connections = {rooms:,} rooms x {a.room_size}, {ndaemons} daemons"
           f" (~{per_daemon:,} each), {nloads} load processes, {a.senders_per_room} senders/room at {rate:.4f} msg/s"
           f" = {messages_per_s:,.0f} messages/s, {a.deliveries_per_s:,.0f} deliveries/s offered; history: {a.database}")
    work = tempfile.mkdtemp(prefix="kaiwa-scale-bench-")
    logdir = os.path.join(work, "logs")
    os.makedirs(logdir)
    redis = cluster = None
    daemons, procs = [], []
    r = {"connections": connections, "rooms": rooms, "daemons": ndaemons, "load_processes": nloads, "rate": rate,
         "offered_deliveries_per_s": a.deliveries_per_s, "database": a.database}
    ok = False
    try:
        redis = bl.RedisServer(cpus=a.server_cpus)
        if a.database == "postgres":
            cluster = bl.PostgresCluster(cpus=a.server_cpus)
            _, database = cluster.new_database()
        else:
            database = os.path.join(work, "history.sqlite")
        t0 = time.monotonic()
        start_daemons(a, ndaemons, per_daemon, redis, database, logdir, daemons)
        bl.log(f"  {ndaemons} daemons listening after {time.monotonic() - t0:.1f} s")
        rss0 = sum(bl.read_rss_kib(d.pid) for d in daemons)
        redis_rss0 = bl.read_rss_kib(redis.pid)
        aux = [redis.pid] + (cluster.pids() if cluster else [])
        t_connect = time.monotonic()
        procs = start_loads(a, nloads, rooms, daemons, aux, rate, warmup, logdir)
        connected, failed = wait_ready(procs, a.connect_timeout + 60)
        r["connect_wall_s"] = time.monotonic() - t_connect
        r["connected"], r["connect_failures_at_ready"] = connected, failed
        rss1 = sum(bl.read_rss_kib(d.pid) for d in daemons)
        r["daemons_rss_mib"] = rss1 / 1024
        r["daemons_rss_kib_per_conn"] = (rss1 - rss0) / connected if connected else None
        r["redis_rss_mib"] = bl.read_rss_kib(redis.pid) / 1024
        r["redis_rss_kib_per_conn"] = (bl.read_rss_kib(redis.pid) - redis_rss0) / connected if connected else None
        bl.log(f"  {connected:,} connected, {failed} failed, in {r['connect_wall_s']:.1f} s; daemons' RSS"
               f" {r['daemons_rss_mib']:,.0f} MiB; {a.idle_seconds:g} s idle, then sending for {warmup:.1f} + {a.duration} s")
        # What holding the connections costs, before any message: keepalive pings, presence renewals.
        cpu0 = [bl.read_cpu_s(pid) for pid in [d.pid for d in daemons] + aux]
        time.sleep(a.idle_seconds)
        cpu1 = [bl.read_cpu_s(pid) for pid in [d.pid for d in daemons] + aux]
        if a.idle_seconds > 0 and min(cpu0 + cpu1) >= 0:
            r["idle_daemons_cpu_pct"] = 100 * sum(cpu1[:ndaemons]) - 100 * sum(cpu0[:ndaemons])
            r["idle_daemons_cpu_pct"] /= a.idle_seconds
            r["idle_aux_cpu_pct"] = 100 * (sum(cpu1[ndaemons:]) - sum(cpu0[ndaemons:])) / a.idle_seconds
        for p in procs:  # go, all at once
            p.stdin.write(b"g")
            p.stdin.close()
            p.stdin = None  # communicate() must not flush it again
        loads = collect(procs, warmup + a.duration + a.drain + 120)
        r["loads"] = loads
        errors = [x["error"] for x in loads if "error" in x]
        if errors:
            r["error"] = "; ".join(errors)
            return r
        for key in ("sent", "expected", "delivered", "lost", "duplicated", "out_of_order", "misrouted", "bogus",
                    "connect_failures", "closed_by_server", "deliveries_per_s", "msgs_per_s", "load_cpu_s"):
            r[key] = sum(x.get(key, 0) for x in loads)
        r["connect_seconds"] = max(x["connect_seconds"] for x in loads)
        r["window_s"] = loads[0]["window_s"]
        r["max_ms"] = max(x["max_ms"] for x in loads)
        pct = bl.merge_percentiles(loads)
        r["p50_ms"], r["p90_ms"], r["p99_ms"] = pct[0.5], pct[0.9], pct[0.99]
        w = r["window_s"]
        if w > 0 and loads[0].get("server_cpu_s", -1) >= 0:
            r["daemons_cpu_pct"] = 100 * loads[0]["server_cpu_s"] / w
        if w > 0 and loads[0].get("aux_cpu_s", -1) >= 0:
            r["redis_cpu_pct"] = 100 * loads[0]["aux_cpu_s"] / w
        r["load_cpu_pct"] = 100 * r["load_cpu_s"] / w if w > 0 else None
        dead = [d.name for d in daemons if not d.alive()]
        if dead:
            r["daemon_exited"] = ",".join(dead)
        ok = not bl.bad_counts(r)
        return r
    except Exception as e:  # noqa: BLE001 - reported
        r["error"] = str(e)
        return r
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        for d in daemons:
            d.stop()
        if redis:
            redis.stop()
        if cluster:
            cluster.stop()
        if ok and not a.keep_logs:
            shutil.rmtree(work, ignore_errors=True)
        else:  # the daemons' and load processes' stderr, to see what went wrong
            for name in os.listdir(work):
                if name != "logs":
                    path = os.path.join(work, name)
                    shutil.rmtree(path, ignore_errors=True) if os.path.isdir(path) else os.remove(path)
            r["logs"] = logdir
            bl.log(f"run-scale-bench: logs kept in {logdir}")


def report(r, a):
    def f(key, spec):
        return bl.fmt(r.get(key), spec)
    column = f"kaiwa x{r['daemons']} + redis"
    rows = [
        ["connections", "requested", f"{r['connections']:,}"],
        ["", "connected (+)", f("connected", "{:,}")],
        ["", "connect failures (-)", f("connect_failures", "{:,}")],
        ["", "connect seconds, slowest load process (-)", f("connect_seconds", "{:.1f}")],
        ["", "daemons' RSS MiB, all", f("daemons_rss_mib", "{:,.0f}")],
        ["", "daemons' RSS KiB/connection (-)", f("daemons_rss_kib_per_conn", "{:.2f}")],
        ["", "redis RSS KiB/connection (-)", f("redis_rss_kib_per_conn", "{:.2f}")],
        None,
        ["traffic", "offered deliveries/s", f("offered_deliveries_per_s", "{:,.0f}")],
        ["", "messages sent/s in the window", f("msgs_per_s", "{:,.0f}")],
        ["", "deliveries/s in the window (+)", f("deliveries_per_s", "{:,.0f}")],
        ["", "latency p50 ms (-)", f("p50_ms", "{:.2f}")],
        ["", "latency p90 ms (-)", f("p90_ms", "{:.2f}")],
        ["", "latency p99 ms (-)", f("p99_ms", "{:.2f}")],
        ["", "latency max ms (-)", f("max_ms", "{:.2f}")],
        ["", "expected deliveries", f("expected", "{:,}")],
        ["", "lost (-)", f("lost", "{:,}")],
        ["", "duplicated / out of order (-)",
         f"{r.get('duplicated', '-')} / {r.get('out_of_order', '-')}"],
        None,
        ["cpu", "daemons CPU % idle, connected (of one core, all daemons)", f("idle_daemons_cpu_pct", "{:.0f}")],
        ["", "redis CPU % idle, connected" + (" (+ PostgreSQL)" if r["database"] == "postgres" else ""),
         f("idle_aux_cpu_pct", "{:.0f}")],
        ["", "daemons CPU % sending (of one core, all daemons)", f("daemons_cpu_pct", "{:.0f}")],
        ["", "redis CPU % sending" + (" (+ PostgreSQL)" if r["database"] == "postgres" else ""),
         f("redis_cpu_pct", "{:.0f}")],
        ["", "load processes CPU %", f("load_cpu_pct", "{:.0f}")],
        None,
        ["", "problems", "ok" if not bl.bad_counts(r) else json.dumps(bl.bad_counts(r))[:200]],
    ]
    print()
    print(f"Scale bench: {r['connections']:,} connections, {r['rooms']:,} rooms x {a.room_size}, {r['daemons']} daemons"
          f" + 1 redis, {r['load_processes']} load processes; history: {'one SQLite file' if r['database'] == 'sqlite' else 'one PostgreSQL database'};"
          f" daemons on CPU {a.server_cpus or 'any'}, load on CPU {a.load_cpus or 'any'}")
    print(f"  each sender {r['rate']:.4f} msg/s, {a.senders_per_room} senders/room; window {a.duration} s after"
          f" {max(a.warmup, 1.0 / r['rate']):.1f} s warm-up, drain up to {a.drain} s")
    bl.print_table(["group", "metric", column], rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--connections", type=int, default=None, help="default 100000 (--quick 12000)")
    ap.add_argument("--daemons", type=int, default=None, help=f"default max({MIN_DAEMONS}, connections/{PER_DAEMON_MAX})")
    ap.add_argument("--load-procs", type=int, default=None, help=f"default max(2, connections/{PER_LOAD_MAX})")
    ap.add_argument("--room-size", type=int, default=10)
    ap.add_argument("--senders-per-room", type=int, default=2)
    ap.add_argument("--deliveries-per-s", type=float, default=40000, help="offered in total (default W2's 40,000)")
    ap.add_argument("--duration", type=float, default=None, help="measured seconds (default 20, --quick 5)")
    ap.add_argument("--warmup", type=float, default=2, help="at least one sending period")
    ap.add_argument("--drain", type=float, default=30)
    ap.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--connect-concurrency", type=int, default=100, help="per load process")
    ap.add_argument("--connect-timeout", type=float, default=900)
    ap.add_argument("--pin", action="store_true",
                    help="daemons, Redis and PostgreSQL on CPU 0, load processes on CPU 1 (default: anywhere)")
    ap.add_argument("--idle-seconds", type=float, default=5,
                    help="after connecting, measure the daemons' CPU this long before sending (default 5)")
    ap.add_argument("--quick", action="store_true", help="12,000 connections over 6 daemons, 5 s")
    ap.add_argument("--kaiwa-bin", default=None)
    ap.add_argument("--load-bin", default=None)
    ap.add_argument("--keep-logs", action="store_true",
                    help="keep the daemons' and load processes' stderr (kept anyway when the run failed)")
    ap.add_argument("--json-out", default=None)
    a = ap.parse_args()
    bl.stop_cleanly_on_signals()
    a.connections = a.connections or (12000 if a.quick else 100000)
    a.duration = a.duration or (5 if a.quick else 20)
    a.server_cpus, a.load_cpus = (bl.SERVER_CPU, bl.LOAD_CPU) if a.pin else (None, None)
    a.kaiwa_bin = bl.find_bin("kaiwa-server", a.kaiwa_bin)
    a.load_bin = bl.find_bin("kaiwa-load", a.load_bin)
    if not a.kaiwa_bin or not a.load_bin or not shutil.which("redis-server"):
        bl.log("run-scale-bench: needs kaiwa-server, kaiwa-load (cmake --build build --target kaiwa-server kaiwa-load)"
               " and redis-server")
        return 2
    if a.senders_per_room < 1 or a.senders_per_room > a.room_size:
        bl.log("run-scale-bench: need 1 <= --senders-per-room <= --room-size")
        return 2
    t0 = time.monotonic()
    r = run(a)
    r["elapsed_s"] = time.monotonic() - t0
    if "error" in r:
        bl.log(f"run-scale-bench: ERROR {r['error']}")
    report(r, a)
    print(f"({r['elapsed_s']:.0f} s; (+) higher is better, (-) lower is better; latency over every receiver of every"
          " load process, from one merged histogram)")
    if a.json_out:
        r = dict(r)
        for x in r.get("loads", []):
            x.pop("hist", None)
        with open(a.json_out, "w") as out:
            out.write(json.dumps(r) + "\n")
    return 1 if bl.bad_counts(r) else 0


if __name__ == "__main__":
    sys.exit(main())
