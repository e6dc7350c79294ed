#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Side-by-side chat server benchmark: kaiwa-server vs. the C ceiling vs. Node ws vs. Daphne.

Servers: ceiling (bench/ceiling), kaiwa (history --database :memory:), kaiwa-sqlite (the same
daemon with its history in a fresh SQLite file, the default durable setup), node, daphne.

Each server runs pinned to CPU 0 (taskset -c 0), the load tool (kaiwa-load) on CPU 1.
A fresh server process is started for every (round, workload, server) run; servers
alternate inside each round and the table shows the median over the rounds.

Workloads
  W1  fan-out: 1 room x 1000 clients, 4 senders, echo mode (next message when the own one is back)
  W2  paced:   100 rooms x 10 clients, 2 senders per room at 20 msg/s each; latency on every receiver
  W3  idle:    5000 idle connections; server RSS growth per connection
  W4  burst:   10000 connections opened at once; time until all upgraded, failures
  W5  scale:   15000 connections, 1500 rooms x 10 clients, 2 senders per room at 1.33 msg/s each
               (W2's 40,000 deliveries/s spread over 15x the connections, every one active)

  bench/run-bench.py                       # all workloads, 3 rounds, every server found
  bench/run-bench.py --quick               # short run (~1.5 min), 1 round
  bench/run-bench.py --smoke               # tiny runs on kaiwa + ceiling; exit 1 on any loss
  bench/run-bench.py --workloads W1,W2 --rounds 5 --servers kaiwa,ceiling,node
  bench/run-bench.py --workloads W5 --servers ceiling,kaiwa,kaiwa-sqlite
Only the Python standard library is used. Everything listens on 127.0.0.1 only.
"""
import argparse
import json
import os
import re
import resource
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# The peers the repository carries: the tutorial chat on Node's ws, and the tutorial itself on Daphne.
NODE_PEER_DIR = os.path.join(HERE, "peers", "node-ws")
DAPHNE_PEER_DIR = os.path.join(ROOT, "tests", "peers", "django-tutorial")
SERVER_ORDER = ["ceiling", "kaiwa", "kaiwa-sqlite", "node", "daphne"]
KAIWA_SERVERS = ("kaiwa", "kaiwa-sqlite")

# name -> (description, kaiwa-load arguments)
FULL = {
    "W1": ("fan-out echo, 1 room x 1000 clients, 4 senders",
           "--rooms 1 --clients-per-room 1000 --senders-per-room 4 --mode echo --duration 10 --warmup 2 --drain 5"),
    "W2": ("paced, 100 rooms x 10 clients, 2 senders/room x 20 msg/s",
           "--rooms 100 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 20 --duration 10 --warmup 2 --drain 5"),
    "W3": ("idle, 5000 connections, RSS per connection",
           "--rooms 50 --clients-per-room 100 --mode idle --duration 3 --settle 1"),
    "W4": ("burst, 10000 connections at once",
           "--rooms 100 --clients-per-room 100 --mode idle --connect-burst --duration 0.5 --settle 0 --connect-timeout 60"),
    "W5": ("scale, 1500 rooms x 10 clients (15,000 connections), 2 senders/room x 1.33 msg/s",
           "--rooms 1500 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 1.3333 --duration 10 --warmup 2 --drain 5"
           " --connect-timeout 120"),
}
QUICK = {
    "W1": (FULL["W1"][0], "--rooms 1 --clients-per-room 1000 --senders-per-room 4 --mode echo --duration 2 --warmup 0.5 --drain 3"),
    "W2": (FULL["W2"][0], "--rooms 100 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 20 --duration 2 --warmup 0.5 --drain 3"),
    "W3": ("idle, 2000 connections, RSS per connection", "--rooms 20 --clients-per-room 100 --mode idle --duration 1 --settle 0.5"),
    "W4": ("burst, 3000 connections at once", "--rooms 30 --clients-per-room 100 --mode idle --connect-burst --duration 0.2 --settle 0 --connect-timeout 30"),
    "W5": ("scale, 600 rooms x 10 clients (6000 connections), 2 senders/room x 3.33 msg/s",
           "--rooms 600 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 3.3333 --duration 2 --warmup 0.5 --drain 3"
           " --connect-timeout 60"),
}
SMOKE = {
    "W1": ("fan-out echo, 1 room x 100 clients, 4 senders", "--rooms 1 --clients-per-room 100 --senders-per-room 4 --mode echo --duration 1 --warmup 0.2 --drain 3"),
    "W2": ("paced, 10 rooms x 10 clients, 2 senders/room x 20 msg/s", "--rooms 10 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 20 --duration 1 --warmup 0.2 --drain 3"),
    "W3": ("idle, 300 connections", "--rooms 3 --clients-per-room 100 --mode idle --duration 0.5 --settle 0.2"),
    "W4": ("burst, 500 connections at once", "--rooms 5 --clients-per-room 100 --mode idle --connect-burst --duration 0.2 --settle 0 --connect-timeout 20"),
    "W5": ("scale, 100 rooms x 10 clients (1000 connections), 2 senders/room x 2 msg/s",
           "--rooms 100 --clients-per-room 10 --senders-per-room 2 --mode paced --rate 2 --duration 1 --warmup 0.2 --drain 3"
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
BAD_KEYS = ("lost", "duplicated", "out_of_order", "misrouted", "bogus", "connect_failures", "closed_by_server")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def find_bin(name, args_value, candidates):
    if args_value:
        return args_value if os.access(args_value, os.X_OK) else None
    for c in candidates:
        p = os.path.join(ROOT, c, name)
        if os.access(p, os.X_OK):
            return p
    return shutil.which(name)


class Server:
    """One server process pinned to CPU 0. tmpdir (if set) is removed by stop(); env (if set) is
    added to the inherited environment. stop() may be called more than once."""

    def __init__(self, name, cmd, cwd=None, port=None, line_re=None, ready_timeout=30, env=None, tmpdir=None):
        self.name, self.cmd, self.cwd = name, cmd, cwd
        self.port, self.line_re, self.ready_timeout = port, line_re, ready_timeout
        self.env, self.tmpdir = env, tmpdir
        self.proc = None

    def start(self):
        env = dict(os.environ, **self.env) if self.env else None
        self.proc = subprocess.Popen(["taskset", "-c", "0"] + self.cmd, cwd=self.cwd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=raise_nofile,
                                     env=env)
        deadline = time.monotonic() + self.ready_timeout
        buf = b""
        fd = self.proc.stdout.fileno()
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} before listening")
            if self.line_re:
                r, _, _ = select.select([fd], [], [], 0.2)
                if r:
                    chunk = os.read(fd, 4096)
                    buf += chunk
                    m = re.search(self.line_re, buf.decode("utf-8", "replace"))
                    if m:
                        self.port = int(m.group(1))
                        break
            else:
                if port_open(self.port):
                    break
                time.sleep(0.2)
        else:
            self.stop()
            raise RuntimeError(f"{self.name} did not start listening within {self.ready_timeout}s")
        # keep draining stdout in the background is not needed: redirect the rest away
        self._drain_stdout()
        return self

    def _drain_stdout(self):
        # Servers may keep writing to stdout; a full pipe would block them. Forward to /dev/null
        # with a tiny helper thread.
        def pump(f):
            try:
                while f.read(65536):
                    pass
            except (OSError, ValueError):
                pass
        threading.Thread(target=pump, args=(self.proc.stdout,), daemon=True).start()

    @property
    def pid(self):
        return self.proc.pid

    def stop(self):
        try:
            if self.proc and self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=5)
        finally:
            if self.tmpdir:
                shutil.rmtree(self.tmpdir, ignore_errors=True)
                self.tmpdir = None


def make_server(name, a):
    if name == "ceiling":
        return Server(name, [a.ceiling_bin, "--port", "0"], line_re=r"listening on https?://[^\s:]+:(\d+)/")
    if name in KAIWA_SERVERS:
        # kaiwa: history in memory; kaiwa-sqlite: the same daemon with its history in a fresh
        # SQLite file (WAL, synchronous=NORMAL: the daemon's default durable setup), removed by stop().
        tmpdir = tempfile.mkdtemp(prefix="kaiwa-bench-sqlite-") if name == "kaiwa-sqlite" else None
        database = os.path.join(tmpdir, "history.sqlite") if tmpdir else ":memory:"
        return Server(name, [a.kaiwa_bin, "--port", "0", "--bind", "127.0.0.1", "--rate-limit", "0",
                             "--database", database, "--history", "0", "--max-connections", "50000"],
                      line_re=r"listening on https?://[^\s:]+:(\d+)/", tmpdir=tmpdir)
    if name == "node":
        return Server(name, ["node", "server.js", "--port", str(free_port()), "--host", "127.0.0.1"], cwd=a.node_dir,
                      line_re=r"listening on ws://[^\s:]+:(\d+)/")
    if name == "daphne":
        port = free_port()
        return Server(name, daphne_command(port), cwd=a.daphne_dir, port=port, ready_timeout=60)
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
        log("run-bench: npm not found (apt-get install npm)")
        return False
    log("run-bench: npm ci in", node_dir)
    try:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=node_dir, check=True, timeout=300,
                       stdout=subprocess.DEVNULL)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        log(f"run-bench: npm ci failed: {e}")
        return False
    return True


def run_load(a, server, wl, args_str, label):
    args = args_str.split()
    cmd = ["taskset", "-c", "1", a.load_bin, "--url", f"ws://127.0.0.1:{server.port}", "--server-pid", str(server.pid),
           "--label", label, "--quiet"] + args

    def val(flag, default):
        return float(args[args.index(flag) + 1]) if flag in args else default
    budget = (val("--duration", 10) + val("--warmup", 1) + val("--drain", 3) + val("--settle", 0.5)
              + val("--connect-timeout", 60) + 30)
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=budget, text=True)
    except subprocess.TimeoutExpired:
        return {"error": f"load tool timed out after {budget:.0f}s"}
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        return {"error": f"load tool exit {p.returncode}: {p.stderr.strip()[-400:]}"}
    r = json.loads(lines[-1])
    r["stderr"] = p.stderr
    r["wall_s"] = time.monotonic() - t0
    w = r.get("window_s") or 0
    if w > 0 and r.get("server_cpu_s", -1) >= 0:
        r["server_cpu_pct"] = 100.0 * r["server_cpu_s"] / w
        r["dels_per_cpu_s"] = r["deliveries_per_s"] * w / r["server_cpu_s"] if r["server_cpu_s"] > 0 else float("nan")
    if w > 0:
        r["load_cpu_pct"] = 100.0 * r.get("load_cpu_s", 0) / w
    return r


def bad_counts(r):
    if "error" in r:
        return {"error": r["error"]}
    return {k: r.get(k, 0) for k in BAD_KEYS if r.get(k, 0)}


def median(vals):
    vals = [v for v in vals if isinstance(v, (int, float)) and v == v and v >= 0]
    return statistics.median(vals) if vals else None


def fmt(v, f):
    return "-" if v is None else f.format(v)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "-"
    return f"{a / b:.2f}x"


def print_table(results, servers, workloads, daphne_marked, out=sys.stdout):
    cols = [s + ("*" if s == "daphne" and daphne_marked else "") for s in servers]
    ratio_cols = [(x, y) for x, y in (("kaiwa", "ceiling"), ("kaiwa-sqlite", "ceiling"), ("kaiwa", "node"),
                                      ("node", "ceiling")) if x in servers and y in servers]
    header = ["workload", "metric"] + cols + [f"{x}/{y}" for x, y in ratio_cols]
    rows = []
    for wl in workloads:
        for rwl, key, label, f, better in ROWS:
            if rwl != wl:
                continue
            med = {s: median([r.get(key) for r in results.get((s, wl), []) if "error" not in r]) for s in servers}
            arrow = {"hi": " (+)", "lo": " (-)"}.get(better, "")
            row = [wl, label + arrow] + [fmt(med[s], f) for s in servers]
            row += [ratio(med[x], med[y]) if better else "" for x, y in ratio_cols]
            rows.append(row)
        cells = []  # correctness row
        for s in servers:
            rs = results.get((s, wl), [])
            errs = sum(1 for r in rs if "error" in r)
            issues = {}
            for r in rs:
                for k, v in bad_counts(r).items():
                    if k != "error":
                        issues[k] = issues.get(k, 0) + v
            txt = "ok" if not errs and not issues else ",".join(f"{k}={v}" for k, v in issues.items())
            if errs:
                txt = (txt + " " if txt != "ok" else "") + f"{errs} run(s) failed"
            cells.append(txt if rs else "-")
        rows.append([wl, "problems (sum over rounds)"] + cells + [""] * len(ratio_cols))
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    print(line, file=out)
    print("  ".join(h.ljust(widths[i]) if i < 2 else h.rjust(widths[i]) for i, h in enumerate(header)), file=out)
    print(line, file=out)
    prev = None
    for r in rows:
        if prev and r[0] != prev:
            print("", file=out)
        prev = r[0]
        print("  ".join(str(c).ljust(widths[i]) if i < 2 else str(c).rjust(widths[i]) for i, c in enumerate(r)), file=out)
    print(line, file=out)
    print("(+) higher is better, (-) lower is better; ratios are column/column of the medians.", file=out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workloads", default="W1,W2,W3,W4,W5")
    ap.add_argument("--servers", default=None,
                    help="comma list of " + ",".join(SERVER_ORDER) + " (default: all found)")
    ap.add_argument("--rounds", type=int, default=None, help="rounds (default 3, --quick/--smoke 1)")
    ap.add_argument("--quick", action="store_true", help="short runs, one round (~1.5 min)")
    ap.add_argument("--smoke", action="store_true", help="tiny runs on kaiwa + ceiling; exit 1 on any loss")
    ap.add_argument("--kaiwa-bin", default=None)
    ap.add_argument("--load-bin", default=None)
    ap.add_argument("--ceiling-bin", default=None)
    ap.add_argument("--node-dir", default=NODE_PEER_DIR, help="the node-ws peer (default bench/peers/node-ws)")
    ap.add_argument("--daphne-dir", default=DAPHNE_PEER_DIR,
                    help="the tutorial's project for Daphne (default tests/peers/django-tutorial)")
    ap.add_argument("--json-out", default=None, help="write every run's JSON here")
    ap.add_argument("--verbose", action="store_true", help="show the load tool's summary of every run")
    a = ap.parse_args()

    dirs = ["build/bin", "build-bench/bin", "build-release/bin", "build-debug/bin"]
    a.load_bin = find_bin("kaiwa-load", a.load_bin, dirs)
    a.ceiling_bin = find_bin("kaiwa-ceiling", a.ceiling_bin, dirs)
    a.kaiwa_bin = find_bin("kaiwa-server", a.kaiwa_bin, dirs)
    if not a.load_bin:
        log("run-bench: kaiwa-load not found; build it: cmake --build build --target kaiwa-load kaiwa-ceiling")
        return 2
    if shutil.which("taskset") is None:
        log("run-bench: taskset (util-linux) is required")
        return 2
    workloads = [w.strip().upper() for w in a.workloads.split(",") if w.strip()]
    for w in workloads:
        if w not in FULL:
            log(f"run-bench: unknown workload {w}")
            return 2

    if a.servers:
        servers = [s.strip() for s in a.servers.split(",") if s.strip()]
    elif a.smoke:
        servers = ["ceiling", "kaiwa"]
    else:
        servers = list(SERVER_ORDER)
    unknown = [s for s in servers if s not in SERVER_ORDER]
    if unknown:
        log(f"run-bench: unknown server(s) {','.join(unknown)}; known: {','.join(SERVER_ORDER)}")
        return 2
    servers = [s for s in SERVER_ORDER if s in servers]
    available = []
    for s in servers:
        if s == "ceiling" and not a.ceiling_bin:
            log("run-bench: kaiwa-ceiling not found, skipped")
        elif s in KAIWA_SERVERS and not a.kaiwa_bin:
            log(f"run-bench: kaiwa-server not found (--kaiwa-bin), {s} skipped")
            if a.smoke:
                log("run-bench: --smoke needs kaiwa-server")
                return 1
        elif s == "node" and not node_peer_ready(a.node_dir):
            log("run-bench: node peer not available, skipped")
        elif s == "daphne" and not os.path.isfile(os.path.join(a.daphne_dir, "manage.py")):
            log("run-bench: daphne peer not available, skipped")
        else:
            available.append(s)
    servers = available
    if not servers:
        log("run-bench: no server to run")
        return 2

    table = SMOKE if a.smoke else QUICK if a.quick else FULL
    dtable = SMOKE if a.smoke else DAPHNE_QUICK if a.quick else DAPHNE
    rounds = a.rounds or (1 if (a.quick or a.smoke) else 3)
    log(f"run-bench: servers {','.join(servers)}; workloads {','.join(workloads)}; {rounds} round(s)"
        f"{' (smoke)' if a.smoke else ' (quick)' if a.quick else ''}")
    log(f"run-bench: load tool {a.load_bin}"
        + (f", kaiwa {a.kaiwa_bin}" if any(s in KAIWA_SERVERS for s in servers) else ""))

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
                srv = None
                try:
                    srv = make_server(s, a)
                    srv.start()
                    r = run_load(a, srv, wl, args, label)
                except Exception as e:  # noqa: BLE001 - report and carry on
                    r = {"error": str(e)}
                finally:
                    if srv:
                        srv.stop()
                r.update({"server": s, "workload": wl, "round": rnd + 1, "args": args})
                results.setdefault((s, wl), []).append(r)
                all_runs.append(r)
                if "error" in r:
                    log(f"  {label}: ERROR {r['error']}")
                else:
                    bits = [f"{label}:"]
                    if r["mode"] != "idle":
                        if r["connections"] > 2000:
                            bits.append(f"{r['connected']} conns in {r['connect_seconds']:.2f}s"
                                        f" (fail {r['connect_failures']}),")
                        bits.append(f"{r['deliveries_per_s']:,.0f} del/s p50 {r['p50_ms']:.2f} ms p99 {r['p99_ms']:.2f} ms"
                                    f" lost {r['lost']}")
                    else:
                        bits.append(f"{r['connected']} conns in {r['connect_seconds']:.3f}s, fail {r['connect_failures']},"
                                    f" {r['rss_kib_per_conn']:.2f} KiB/conn")
                    b = bad_counts(r)
                    if b:
                        bits.append(f"PROBLEMS {b}")
                    log("  " + " ".join(bits))
                    if a.verbose:
                        log(r.get("stderr", ""))
                time.sleep(0.3)
    elapsed = time.monotonic() - t_start

    print()
    print(f"Kaiwa bench: {rounds} round(s), medians; servers pinned to CPU 0, kaiwa-load to CPU 1; {elapsed:.0f} s")
    for wl in workloads:
        print(f"  {wl}: {table[wl][0]}")
    if "kaiwa-sqlite" in servers:
        print("  kaiwa-sqlite: kaiwa-server with its history in a fresh SQLite file per run (kaiwa: --database :memory:)")
    daphne_marked = "daphne" in servers and not a.smoke
    if daphne_marked:
        print("  daphne*: smaller runs (it manages ~2k deliveries/s): " +
              "; ".join(f"{wl} {dtable[wl][0]}" if wl in dtable else f"{wl} skipped" for wl in workloads))
    print_table(results, servers, workloads, daphne_marked)
    if a.json_out:
        with open(a.json_out, "w") as f:
            for r in all_runs:
                r = dict(r)
                r.pop("stderr", None)
                f.write(json.dumps(r) + "\n")

    if a.smoke:
        failed = [(r["server"], r["workload"], bad_counts(r)) for r in all_runs if bad_counts(r)]
        if failed:
            for s, wl, b in failed:
                log(f"run-bench: SMOKE FAILED {s} {wl}: {b}")
            return 1
        log("run-bench: smoke ok (no loss, duplicate, reordering or connect failure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
