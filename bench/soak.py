#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Soak run: kaiwa-server under 5,000 connections over 100 rooms for a long time, with clients
connecting and disconnecting all along; then the count of messages sent, delivered and lost
(must be 0), and the daemon's RSS and file descriptors at the start and at the end.

    bench/soak.py [--minutes 10] [--kaiwa-bin build-proof/bin/kaiwa-server] [--load-bin ...]

How: one kaiwa-load process holds the stable population (90 rooms x 50 connections, 2 paced
senders per room) for the whole run; meanwhile a churn loop runs kaiwa-load again and again
on 10 more rooms x 50 connections (each run connects, chats for --churn-seconds, then resets
every socket), so there are always 5,000 connections over 100 rooms while 500 of them come and
go. Every kaiwa-load run counts its own deliveries per (sender, receiver) with sequence numbers
(see bench/README.md); this script sums them. The daemon uses a real SQLite file (so every
message is stored before it is broadcast) and its default limits except --max-connections.

Exit status 1 if anything was lost, duplicated, reordered, refused or closed by the server, or
if the file descriptors did not return to their idle count. Prints one JSON summary at the end.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find(candidates):
    for path in candidates:
        if os.path.exists(path):
            return path
    sys.exit("not found: " + ", ".join(candidates))


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def open_files(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def run_load(load_bin, port, args, label):
    cmd = [load_bin, "--url", f"ws://127.0.0.1:{port}", "--quiet", "--label", label] + args
    done = subprocess.run(cmd, capture_output=True, text=True)
    lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
    if done.returncode not in (0, 1) or not lines:
        raise RuntimeError(f"kaiwa-load failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(lines[-1])


COUNTERS = ("sent", "expected", "delivered", "lost", "duplicated", "out_of_order", "misrouted", "bogus",
            "connect_failures", "http_failures", "closed_by_server")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--rooms", type=int, default=100)
    ap.add_argument("--clients-per-room", type=int, default=50)
    ap.add_argument("--churn-rooms", type=int, default=10, help="rooms whose clients come and go")
    ap.add_argument("--churn-seconds", type=float, default=15.0, help="life of one churn generation")
    ap.add_argument("--rate", type=float, default=2.0, help="messages/s per sender (2 senders per room)")
    ap.add_argument("--kaiwa-bin", default=None)
    ap.add_argument("--load-bin", default=None)
    ap.add_argument("--json-out", default=None)
    opt = ap.parse_args()

    kaiwa_bin = opt.kaiwa_bin or find([f"{ROOT}/{d}/bin/kaiwa-server" for d in ("build-proof", "build-release", "build")])
    load_bin = opt.load_bin or find([f"{ROOT}/{d}/bin/kaiwa-load" for d in ("build-proof", "build-release", "build")])
    workdir = tempfile.mkdtemp(prefix="kaiwa-soak-")
    server = subprocess.Popen([kaiwa_bin, "--port", "0", "--database", os.path.join(workdir, "history.sqlite"),
                               "--max-connections", "20000"],
                              stdout=subprocess.PIPE, stderr=open(os.path.join(workdir, "server.log"), "w"), text=True)
    try:
        banner = server.stdout.readline()
        port = int(re.search(r":(\d+)/chat/", banner).group(1))
        pid = server.pid
        time.sleep(0.5)
        idle_start = {"rss_kib": rss_kib(pid), "open_files": open_files(pid)}
        stable_rooms = opt.rooms - opt.churn_rooms
        duration = opt.minutes * 60
        results = []
        stop = threading.Event()
        errors = []

        def churn():
            generation = 0
            while not stop.is_set():
                generation += 1
                try:
                    results.append(run_load(load_bin, port, [
                        "--rooms", str(opt.churn_rooms), "--clients-per-room", str(opt.clients_per_room),
                        "--senders-per-room", "2", "--mode", "paced", "--rate", str(opt.rate),
                        "--duration", str(opt.churn_seconds), "--warmup", "0", "--drain", "5", "--settle", "0.5",
                        "--connect-concurrency", "100"], f"churn{generation}"))
                except Exception as error:  # reported below, and the run fails
                    errors.append(str(error))
                    return

        started = time.monotonic()
        stable = threading.Thread(target=lambda: results.append(run_load(load_bin, port, [
            "--rooms", str(stable_rooms), "--clients-per-room", str(opt.clients_per_room), "--senders-per-room", "2",
            "--mode", "paced", "--rate", str(opt.rate), "--duration", str(duration), "--warmup", "0", "--drain", "5",
            "--settle", "2", "--connect-concurrency", "200", "--connect-timeout", "120", "--server-pid", str(pid)],
            "stable")))
        stable.start()
        # "Start": once the stable population and the first churn generation are connected.
        churner = threading.Thread(target=churn)
        churner.start()
        wait_for(lambda: open_files(pid) >= idle_start["open_files"] + opt.rooms * opt.clients_per_room * 0.98, 180)
        loaded_start = {"rss_kib": rss_kib(pid), "open_files": open_files(pid), "at_s": round(time.monotonic() - started, 1)}
        samples = []
        while stable.is_alive():
            samples.append({"at_s": round(time.monotonic() - started, 1), "rss_kib": rss_kib(pid), "open_files": open_files(pid)})
            stable.join(30)
        stop.set()
        loaded_end = samples[-1]
        # RSS "at the start" under load: after one minute, once the rooms' history and SQLite's page cache
        # have filled; the first sample, taken as the last connection opens, is kept as connected_at.
        warm = [s for s in samples if s["at_s"] >= 60]
        connected_at = loaded_start
        if warm:
            loaded_start = warm[0]
        churner.join()
        wait_for(lambda: open_files(pid) <= idle_start["open_files"], 60)
        time.sleep(2)  # one supervision tick: freed memory is given back
        idle_end = {"rss_kib": rss_kib(pid), "open_files": open_files(pid)}

        totals = {key: sum(int(r.get(key, 0)) for r in results) for key in COUNTERS}
        summary = {
            "minutes": round((time.monotonic() - started) / 60, 2),
            "connections": opt.rooms * opt.clients_per_room, "rooms": opt.rooms,
            "churn_generations": len(results) - 1, "churned_connections": (len(results) - 1) * opt.churn_rooms * opt.clients_per_room,
            **totals,
            "idle_start": idle_start, "connected_at": connected_at, "loaded_start": loaded_start, "loaded_end": loaded_end, "idle_end": idle_end,
            "samples": samples, "errors": errors, "server_log": os.path.join(workdir, "server.log"),
        }
        print(json.dumps(summary))
        if opt.json_out:
            with open(opt.json_out, "w") as out:
                json.dump(summary, out, indent=1)
        problems = [k for k in ("lost", "duplicated", "out_of_order", "misrouted", "bogus", "connect_failures",
                                "http_failures", "closed_by_server") if totals[k]]
        if errors or problems or idle_end["open_files"] > idle_start["open_files"]:
            print("soak: problems: " + ", ".join(problems + errors + (["file descriptors"] if idle_end["open_files"] > idle_start["open_files"] else [])), file=sys.stderr)
            return 1
        print(f"soak: ok: {totals['sent']} sent, {totals['delivered']} delivered, 0 lost; RSS idle "
              f"{idle_start['rss_kib']} -> {idle_end['rss_kib']} KiB, loaded {loaded_start['rss_kib']} -> "
              f"{loaded_end['rss_kib']} KiB; fds idle {idle_start['open_files']} -> {idle_end['open_files']}", file=sys.stderr)
        return 0
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
