"""Measurement 3: fault to CEO message 1.

Our own `./rack dev` (embedded Temporal on a private port, a copy of the lab config whose relay
`from` is "rack-bench", remediation in dry-run so the bench does not restart the shared lab's
containers). Each run: `lab/fault stop api`, then `./rack monitor check-now lab`, then wait for
the relay sink to record "Staging anomaly detected" from rack-bench; undo the fault and stop the
dev instance (loops live in its memory, so the next run starts clean).
"""
import datetime
import json
import os
import signal
import subprocess
import tempfile
import time

import env
from stats import Samples, Table

PORT = 7390
FROM = "rack-bench"


def bench_config(lab):
    """The lab config with absolute paths, our relay name and dry-run remediation."""
    text = lab.config.read_text()
    text = text.replace(".work/", f"{lab.work}/").replace("from: rack\n", f"from: {FROM}\n")
    text += "remediation:\n  dryRun: true\n"
    path = env.WORK / "fault" / "rack.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


class DevInstance:
    def __init__(self, config, java_opts):
        self.config, self.java_opts = config, java_opts
        self.log = env.WORK / "fault" / "dev.log"

    def __enter__(self):
        environment = dict(os.environ, RACK_JAVA_OPTS=self.java_opts)
        # A state directory of its own, new every run: ./rack dev on the CLI's server keeps loops in
        # ~/.local/state/rack, and a loop still open there from an earlier run is fed the new stop
        # (one problem, one loop) instead of sending message 1, so the run measured nothing.
        state = tempfile.mkdtemp(prefix="state-", dir=env.WORK / "fault")
        self.process = subprocess.Popen([str(env.REPO / "rack"), "dev", "--config", str(self.config), "--port", str(PORT),
                                         "--state-dir", state],
                                        stdout=open(self.log, "w"), stderr=subprocess.STDOUT, env=environment,
                                        start_new_session=True)
        deadline = time.time() + 60
        while "rack dev: try" not in self.log.read_text():
            if self.process.poll() is not None or time.time() > deadline:
                self.__exit__()
                raise SystemExit(f"bench: ./rack dev did not start (see {self.log})")
            time.sleep(0.1)
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def relay_size(lab):
    """Where new relay lines will start. A lab the bench just brought up has no relay log yet: the
    sink creates it with the first message it records."""
    try:
        return lab.relay_log.stat().st_size
    except FileNotFoundError:
        return 0


def new_lines(path, offset):
    if not path.exists():
        return [], offset
    with open(path, "rb") as f:
        f.seek(offset)
        data = f.read()
    complete = data[:data.rfind(b"\n") + 1]
    return [json.loads(line) for line in complete.splitlines() if line.strip()], offset + len(complete)


def received_at(line):
    return datetime.datetime.fromisoformat(line["received"].replace("Z", "+00:00")).timestamp()


def one_run(lab, config, java_opts, check_now_env):
    """(signal → message 1 seconds or None, CLI wall seconds)."""
    with DevInstance(config, java_opts):
        signaller = subprocess.Popen(
            ["java", "-cp", f"{env.CLASSES}:{env.JAR}", "rack.bench.CheckNowSignaller", f"127.0.0.1:{PORT}", "lab"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            if signaller.stdout.readline().strip() != "ready":
                raise SystemExit("bench: CheckNowSignaller did not connect")
            time.sleep(2)  # the monitor's first (routine) check, on a healthy lab
            offset = relay_size(lab)
            lab.fault("stop", "api")
            try:
                signaller.stdin.write("go\n")
                signaller.stdin.flush()
                sent = json.loads(signaller.stdout.readline())["sentAtMillis"] / 1000
                latency = wait_for_message(lab, offset, sent + 30)
                latency = None if latency is None else latency - sent
            finally:
                lab.fault("stop", "api", "undo")
        finally:
            signaller.stdin.close()
            signaller.wait()
        # The CLI as typed, on the healthy lab again (its check finds nothing to report).
        start = time.time()
        subprocess.run([str(env.REPO / "rack"), "monitor", "check-now", "lab"], env=check_now_env, check=True,
                       stdout=subprocess.DEVNULL)
        return latency, time.time() - start


def post_gatus_alert(lab, service):
    """What Gatus's custom provider sends with the README template; returns the wall time just before."""
    import urllib.request
    body = json.dumps({"endpoint_name": service, "endpoint_group": "staging", "endpoint_url": "http://127.0.0.1/",
                       "alert_description": "bench", "status": "TRIGGERED"}).encode()
    secret = (lab.work / "alerts.secret").read_text().strip()
    request = urllib.request.Request("http://127.0.0.1:8787/alerts/gatus?host=lab", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {secret}"})
    sent = time.time()
    with urllib.request.urlopen(request, timeout=5) as response:
        response.read()
    return sent


def one_alert_run(lab, config, java_opts):
    """Alert POSTed to the warm worker → message 1 seconds, or None."""
    with DevInstance(config, java_opts):
        time.sleep(2)  # the monitor's first (routine) check, on a healthy lab
        offset = relay_size(lab)
        lab.fault("stop", "api")
        try:
            time.sleep(2.5)  # the status page sees api down, as Gatus would before it alerts
            sent = post_gatus_alert(lab, "Orders API")
            latency = wait_for_message(lab, offset, sent + 30)
            return None if latency is None else latency - sent
        finally:
            lab.fault("stop", "api", "undo")


def wait_for_message(lab, offset, deadline):
    """The sink's `received` time of our CEO message 1, or None by the deadline."""
    while time.time() < deadline:
        lines, offset = new_lines(lab.relay_log, offset)
        for line in lines:
            if line.get("from") == FROM and line.get("to") == "ceo" and "Staging anomaly detected" in line["message"]:
                return received_at(line)
        time.sleep(0.02)
    return None


def measure(lab, reps, check_median, java_opts=""):
    config = bench_config(lab)
    check_now_env = dict(os.environ, TEMPORAL_ADDRESS=f"127.0.0.1:{PORT}")
    latencies, clis, missed = [], [], 0
    env.log(f"fault to message: {reps} runs (own ./rack dev on port {PORT})")
    for _ in range(reps):
        latency, cli = one_run(lab, config, java_opts, check_now_env)
        clis.append(cli)
        if latency is None:
            missed += 1
        else:
            latencies.append(latency)
    alerts, alert_missed = [], 0
    if (lab.work / "alerts.secret").exists():
        env.log(f"alert to message: {reps} runs")
        for _ in range(reps):
            latency = one_alert_run(lab, config, java_opts)
            if latency is None:
                alert_missed += 1
            else:
                alerts.append(latency)
    total, cli = Samples(latencies), Samples(clis)
    table = Table("3. Fault to CEO message 1 (api stopped; checkNow signal → relay sink records message 1)")
    table.row("signal → message 1 recorded", total)
    table.row("  the check itself (rack's median, measurement 1)", check_median)
    if total:
        engine = Samples([t - check_median.median for t in latencies])
        table.row("  engine overhead: the rest (Temporal, detection, loop start, relay)", engine)
        table.note(f"engine overhead share: {100 * engine.median / total.median:.0f} % of signal → message")
    table.row("`./rack monitor check-now lab` by hand: the CLI's own wall time", cli)
    if total:
        table.note(f"as typed by hand: about {total.median + cli.median:.2f} s (CLI + signal → message; "
                   "the CLI signals shortly before it exits)")
    if alerts:
        table.row("Gatus-style alert POSTed to the worker → message 1 recorded (push trigger)", Samples(alerts))
    if missed or alert_missed:
        table.note(f"{missed + alert_missed} run(s) saw no message 1 within 30 s")
    table.note("signal sent from an already connected JVM (bench CheckNowSignaller); end = the sink's `received` stamp")
    return table
