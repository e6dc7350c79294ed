#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Store benchmark: messages per second one kaiwa-server stores (and acknowledges by its echo),
for each history backend, in one run with alternating rounds.

Columns (one daemon each, every default option but --port 0 --rate-limit 0):
  kaiwa                  history in an SQLite file, the default place under a fresh XDG_DATA_HOME
  kaiwa-memory           --database :memory:
  kaiwa-postgres         --database postgresql://... on a throw-away cluster (initdb in a temp dir,
                         as tests/util/postgresprocess: fsync=off, full_page_writes=off), a fresh
                         database per run: this measures the daemon's round trips, not the disk
  kaiwa-postgres-fsync   the same cluster settings but PostgreSQL's own defaults (fsync on,
                         synchronous_commit on): every commit waits for the disk (not run by default)
With --compare-bin OLD, each column gets a twin run with OLD ("<label>:<column>") in the same rounds.

Workloads
  A   append, saturated: 100 rooms x 2 clients, 1 sender per room, echo mode with 4 messages in
      flight per sender (400 outstanding): the store's throughput
  L   append latency: 1 room x 2 clients, 1 sender, echo mode, one message in flight: the time
      from send to the echo, i.e. one store round trip plus the broadcast

While kaiwa-load runs, a probe asks the same daemon for /healthz every 5 ms on one keep-alive
connection (from 1 s after the start to the end of the load): its latency is how long the event
loop leaves other work waiting while it stores (a write on the loop holds everything up for its
round trip).

After every run the daemon is stopped and the database's messages counted: stored must equal
sent (the `stored - sent` row, and `store_mismatch` in the problems row otherwise).
The daemon (and PostgreSQL) run on CPU 0, kaiwa-load on CPU 1.

  bench/run-store-bench.py                        # A and L, 3 rounds, kaiwa, kaiwa-memory, kaiwa-postgres
  bench/run-store-bench.py --quick                # 1 round of short runs
  bench/run-store-bench.py --configs kaiwa-postgres,kaiwa-postgres-fsync --workloads A
  bench/run-store-bench.py --compare-bin /tmp/old/kaiwa-server --compare-label before
"""
import argparse
import http.client
import os
import sqlite3
import sys
import threading
import time

import benchlib as bl

CONFIGS = ["kaiwa", "kaiwa-memory", "kaiwa-postgres", "kaiwa-postgres-fsync"]
DEFAULT_CONFIGS = ["kaiwa", "kaiwa-memory", "kaiwa-postgres"]
DESCRIPTION = {
    "kaiwa": "history in an SQLite file (the default place, under a fresh XDG_DATA_HOME)",
    "kaiwa-memory": "--database :memory:",
    "kaiwa-postgres": "--database postgresql://... (throw-away cluster, fsync=off, fresh database per run)",
    "kaiwa-postgres-fsync": "--database postgresql://... (throw-away cluster, PostgreSQL's default fsync)",
}
WORKLOADS = {
    "A": ("append, 100 rooms x 2 clients, 1 sender/room, echo, 4 in flight per sender",
          "--rooms 100 --clients-per-room 2 --senders-per-room 1 --mode echo --pipeline 4 --duration 10 --warmup 2 --drain 10 --echo-timeout 30"),
    "L": ("append latency, 1 room x 2 clients, 1 sender, echo, 1 in flight",
          "--rooms 1 --clients-per-room 2 --senders-per-room 1 --mode echo --duration 5 --warmup 1 --drain 5"),
}
QUICK = {
    "A": "--rooms 100 --clients-per-room 2 --senders-per-room 1 --mode echo --pipeline 4 --duration 3 --warmup 0.5 --drain 10 --echo-timeout 30",
    "L": "--rooms 1 --clients-per-room 2 --senders-per-room 1 --mode echo --duration 2 --warmup 0.5 --drain 5",
}
ROWS = [
    ("stored_per_s", "messages stored/s (+)", "{:,.0f}", "hi"),
    ("p50_ms", "send-to-echo p50 ms (-)", "{:.2f}", "lo"),
    ("p99_ms", "send-to-echo p99 ms (-)", "{:.2f}", "lo"),
    ("server_cpu_pct", "daemon CPU %", "{:.1f}", None),
    ("aux_cpu_pct", "PostgreSQL CPU %", "{:.1f}", None),
    ("stored_per_cpu_s", "messages per daemon CPU-s (+)", "{:,.0f}", "hi"),
    ("probe_p50_ms", "loop probe /healthz p50 ms (-)", "{:.2f}", "lo"),
    ("probe_p99_ms", "loop probe /healthz p99 ms (-)", "{:.2f}", "lo"),
    ("stored", "stored in the database", "{:,.0f}", None),
    ("store_diff", "stored - sent (must be 0)", "{:,.0f}", None),
]


class LoopProbe(threading.Thread):
    """GET /healthz every 5 ms on one keep-alive connection until stop(): the daemon's responsiveness."""

    def __init__(self, port, delay_s=1.0, interval_s=0.005):
        super().__init__(daemon=True)
        self.port, self.delay_s, self.interval_s = port, delay_s, interval_s
        self.samples = []
        self.failures = 0
        self.stopping = threading.Event()

    def run(self):
        if self.stopping.wait(self.delay_s):
            return
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        while not self.stopping.is_set():
            t0 = time.perf_counter()
            try:
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                self.samples.append((time.perf_counter() - t0) * 1000.0)
            except (OSError, http.client.HTTPException):
                self.failures += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            self.stopping.wait(self.interval_s)
        conn.close()

    def stop(self):
        self.stopping.set()
        self.join()
        if not self.samples:
            return {}
        ordered = sorted(self.samples)
        return {"probe_p50_ms": ordered[len(ordered) // 2], "probe_p99_ms": ordered[int(len(ordered) * 0.99)],
                "probe_failures": self.failures}


def base(name):
    return name.split(":", 1)[-1]


def count_sqlite(path):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("SELECT count(*) FROM messages").fetchone()[0]


def run(a, name, args, label):
    """One daemon of configuration name, one kaiwa-load run, then the stored messages counted."""
    binary = a.compare_bin if ":" in name else a.kaiwa_bin
    config = base(name)
    cluster = a.clusters.get(config)
    srv = None
    database = None
    try:
        if config == "kaiwa":
            srv = bl.kaiwa_default(name, binary)
        elif config == "kaiwa-memory":
            srv = bl.kaiwa_with_database(name, binary, ":memory:")
        else:
            database, url = cluster.new_database()
            srv = bl.kaiwa_with_database(name, binary, url)
        srv.start()
        aux = cluster.pids() if cluster else []
        probe = LoopProbe(srv.port)
        probe.start()
        r = bl.run_load(a.load_bin, [srv.port], [srv.pid], args, label, aux_pids=aux)
        probed = probe.stop()
        if "error" in r:
            return r
        r.update(probed)
        if not srv.alive():
            r["daemon_exited"] = f"{name} exited with {srv.proc.returncode}"
        srv.stop(remove_files=False)  # the file is complete (and unlocked) once the daemon is gone
        if config == "kaiwa":
            r["stored"] = count_sqlite(bl.kaiwa_default_database(srv))
        elif cluster:
            r["stored"] = int(cluster.psql(database, "SELECT count(*) FROM messages"))
        if "stored" in r:
            r["store_diff"] = r["stored"] - r["sent"]
            if r["store_diff"]:
                r["store_mismatch"] = r["store_diff"]
        w = r.get("window_s") or 0
        r["stored_per_s"] = r["deliveries_per_s"] / max(1, r["clients_per_room"])
        if w > 0 and r.get("server_cpu_s", 0) > 0:
            r["stored_per_cpu_s"] = r["stored_per_s"] * w / r["server_cpu_s"]
        return r
    except Exception as e:  # noqa: BLE001 - reported in the table
        return {"error": str(e)}
    finally:
        if srv:
            srv.stop()
        if database:
            cluster.drop_database(database)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--configs", default=",".join(DEFAULT_CONFIGS), help="comma list of " + ",".join(CONFIGS))
    ap.add_argument("--workloads", default="A,L", help="comma list of " + ",".join(WORKLOADS))
    ap.add_argument("--rounds", type=int, default=None, help="rounds (default 3, --quick 1)")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--kaiwa-bin", default=None)
    ap.add_argument("--load-bin", default=None)
    ap.add_argument("--compare-bin", default=None, help="a second kaiwa-server: each column gets a twin run with it")
    ap.add_argument("--compare-label", default="base")
    ap.add_argument("--json-out", default=None)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    bl.stop_cleanly_on_signals()
    a.kaiwa_bin = bl.find_bin("kaiwa-server", a.kaiwa_bin)
    a.load_bin = bl.find_bin("kaiwa-load", a.load_bin)
    if not a.kaiwa_bin or not a.load_bin:
        bl.log("run-store-bench: needs kaiwa-server and kaiwa-load (cmake --build build --target kaiwa-server kaiwa-load)")
        return 2
    if a.compare_bin and not os.access(a.compare_bin, os.X_OK):
        bl.log(f"run-store-bench: --compare-bin {a.compare_bin} is not an executable")
        return 2
    configs = [c.strip() for c in a.configs.split(",") if c.strip()]
    workloads = [w.strip().upper() for w in a.workloads.split(",") if w.strip()]
    for c in configs:
        if c not in CONFIGS:
            bl.log(f"run-store-bench: unknown config {c}; known: {','.join(CONFIGS)}")
            return 2
    for w in workloads:
        if w not in WORKLOADS:
            bl.log(f"run-store-bench: unknown workload {w}; known: {','.join(WORKLOADS)}")
            return 2
    columns = []
    for c in CONFIGS:
        if c in configs:
            columns.append(c)
            if a.compare_bin:
                columns.append(f"{a.compare_label}:{c}")
    a.clusters = {}
    try:
        if "kaiwa-postgres" in configs:
            a.clusters["kaiwa-postgres"] = bl.PostgresCluster(fsync=False)
        if "kaiwa-postgres-fsync" in configs:
            a.clusters["kaiwa-postgres-fsync"] = bl.PostgresCluster(fsync=True)
    except RuntimeError as e:
        bl.log(f"run-store-bench: {e}")
        for c in a.clusters.values():
            c.stop()
        return 2
    try:
        return bench(a, columns, workloads)
    finally:
        for c in a.clusters.values():
            c.stop()


def bench(a, columns, workloads):
    table = QUICK if a.quick else {w: WORKLOADS[w][1] for w in WORKLOADS}
    rounds = a.rounds or (1 if a.quick else 3)
    bl.log(f"run-store-bench: {','.join(columns)}; workloads {','.join(workloads)}; {rounds} round(s)")
    results = {}
    runs = []
    t_start = time.monotonic()
    for rnd in range(rounds):
        order = columns if rnd % 2 == 0 else list(reversed(columns))
        for wl in workloads:
            for name in order:
                label = f"{name}/{wl}/r{rnd + 1}"
                r = run(a, name, table[wl], label)
                r.update({"server": name, "workload": wl, "round": rnd + 1, "args": table[wl]})
                results.setdefault((name, wl), []).append(r)
                runs.append(r)
                if "error" in r:
                    bl.log(f"  {label}: ERROR {r['error']}")
                    continue
                bad = bl.bad_counts(r)
                bl.log(f"  {label}: {r['stored_per_s']:,.0f} messages/s, p50 {r['p50_ms']:.2f} ms p99 {r['p99_ms']:.2f} ms,"
                       f" stored {r.get('stored', '-')} of {r['sent']} sent" + (f" PROBLEMS {bad}" if bad else ""))
                if a.verbose:
                    bl.log(r.get("stderr", ""))
    elapsed = time.monotonic() - t_start

    print()
    print(f"Store bench: one daemon per run; {rounds} round(s), medians; daemon and PostgreSQL on CPU 0, kaiwa-load on"
          f" CPU 1; {elapsed:.0f} s")
    for wl in workloads:
        print(f"  {wl}: {WORKLOADS[wl][0]}")
    for name in columns:
        binary = a.compare_bin if ":" in name else a.kaiwa_bin
        print(f"  {name}: {binary} --port 0 --rate-limit 0, {DESCRIPTION[base(name)]}")
    ratio_cols = [(c, f"{a.compare_label}:{c}") for c in columns if ":" not in c and a.compare_bin]
    if "kaiwa" in columns:
        ratio_cols += [(c, "kaiwa") for c in columns if c != "kaiwa" and ":" not in c]
    header = ["workload", "metric"] + columns + [f"{x}/{y}" for x, y in ratio_cols]
    rows = []
    for wl in workloads:
        if rows:
            rows.append(None)
        for key, label, f, better in ROWS:
            med = {c: bl.median([r.get(key) for r in results.get((c, wl), []) if "error" not in r]) for c in columns}
            if key == "store_diff":  # signed: the worst run, not a median
                vals = {c: [r[key] for r in results.get((c, wl), []) if key in r] for c in columns}
                med = {c: max(v, key=abs) if v else None for c, v in vals.items()}
            if all(v is None for v in med.values()):
                continue
            rows.append([wl, label] + [bl.fmt(med[c], f) for c in columns]
                        + [bl.ratio(med[x], med[y]) if better else "" for x, y in ratio_cols])
        rows.append([wl, "problems (sum over rounds)"] + [bl.problems_cell(results.get((c, wl), [])) for c in columns]
                    + [""] * len(ratio_cols))
    bl.print_table(header, rows)
    print("(+) higher is better, (-) lower is better. messages stored/s: messages whose echo came back in the"
          " measured window / window (a message is echoed only once stored); stored: rows in the database after"
          " the run (warm-up and drain included), which must equal the messages sent.")
    if a.json_out:
        bl.write_json(a.json_out, runs)
    return 1 if any(bl.bad_counts(r) for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
