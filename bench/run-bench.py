#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Side-by-side chat server benchmark: kaiwa-server vs. the C ceiling vs. Node ws vs. Daphne.

Servers (columns):
  ceiling       bench/ceiling: a careful single-threaded epoll broadcaster, the reference
  kaiwa         kaiwa-server as users run it: history in an SQLite file (the default place, in a
                fresh temp dir), every default option except --port 0 --rate-limit 0
  kaiwa-memory  the same with --database :memory: (history in memory: the store without the disk)
  node          bench/peers/node-ws, the tutorial chat on Node's ws
  daphne        tests/peers/django-tutorial, the tutorial itself on Daphne (smaller runs)
With --compare-bin OLD, every kaiwa column gets a twin run with OLD (named "<label>:kaiwa", label
from --compare-label), in the same alternating rounds: a before/after of a change in one run.

Each server runs pinned to CPU 0 (taskset -c 0), the load tool (kaiwa-load) on CPU 1.
A fresh server process is started for every (round, workload, server) run; servers
alternate inside each round (the order reverses every other round) and the table shows the
median over the rounds, with each column's ratio to the ceiling.

Workloads
  W1  fan-out: 1 room x 1000 clients, 4 senders, echo mode (next message when the own one is back)
  W2  paced:   100 rooms x 10 clients, 2 senders per room at 20 msg/s each (40,000 deliveries/s);
               latency on every receiver
  W3  idle:    5000 idle connections; server RSS growth per connection
  W4  burst:   5000 connections opened at once; time until all upgraded, failures
  W5  scale:   15000 connections, 1500 rooms x 10 clients, 2 senders per room at 1.33 msg/s each
               (W2's 40,000 deliveries/s spread over 15x the connections, every one active;
               kaiwa gets --max-connections 20000, its default being 10,000)

  bench/run-bench.py                       # all workloads, 3 rounds, every server found
  bench/run-bench.py --quick               # short run (~2 min), 1 round
  bench/run-bench.py --smoke               # tiny runs on ceiling, kaiwa, kaiwa-memory; exit 1 on any loss
  bench/run-bench.py --workloads W1,W2 --rounds 5 --servers ceiling,kaiwa,node
  bench/run-bench.py --workloads W2 --rounds 5 --servers ceiling,kaiwa,kaiwa-memory \\
      --compare-bin /tmp/main/bin/kaiwa-server --compare-label main
Only the Python standard library is used. Everything listens on 127.0.0.1 only.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

import benchlib as bl

# The peers the repository carries: the tutorial chat on Node's ws, and the tutorial itself on Daphne.
NODE_PEER_DIR = os.path.join(bl.HERE, "peers", "node-ws")
DAPHNE_PEER_DIR = os.path.join(bl.ROOT, "tests", "peers", "django-tutorial")
SERVER_ORDER = ["ceiling", "kaiwa", "kaiwa-memory", "node", "daphne"]
KAIWA_SERVERS = ("kaiwa", "kaiwa-memory")
KAIWA_DESCRIPTION = {
    "kaiwa": "history in an SQLite file (the default place, under a fresh XDG_DATA_HOME)",
    "kaiwa-memory": "--database :memory:",
}
# Options a workload needs beyond kaiwa's defaults: W5's 15,000 connections exceed --max-connections 10000.
KAIWA_EXTRA = {"W5": ["--max-connections", "20000"]}

# name -> (description, kaiwa-load arguments)
FULL = {
    "W1": ("fan-out echo, 1 room x 1000 clients, 4 senders",
           "--rooms 1 --clients-per-room 1000 --senders-per-room 4 --mode echo --duration 10 --warmup 2 --drain 5"),
    "W2": ("paced, 100 rooms x 10 clients, 2 senders/room x 20 msg/s (40,000 deliveries/s)",
           "--rooms 100 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 20 --duration 10 --warmup 2 --drain 5"),
    "W3": ("idle, 5000 connections, RSS per connection",
           "--rooms 50 --clients-per-room 100 --mode idle --duration 3 --settle 1"),
    "W4": ("burst, 5000 connections at once",
           "--rooms 50 --clients-per-room 100 --mode idle --connect-burst --duration 0.5 --settle 0 --connect-timeout 60"),
    "W5": ("scale, 1500 rooms x 10 clients (15,000 connections), 2 senders/room x 1.33 msg/s",
           "--rooms 1500 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 1.3333 --duration 10 --warmup 2 --drain 5"
           " --connect-timeout 120"),
}
QUICK = {
    "W1": (FULL["W1"][0], "--rooms 1 --clients-per-room 1000 --senders-per-room 4 --mode echo --duration 2 --warmup 0.5 --drain 3"),
    "W2": (FULL["W2"][0], "--rooms 100 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 20 --duration 3 --warmup 0.5 --drain 3"),
    "W3": ("idle, 2000 connections, RSS per connection", "--rooms 20 --clients-per-room 100 --mode idle --duration 1 --settle 0.5"),
    "W4": (FULL["W4"][0], FULL["W4"][1]),
    "W5": ("scale, 600 rooms x 10 clients (6000 connections), 2 senders/room x 3.33 msg/s",
           "--rooms 600 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 3.3333 --duration 2 --warmup 0.5 --drain 3"
           " --connect-timeout 60"),
}
# The smoke asks that nothing is lost, not that it is fast: on a loaded CI machine a delivery may come seconds late
# (one run lost the last 4 of W1's messages at a 3 s drain), so it waits up to 10 s (it stops once all arrived).
SMOKE = {
    "W1": ("fan-out echo, 1 room x 100 clients, 4 senders", "--rooms 1 --clients-per-room 100 --senders-per-room 4 --mode echo --duration 1 --warmup 0.2 --drain 10"),
    "W2": ("paced, 10 rooms x 10 clients, 2 senders/room x 20 msg/s", "--rooms 10 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 20 --duration 1 --warmup 0.2 --drain 10"),
    "W3": ("idle, 300 connections", "--rooms 3 --clients-per-room 100 --mode idle --duration 0.5 --settle 0.2"),
    "W4": ("burst, 500 connections at once", "--rooms 5 --clients-per-room 100 --mode idle --connect-burst --duration 0.2 --settle 0 --connect-timeout 20"),
    "W5": ("scale, 100 rooms x 10 clients (1000 connections), 2 senders/room x 2 msg/s",
           "--rooms 100 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 2 --duration 1 --warmup 0.2 --drain 10"
           " --connect-timeout 20"),
}
# Daphne (in-memory channel layer) manages ~2k deliveries/s and drops messages once a
# channel holds 100: it gets smaller runs, marked with '*' in the table. W5 (scale) has no
# Daphne variant: it is skipped for Daphne and its column shows '-'.
DAPHNE = {
    "W1": ("1 room x 100 clients, 4 senders, echo", "--rooms 1 --clients-per-room 100 --senders-per-room 4 --mode echo --duration 5 --warmup 1 --drain 15 --echo-timeout 5"),
    "W2": ("10 rooms x 10 clients, 2 senders/room x 2 msg/s", "--rooms 10 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 2 --duration 5 --warmup 1 --drain 15"),
    "W3": ("1000 idle connections", "--rooms 10 --clients-per-room 100 --mode idle --duration 2 --settle 1 --connect-timeout 60"),
    "W4": ("1000 connections at once", "--rooms 10 --clients-per-room 100 --mode idle --connect-burst --duration 0.2 --settle 0 --connect-timeout 60"),
}
DAPHNE_QUICK = {
    "W1": ("1 room x 100 clients, 4 senders, echo", "--rooms 1 --clients-per-room 100 --senders-per-room 4 --mode echo --duration 2 --warmup 0.5 --drain 8 --echo-timeout 5"),
    "W2": ("10 rooms x 10 clients, 2 senders/room x 2 msg/s", "--rooms 10 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 2 --duration 2 --warmup 0.5 --drain 8"),
    "W3": ("500 idle connections", "--rooms 5 --clients-per-room 100 --mode idle --duration 1 --settle 0.5 --connect-timeout 30"),
    "W4": ("500 connections at once", "--rooms 5 --clients-per-room 100 --mode idle --connect-burst --duration 0.2 --settle 0 --connect-timeout 30"),
}

# rows of the table: (workload, key, label, format, better) ; better: "hi", "lo" or None
ROWS = [
    ("W1", "deliveries_per_s", "deliveries/s", "{:,.0f}", "hi"),
    ("W1", "dels_per_cpu_s", "deliveries per server CPU-s", "{:,.0f}", "hi"),
    ("W1", "server_cpu_pct", "server CPU %", "{:.0f}", None),
    ("W1", "load_cpu_pct", "load tool CPU %", "{:.0f}", None),
    ("W1", "p50_ms", "latency p50 ms", "{:.2f}", "lo"),
    ("W1", "p99_ms", "latency p99 ms", "{:.2f}", "lo"),
    ("W1", "lost", "lost", "{:.0f}", "lo"),
    ("W2", "p50_ms", "latency p50 ms", "{:.2f}", "lo"),
    ("W2", "p99_ms", "latency p99 ms", "{:.2f}", "lo"),
    ("W2", "max_ms", "latency max ms", "{:.2f}", "lo"),
    ("W2", "deliveries_per_s", "deliveries/s", "{:,.0f}", None),
    ("W2", "server_cpu_pct", "server CPU %", "{:.1f}", "lo"),
    ("W2", "lost", "lost", "{:.0f}", "lo"),
    ("W3", "rss_kib_per_conn", "server RSS KiB/connection", "{:.2f}", "lo"),
    ("W3", "connect_seconds", "connect seconds", "{:.2f}", "lo"),
    ("W3", "connect_failures", "connect failures", "{:.0f}", "lo"),
    ("W4", "connect_seconds", "burst seconds (all upgraded)", "{:.3f}", "lo"),
    ("W4", "connect_failures", "connect failures", "{:.0f}", "lo"),
    ("W4", "server_cpu_connect_s", "server CPU s while connecting", "{:.2f}", "lo"),
    ("W5", "p50_ms", "latency p50 ms", "{:.2f}", "lo"),
    ("W5", "p99_ms", "latency p99 ms", "{:.2f}", "lo"),
    ("W5", "max_ms", "latency max ms", "{:.2f}", "lo"),
    ("W5", "deliveries_per_s", "deliveries/s", "{:,.0f}", None),
    ("W5", "server_cpu_pct", "server CPU %", "{:.1f}", "lo"),
    ("W5", "connect_seconds", "connect seconds", "{:.2f}", "lo"),
    ("W5", "connect_failures", "connect failures", "{:.0f}", "lo"),
    ("W5", "lost", "lost", "{:.0f}", "lo"),
]


def twin(label, name):
    """The column of the --compare-bin binary for a kaiwa column."""
    return f"{label}:{name}"


def make_server(name, wl, a):
    if name == "ceiling":
        return bl.Server(name, [a.ceiling_bin, "--port", "0"], line_re=bl.LISTENING_RE)
    for variant in KAIWA_SERVERS:
        if name in (variant, twin(a.compare_label, variant)):
            binary = a.kaiwa_bin if name == variant else a.compare_bin
            extra = KAIWA_EXTRA.get(wl, [])
            if variant == "kaiwa":
                return bl.kaiwa_default(name, binary, extra)
            return bl.kaiwa_with_database(name, binary, ":memory:", extra)
    if name == "node":
        return bl.Server(name, ["node", "server.js", "--port", str(bl.free_port()), "--host", "127.0.0.1"],
                         cwd=a.node_dir, line_re=r"listening on ws://[^\s:]+:(\d+)/")
    if name == "daphne":
        port = bl.free_port()
        return bl.Server(name, daphne_command(port), cwd=a.daphne_dir, port=port, ready_timeout=60)
    raise ValueError(name)


def daphne_command(port):
    """Debian's Daphne serving the tutorial's project (run from its folder) on 127.0.0.1:port."""
    return ["/usr/bin/python3", "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "mysite.asgi:application"]


def node_peer_ready(node_dir):
    """True when node-ws can run: Node is there and ws installed (npm ci from its lockfile, once)."""
    if not (shutil.which("node") and os.path.isfile(os.path.join(node_dir, "server.js"))):
        return False
    if os.path.isdir(os.path.join(node_dir, "node_modules", "ws")):
        return True
    if not shutil.which("npm"):
        bl.log("run-bench: npm not found (apt-get install npm)")
        return False
    bl.log("run-bench: npm ci in", node_dir)
    try:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=node_dir, check=True, timeout=300,
                       stdout=subprocess.DEVNULL)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        bl.log(f"run-bench: npm ci failed: {e}")
        return False
    return True


def ratio_columns(servers, compare_label):
    """Every column against the ceiling, and each kaiwa column against its --compare-bin twin."""
    cols = [(s, "ceiling") for s in servers if s != "ceiling" and "ceiling" in servers]
    cols += [(v, twin(compare_label, v)) for v in KAIWA_SERVERS
             if v in servers and twin(compare_label, v) in servers]
    return cols


def print_results(results, servers, workloads, daphne_marked, compare_label, out=sys.stdout):
    cols = [s + ("*" if s == "daphne" and daphne_marked else "") for s in servers]
    ratio_cols = ratio_columns(servers, compare_label)
    header = ["workload", "metric"] + cols + [f"{x}/{y}" for x, y in ratio_cols]
    rows = []
    for wl in workloads:
        if rows:
            rows.append(None)
        for rwl, key, label, f, better in ROWS:
            if rwl != wl:
                continue
            med = {s: bl.median([r.get(key) for r in results.get((s, wl), []) if "error" not in r]) for s in servers}
            arrow = {"hi": " (+)", "lo": " (-)"}.get(better, "")
            row = [wl, label + arrow] + [bl.fmt(med[s], f) for s in servers]
            row += [bl.ratio(med[x], med[y]) if better else "" for x, y in ratio_cols]
            rows.append(row)
        rows.append([wl, "problems (sum over rounds)"] + [bl.problems_cell(results.get((s, wl), [])) for s in servers]
                    + [""] * len(ratio_cols))
    bl.print_table(header, rows, out)
    print("(+) higher is better, (-) lower is better; ratios are column/column of the medians.", file=out)


def run_one(a, s, wl, args, label):
    srv = None
    try:
        srv = make_server(s, wl, a)
        srv.start()
        r = bl.run_load(a.load_bin, [srv.port], [srv.pid], args, label)
        if "error" not in r and not srv.alive():
            r["daemon_exited"] = f"{s} exited with {srv.proc.returncode}"
    except Exception as e:  # noqa: BLE001 - report and carry on
        r = {"error": str(e)}
    finally:
        if srv:
            srv.stop()
    return r


def progress_line(label, r):
    if "error" in r:
        return f"  {label}: ERROR {r['error']}"
    bits = [f"{label}:"]
    if r["mode"] != "idle":
        if r["connections"] > 2000:
            bits.append(f"{r['connected']} conns in {r['connect_seconds']:.2f}s (fail {r['connect_failures']}),")
        bits.append(f"{r['deliveries_per_s']:,.0f} del/s p50 {r['p50_ms']:.2f} ms p99 {r['p99_ms']:.2f} ms"
                    f" lost {r['lost']}")
        if "server_cpu_pct" in r:
            bits.append(f"CPU {r['server_cpu_pct']:.0f}%")
    else:
        bits.append(f"{r['connected']} conns in {r['connect_seconds']:.3f}s, fail {r['connect_failures']},"
                    f" {r['rss_kib_per_conn']:.2f} KiB/conn")
    b = bl.bad_counts(r)
    if b:
        bits.append(f"PROBLEMS {b}")
    return "  " + " ".join(bits)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workloads", default="W1,W2,W3,W4,W5")
    ap.add_argument("--servers", default=None,
                    help="comma list of " + ",".join(SERVER_ORDER) + " (default: all found)")
    ap.add_argument("--rounds", type=int, default=None, help="rounds (default 3, --quick/--smoke 1)")
    ap.add_argument("--quick", action="store_true", help="short runs, one round (~2 min)")
    ap.add_argument("--smoke", action="store_true",
                    help="tiny runs on ceiling, kaiwa and kaiwa-memory; exit 1 on any loss or failure")
    ap.add_argument("--kaiwa-bin", default=None)
    ap.add_argument("--compare-bin", default=None,
                    help="a second kaiwa-server (e.g. built from the commit before a change): each kaiwa column "
                         "gets a twin run with it in the same rounds")
    ap.add_argument("--compare-label", default="base", help="name of the --compare-bin columns (default base)")
    ap.add_argument("--load-bin", default=None)
    ap.add_argument("--ceiling-bin", default=None)
    ap.add_argument("--node-dir", default=NODE_PEER_DIR, help="the node-ws peer (default bench/peers/node-ws)")
    ap.add_argument("--daphne-dir", default=DAPHNE_PEER_DIR,
                    help="the tutorial's project for Daphne (default tests/peers/django-tutorial)")
    ap.add_argument("--json-out", default=None, help="write every run's JSON here")
    ap.add_argument("--verbose", action="store_true", help="show the load tool's summary of every run")
    a = ap.parse_args()
    bl.stop_cleanly_on_signals()

    a.load_bin = bl.find_bin("kaiwa-load", a.load_bin)
    a.ceiling_bin = bl.find_bin("kaiwa-ceiling", a.ceiling_bin)
    a.kaiwa_bin = bl.find_bin("kaiwa-server", a.kaiwa_bin)
    if not a.load_bin:
        bl.log("run-bench: kaiwa-load not found; build it: cmake --build build --target kaiwa-load kaiwa-ceiling")
        return 2
    if shutil.which("taskset") is None:
        bl.log("run-bench: taskset (util-linux) is required")
        return 2
    if a.compare_bin and not os.access(a.compare_bin, os.X_OK):
        bl.log(f"run-bench: --compare-bin {a.compare_bin} is not an executable")
        return 2
    if not a.compare_label or ":" in a.compare_label or "/" in a.compare_label:
        bl.log("run-bench: --compare-label must be a plain word")
        return 2
    workloads = [w.strip().upper() for w in a.workloads.split(",") if w.strip()]
    for w in workloads:
        if w not in FULL:
            bl.log(f"run-bench: unknown workload {w}")
            return 2

    if a.servers:
        servers = [s.strip() for s in a.servers.split(",") if s.strip()]
    elif a.smoke:
        servers = ["ceiling", "kaiwa", "kaiwa-memory"]
    else:
        servers = list(SERVER_ORDER)
    unknown = [s for s in servers if s not in SERVER_ORDER]
    if unknown:
        bl.log(f"run-bench: unknown server(s) {','.join(unknown)}; known: {','.join(SERVER_ORDER)}")
        return 2
    servers = [s for s in SERVER_ORDER if s in servers]
    available = []
    for s in servers:
        if s == "ceiling" and not a.ceiling_bin:
            bl.log("run-bench: kaiwa-ceiling not found, skipped")
        elif s in KAIWA_SERVERS and not a.kaiwa_bin:
            bl.log(f"run-bench: kaiwa-server not found (--kaiwa-bin), {s} skipped")
            if a.smoke:
                bl.log("run-bench: --smoke needs kaiwa-server")
                return 1
        elif s == "node" and not node_peer_ready(a.node_dir):
            bl.log("run-bench: node peer not available, skipped")
        elif s == "daphne" and not os.path.isfile(os.path.join(a.daphne_dir, "manage.py")):
            bl.log("run-bench: daphne peer not available, skipped")
        else:
            available.append(s)
            if s in KAIWA_SERVERS and a.compare_bin:
                available.append(twin(a.compare_label, s))  # right after its own column: the pair runs back to back
    servers = available
    if not servers:
        bl.log("run-bench: no server to run")
        return 2

    table = SMOKE if a.smoke else QUICK if a.quick else FULL
    dtable = SMOKE if a.smoke else DAPHNE_QUICK if a.quick else DAPHNE
    rounds = a.rounds or (1 if (a.quick or a.smoke) else 3)
    bl.log(f"run-bench: servers {','.join(servers)}; workloads {','.join(workloads)}; {rounds} round(s)"
           f"{' (smoke)' if a.smoke else ' (quick)' if a.quick else ''}")
    bl.log(f"run-bench: load tool {a.load_bin}"
           + (f", kaiwa {a.kaiwa_bin}" if any(s in KAIWA_SERVERS for s in servers) else "")
           + (f", {a.compare_label} {a.compare_bin}" if a.compare_bin else ""))

    results = {}
    all_runs = []
    t_start = time.monotonic()
    for rnd in range(rounds):
        order = servers if rnd % 2 == 0 else list(reversed(servers))  # alternate which one goes first
        for wl in workloads:
            for s in order:
                tab = dtable if s == "daphne" else table
                if wl not in tab:  # W5 has no Daphne variant: column shows '-'
                    continue
                desc, args = tab[wl]
                label = f"{s}/{wl}/r{rnd + 1}"
                r = run_one(a, s, wl, args, label)
                r.update({"server": s, "workload": wl, "round": rnd + 1, "args": args})
                results.setdefault((s, wl), []).append(r)
                all_runs.append(r)
                bl.log(progress_line(label, r))
                if a.verbose and "stderr" in r:
                    bl.log(r["stderr"])
                time.sleep(0.3)
    elapsed = time.monotonic() - t_start

    print()
    print(f"Kaiwa bench: {rounds} round(s), medians; servers pinned to CPU 0, kaiwa-load to CPU 1; {elapsed:.0f} s")
    for wl in workloads:
        print(f"  {wl}: {table[wl][0]}")
    for s in servers:
        for variant in KAIWA_SERVERS:
            if s in (variant, twin(a.compare_label, variant)):
                binary = a.kaiwa_bin if s == variant else a.compare_bin
                print(f"  {s}: {binary} --port 0 --rate-limit 0, {KAIWA_DESCRIPTION[variant]}"
                      + (" (W5: --max-connections 20000)" if "W5" in workloads else ""))
    daphne_marked = "daphne" in servers and not a.smoke
    if daphne_marked:
        print("  daphne*: smaller runs (it manages ~2k deliveries/s): " +
              "; ".join(f"{wl} {dtable[wl][0]}" if wl in dtable else f"{wl} skipped" for wl in workloads))
    print_results(results, servers, workloads, daphne_marked, a.compare_label)
    if a.json_out:
        bl.write_json(a.json_out, all_runs)

    if a.smoke:
        failed = [(r["server"], r["workload"], bl.bad_counts(r)) for r in all_runs if bl.bad_counts(r)]
        if failed:
            for s, wl, b in failed:
                bl.log(f"run-bench: SMOKE FAILED {s} {wl}: {b}")
            return 1
        bl.log("run-bench: smoke ok (no loss, duplicate, reordering or connect failure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
