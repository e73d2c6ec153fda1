"""Measurement 4: many incident loops open and waiting for a PR on one worker.

The dev server (`./rack dev`, embedded Temporal, its own worker and a local monitor) and the
measured worker (`./rack worker`, its own task queue) are separate processes, so the worker's RSS
and CPU are its own. Each loop is a MANUAL_INCIDENT on a `local: true` host (this machine, no
SSH; remediation in dry-run). The worker finds a stub `docker` first on its PATH that fails at
once, so the docker commands of diagnostics neither load the shared dockerd a thousand times nor
pay the docker CLI's start-up (~30 ms of CPU each) a few thousand times. Each loop diagnoses, hands the report to the developer and waits for a PR.
Messages go to a private relay sink (bench/.work/loops), not the lab's. Then the worker is left
idle for the measured window.
"""
import json
import os
import signal
import subprocess
import tempfile
import time

import env
import fault_to_message
from stats import Samples, Table

DEV_PORT = 7391
RELAY_PORT = 8391
QUEUE = "rack-bench-loops"
HOST = "here"


def proc_status(pid, key):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])  # kB
    return 0


def cpu_ticks(pid):
    s = open(f"/proc/{pid}/stat").read()
    fields = s[s.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def thread_count(pid):
    return len(os.listdir(f"/proc/{pid}/task"))


class Processes:
    """Every process started here, stopped (by process group) in reverse order."""

    def __init__(self):
        self.started = []

    def start(self, cmd, log, **kw):
        p = subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True, **kw)
        self.started.append(p)
        return p

    def stop(self):
        for p in reversed(self.started):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
                try:
                    p.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()


def wait_until(predicate, timeout, what):
    deadline = time.time() + timeout
    while not predicate():
        if time.time() > deadline:
            raise SystemExit(f"bench: timed out waiting for {what}")
        time.sleep(0.5)


def configs(work):
    (work / "relay.secret").write_text("bench-secret")
    (work / "relay.jsonl").touch()
    dev = work / "dev.yaml"
    dev.write_text(f"""temporal: {{address: 127.0.0.1:{DEV_PORT}, namespace: default, taskQueue: rack}}
hosts:
  - name: dev-local
    local: true
    interval: 24h
""")
    worker = work / "worker.yaml"
    worker.write_text(f"""temporal: {{address: 127.0.0.1:{DEV_PORT}, namespace: default, taskQueue: {QUEUE}}}
relay: {{url: "http://127.0.0.1:{RELAY_PORT}/relay", secretFile: {work}/relay.secret, from: rack-bench}}
hosts:
  - name: {HOST}
    local: true
    interval: 24h
remediation: {{dryRun: true}}
""")
    return dev, worker


def docker_stub(work):
    bin_dir = work / "bin"
    bin_dir.mkdir(exist_ok=True)
    stub = bin_dir / "docker"
    stub.write_text("#!/bin/sh\necho 'docker: stubbed out by bench/run (open-loops measurement)' >&2\nexit 1\n")
    stub.chmod(0o755)
    return bin_dir


def developer_reports(work):
    count = 0
    with open(work / "relay.jsonl") as f:
        for line in f:
            if '"to": "developer"' in line and "bench-" in line:
                count += 1
    return count


def measure(count, idle_seconds, java_opts=""):
    work = env.WORK / "loops"
    work.mkdir(parents=True, exist_ok=True)
    for stale in ("relay.jsonl",):
        (work / stale).unlink(missing_ok=True)
    dev_config, worker_config = configs(work)
    procs = Processes()
    run_env = dict(os.environ, RACK_JAVA_OPTS=java_opts, TEMPORAL_ADDRESS=f"127.0.0.1:{DEV_PORT}")
    try:
        # The lab's sink with a deeper listen backlog: socketserver's default of 5 drops bursts of
        # a thousand loops' messages (the relay activity would retry them, with backoff).
        sink = ("import sys; sys.path.insert(0, sys.argv[1]); import relaysink; "
                "relaysink.ThreadingHTTPServer.request_queue_size = 512; sys.argv[1:2] = []; relaysink.main()")
        procs.start(["/usr/bin/python3", "-c", sink, str(env.REPO / "lab"), "--work", str(work), "--port", str(RELAY_PORT)],
                    work / "relaysink.log")
        # Its own, empty state directory: never the loops a user's ./rack dev keeps in ~/.local/state/rack.
        state = tempfile.mkdtemp(prefix="state-", dir=work)
        dev = procs.start([str(env.REPO / "rack"), "dev", "--config", str(dev_config), "--port", str(DEV_PORT),
                           "--state-dir", state],
                          work / "dev.log", env=run_env)
        wait_until(lambda: "rack dev: try" in (work / "dev.log").read_text() or dev.poll() is not None, 60, "./rack dev")
        worker = procs.start([str(env.REPO / "rack"), "worker", "--config", str(worker_config)], work / "worker.log",
                             env=dict(run_env, PATH=f"{docker_stub(work)}:{os.environ['PATH']}"))
        wait_until(lambda: "rack worker: connected" in (work / "worker.log").read_text() or worker.poll() is not None,
                   60, "./rack worker")
        if worker.poll() is not None or dev.poll() is not None:
            raise SystemExit(f"bench: dev or worker exited (see {work}/*.log)")
        rss_empty = proc_status(worker.pid, "VmRSS")

        env.log(f"open loops: starting {count} incident loops")
        flood_env = dict(os.environ, TEMPORAL_ADDRESS=f"127.0.0.1:{DEV_PORT}")
        started = json.loads(env.java("LoopFlood", "start", worker_config, HOST, count, env=flood_env).stdout)
        t0 = time.time()
        wait_until(lambda: developer_reports(work) >= count, 600, f"{count} developer reports")
        all_waiting = time.time() - t0 + started["seconds"]
        time.sleep(5)  # let the last workflow tasks and activities finish
        phases = json.loads(env.java("LoopFlood", "phases", worker_config, HOST, count, env=flood_env).stdout)

        env.log(f"open loops: idle window {idle_seconds} s")
        rss, ticks0, t0 = [], cpu_ticks(worker.pid), time.time()
        dev_ticks0 = cpu_ticks(dev.pid)
        while time.time() - t0 < idle_seconds:
            rss.append(proc_status(worker.pid, "VmRSS") / 1024)
            time.sleep(1)
        elapsed = time.time() - t0
        hz = os.sysconf("SC_CLK_TCK")
        worker_cpu = (cpu_ticks(worker.pid) - ticks0) / hz / elapsed
        dev_cpu = (cpu_ticks(dev.pid) - dev_ticks0) / hz / elapsed
        table = Table(f"4. {count} incident loops open and waiting for a PR on one worker (`./rack worker`)")
        table.row("worker RSS with the loops open", Samples(rss), fmt=lambda v: f"{v:.0f} MB")
        table.row("worker RSS before the loops (idle, connected)", Samples([rss_empty / 1024]), fmt=lambda v: f"{v:.0f} MB")
        table.row(f"worker CPU, idle window of {idle_seconds} s", Samples([worker_cpu]), fmt=lambda v: f"{v * 100:.2f} % of a core")
        table.row(f"dev server (embedded Temporal) CPU, same window", Samples([dev_cpu]), fmt=lambda v: f"{v * 100:.2f} % of a core")
        table.row("dev server RSS (embedded Temporal holds all histories)", Samples([proc_status(dev.pid, "VmRSS") / 1024]),
                  fmt=lambda v: f"{v:.0f} MB")
        table.row("start → every loop waiting for a PR", Samples([all_waiting]))
        table.note(f"loop phases queried afterwards: {', '.join(f'{k} {v}' for k, v in phases.items() if k != 'seconds')}")
        table.note(f"worker: {thread_count(worker.pid)} threads; JVM options: {java_opts or '(launcher defaults)'}")
        return table
    finally:
        procs.stop()
