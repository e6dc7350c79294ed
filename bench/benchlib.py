# SPDX-License-Identifier: MIT
"""What the bench drivers share (Python 3 standard library only): finding the binaries, starting
servers pinned to a CPU, kaiwa-server in its default or in-memory configuration, a throw-away
redis-server and PostgreSQL cluster, running kaiwa-load, medians and the text table.

Imported by run-bench.py, run-redis-bench.py, run-store-bench.py and run-scale-bench.py (they
live in the same folder, so `import benchlib` finds it).
"""
import json
import os
import pwd
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
BUILD_DIRS = ["build/bin", "build-bench/bin", "build-release/bin", "build-redis/bin", "build-debug/bin"]
# Counters of kaiwa-load that must all be 0 for a run to be correct.
BAD_KEYS = ("lost", "duplicated", "out_of_order", "misrouted", "bogus", "connect_failures", "closed_by_server")
LISTENING_RE = r"listening on https?://[^\s:]+:(\d+)/"
SERVER_CPU = "0"  # servers (and their Redis/PostgreSQL) run here
LOAD_CPU = "1"    # the load tool runs here


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def stop_cleanly_on_signals():
    """SIGTERM and SIGINT (even when the shell started the driver in the background with SIGINT
    ignored) unwind the driver, so its finally blocks stop every server it started."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)


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


def find_bin(name, explicit, candidates=BUILD_DIRS):
    """explicit if given (None when not executable), else the first build folder holding name, else PATH."""
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for c in candidates:
        p = os.path.join(ROOT, c, name)
        if os.access(p, os.X_OK):
            return p
    return shutil.which(name)


def pinned(cmd, cpus):
    return (["taskset", "-c", cpus] if cpus else []) + cmd


def read_rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def read_cpu_s(pid):
    """utime + stime of pid in seconds, -1 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return -1


def children(pid):
    """Process ids whose parent is pid (PostgreSQL's backends and helpers)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    return found


class Server:
    """One server process, pinned to cpus (None: not pinned). Ready when a line of its stdout
    matches line_re (group 1 is the port) or, without line_re, when port accepts connections.
    tmpdir (if set) is removed by stop(); env (if set) is added to the inherited environment;
    stderr goes to stderr_path (default /dev/null). stop() may be called more than once."""

    def __init__(self, name, cmd, cwd=None, port=None, line_re=None, ready_timeout=30, env=None, tmpdir=None,
                 cpus=SERVER_CPU, stderr_path=None):
        self.name, self.cmd, self.cwd = name, cmd, cwd
        self.port, self.line_re, self.ready_timeout = port, line_re, ready_timeout
        self.env, self.tmpdir, self.cpus, self.stderr_path = env, tmpdir, cpus, stderr_path
        self.proc = None

    def start(self):
        env = dict(os.environ, **self.env) if self.env else None
        stderr = open(self.stderr_path, "ab") if self.stderr_path else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(pinned(self.cmd, self.cpus), cwd=self.cwd, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.PIPE, stderr=stderr, preexec_fn=raise_nofile, env=env)
        finally:
            if self.stderr_path:
                stderr.close()
        deadline = time.monotonic() + self.ready_timeout
        buf = b""
        fd = self.proc.stdout.fileno()
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} before listening")
            if self.line_re:
                r, _, _ = select.select([fd], [], [], 0.2)
                if r:
                    buf += os.read(fd, 4096)
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
        # Servers may keep writing to stdout; a full pipe would block them.
        threading.Thread(target=_drain, args=(self.proc.stdout,), daemon=True).start()
        return self

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, remove_files=True):
        """SIGTERM (SIGKILL after 10 s); then tmpdir goes, unless remove_files is False (a later stop() removes it)."""
        try:
            if self.proc and self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=5)
        finally:
            if self.tmpdir and remove_files:
                shutil.rmtree(self.tmpdir, ignore_errors=True)
                self.tmpdir = None


def _drain(f):
    try:
        while f.read(65536):
            pass
    except (OSError, ValueError):
        pass


# kaiwa-server configurations. Everything a run passes besides these is in extra.
KAIWA_BENCH_ARGS = ["--port", "0", "--rate-limit", "0"]


def kaiwa_default(name, binary, extra=(), **kw):
    """kaiwa-server as users run it: every default except --port 0 and --rate-limit 0 (the load
    tool sends faster than the default 20 frames/s per connection). The history goes to the
    default place, an SQLite file in the platform's data folder, which is a fresh temp dir
    (XDG_DATA_HOME) removed by stop()."""
    tmpdir = tempfile.mkdtemp(prefix="kaiwa-bench-")
    return Server(name, [binary] + KAIWA_BENCH_ARGS + list(extra), line_re=LISTENING_RE, tmpdir=tmpdir,
                  env={"XDG_DATA_HOME": tmpdir}, **kw)


def kaiwa_default_database(server):
    """Where kaiwa_default()'s daemon keeps its history (the platform default under XDG_DATA_HOME)."""
    return os.path.join(server.tmpdir, "kaiwa", "kaiwa-server.sqlite")


def kaiwa_with_database(name, binary, database, extra=(), **kw):
    """kaiwa-server with --database given (":memory:", a file, a postgresql:// URL), otherwise as kaiwa_default."""
    tmpdir = tempfile.mkdtemp(prefix="kaiwa-bench-")
    return Server(name, [binary] + KAIWA_BENCH_ARGS + ["--database", database] + list(extra), line_re=LISTENING_RE,
                  tmpdir=tmpdir, env={"XDG_DATA_HOME": tmpdir}, **kw)


class RedisServer:
    """A throw-away redis-server on a free port, no persistence, pinned like the servers."""

    def __init__(self, cpus=SERVER_CPU):
        self.port = free_port()
        self.proc = subprocess.Popen(pinned(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                                             "--save", "", "--appendonly", "no", "--maxclients", "10000"], cpus),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=raise_nofile)
        deadline = time.monotonic() + 10
        while not port_open(self.port):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.stop()
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    @property
    def pid(self):
        return self.proc.pid

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


class PostgresCluster:
    """A throw-away PostgreSQL cluster: initdb in a temp dir (as the postgres user when run as
    root), postgres on a free port of 127.0.0.1, pinned like the servers. fsync=False (the
    default here, as tests/util/postgresprocess) measures the daemon's round trips rather than the
    disk; fsync=True keeps PostgreSQL's own defaults (fsync, synchronous_commit)."""

    def __init__(self, fsync=False, cpus=SERVER_CPU, max_connections=200):
        self.bindir = self.find_bindir()
        if not self.bindir:
            raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
        self.dir = tempfile.mkdtemp(prefix="kaiwa-bench-pg-")
        self.port = free_port()
        self.proc = None
        self.owner = None
        if os.geteuid() == 0:
            try:
                self.owner = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root, but there is no postgres user to run PostgreSQL as")
            os.chown(self.dir, self.owner.pw_uid, self.owner.pw_gid)
        data = os.path.join(self.dir, "data")
        init = subprocess.run([os.path.join(self.bindir, "initdb"), "-D", data, "-A", "trust", "-U", "kaiwa", "-E",
                               "UTF8", "--no-sync", "--locale=C"], cwd=self.dir, preexec_fn=self._as_owner,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if init.returncode != 0:
            self.stop()
            raise RuntimeError("initdb failed: " + init.stdout[-500:])
        settings = ["-c", f"max_connections={max_connections}"]
        if not fsync:
            settings += ["-c", "fsync=off", "-c", "full_page_writes=off"]
        self.proc = subprocess.Popen(pinned([os.path.join(self.bindir, "postgres"), "-D", data, "-k", self.dir, "-p",
                                             str(self.port), "-h", "127.0.0.1"] + settings, cpus),
                                     cwd=self.dir, preexec_fn=self._as_owner, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read()
                self.stop()
                raise RuntimeError("postgres exited: " + err[-500:])
            if self.psql("postgres", "SELECT 1", check=False) == "1":
                break
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("postgres did not come up within 60 s")
            time.sleep(0.2)
        threading.Thread(target=_drain, args=(self.proc.stderr,), daemon=True).start()
        self.serial = 0

    @staticmethod
    def find_bindir():
        root = "/usr/lib/postgresql"
        versions = sorted((v for v in os.listdir(root) if v.isdigit()), key=int, reverse=True) \
            if os.path.isdir(root) else []
        for v in versions:
            if os.access(os.path.join(root, v, "bin", "initdb"), os.X_OK):
                return os.path.join(root, v, "bin")
        return None

    def _as_owner(self):
        if self.owner:
            os.setgroups([])
            os.setgid(self.owner.pw_gid)
            os.setuid(self.owner.pw_uid)

    def psql(self, database, sql, check=True):
        p = subprocess.run([os.path.join(self.bindir, "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "kaiwa",
                            "-d", database, "-v", "ON_ERROR_STOP=1", "-A", "-t", "-q", "-c", sql],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            if check:
                raise RuntimeError(f"psql {sql!r} failed: {p.stderr.strip()[-300:]}")
            return None
        return p.stdout.strip()

    def new_database(self):
        """A fresh, empty database; returns its postgresql:// URL."""
        self.serial += 1
        name = f"bench{self.serial}"
        self.psql("postgres", f'CREATE DATABASE "{name}"')
        return name, f"postgresql://kaiwa@127.0.0.1:{self.port}/{name}"

    def drop_database(self, name):
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', check=False)

    def pids(self):
        """The postmaster and every process it started (backends, writers): its CPU is their sum."""
        return [self.proc.pid] + children(self.proc.pid) if self.proc else []

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        shutil.rmtree(self.dir, ignore_errors=True)


def arg_value(args, flag, default):
    return float(args[args.index(flag) + 1]) if flag in args else default


def load_budget(args):
    """Seconds a kaiwa-load run with these arguments may take before it is called hung."""
    return (arg_value(args, "--duration", 10) + arg_value(args, "--warmup", 1) + arg_value(args, "--drain", 3)
            + arg_value(args, "--settle", 0.5) + arg_value(args, "--connect-timeout", 60) + 30)


def run_load(load_bin, ports, server_pids, args_str, label, aux_pids=(), cpus=LOAD_CPU):
    """Runs kaiwa-load against the daemons on ports (connections take them in turn); returns its
    JSON result plus server_cpu_pct, dels_per_cpu_s, load_cpu_pct, wall_s (or {"error": ...})."""
    args = args_str.split()
    cmd = [load_bin, "--label", label, "--quiet"]
    for port in ports:
        cmd += ["--url", f"ws://127.0.0.1:{port}"]
    for pid in server_pids:
        cmd += ["--server-pid", str(pid)]
    for pid in aux_pids:
        cmd += ["--aux-pid", str(pid)]
    budget = load_budget(args)
    t0 = time.monotonic()
    try:
        p = subprocess.run(pinned(cmd + args, cpus), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=budget,
                           text=True)
    except subprocess.TimeoutExpired:
        return {"error": f"load tool timed out after {budget:.0f}s"}
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        return {"error": f"load tool exit {p.returncode}: {p.stderr.strip()[-400:]}"}
    r = json.loads(lines[-1])
    r["stderr"] = p.stderr
    r["wall_s"] = time.monotonic() - t0
    return derive_cpu(r)


def derive_cpu(r):
    w = r.get("window_s") or 0
    if w > 0 and r.get("server_cpu_s", -1) >= 0:
        r["server_cpu_pct"] = 100.0 * r["server_cpu_s"] / w
        r["dels_per_cpu_s"] = r["deliveries_per_s"] * w / r["server_cpu_s"] if r["server_cpu_s"] > 0 else float("nan")
    if w > 0 and r.get("aux_cpu_s", -1) >= 0:
        r["aux_cpu_pct"] = 100.0 * r["aux_cpu_s"] / w
    if w > 0:
        r["load_cpu_pct"] = 100.0 * r.get("load_cpu_s", 0) / w
    return r


def bad_counts(r):
    if "error" in r:
        return {"error": r["error"]}
    b = {k: r.get(k, 0) for k in BAD_KEYS if r.get(k, 0)}
    for k in ("daemon_exited", "store_mismatch", "probe_failures"):
        if r.get(k):
            b[k] = r[k]
    return b


def problems_cell(runs):
    """'ok', or the summed non-zero counters and failed runs of a column's runs."""
    if not runs:
        return "-"
    errs = sum(1 for r in runs if "error" in r)
    issues = {}
    for r in runs:
        for k, v in bad_counts(r).items():
            if k == "error":
                continue
            issues[k] = issues.get(k, 0) + (v if isinstance(v, (int, float)) else 1)
    txt = "ok" if not errs and not issues else ",".join(f"{k}={v:,}" for k, v in issues.items())
    if errs:
        txt = (txt + " " if txt != "ok" else "") + f"{errs} run(s) failed"
    return txt


def median(vals):
    vals = [v for v in vals if isinstance(v, (int, float)) and v == v and v >= 0]
    return statistics.median(vals) if vals else None


def fmt(v, f):
    return "-" if v is None else f.format(v)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "-"
    return f"{a / b:.2f}x"


def print_table(header, rows, out=sys.stdout):
    """rows: lists of cells (the first two left-aligned), or None for a blank line between groups."""
    cells = [r for r in rows if r is not None]
    widths = [max(len(str(r[i])) for r in cells + [header]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)

    def show(r):
        return "  ".join(str(c).ljust(widths[i]) if i < 2 else str(c).rjust(widths[i])
                         for i, c in enumerate(r)).rstrip()
    print(line, file=out)
    print(show(header), file=out)
    print(line, file=out)
    for r in rows:
        print("" if r is None else show(r), file=out)
    print(line, file=out)


def write_json(path, runs):
    with open(path, "w") as f:
        for r in runs:
            r = dict(r)
            r.pop("stderr", None)
            r.pop("hist", None)
            f.write(json.dumps(r) + "\n")


def merge_percentiles(results, ps=(0.5, 0.9, 0.99)):
    """Latency percentiles over several kaiwa-load runs (each with --hist): {p: ms}."""
    counts = {}
    for r in results:
        for value, n in r.get("hist", []):
            counts[value] = counts.get(value, 0) + n
    total = sum(counts.values())
    out = {}
    if not total:
        return {p: None for p in ps}
    ordered = sorted(counts.items())
    max_ms = max(r.get("max_ms", 0) for r in results)
    for p in ps:
        target = min(int(p * total), total - 1)
        acc = 0
        for value, n in ordered:
            acc += n
            if acc > target:
                out[p] = min(value, max_ms)
                break
    return out
