"""Measurement 2: one sweep of a loopback fleet with the check's command set.

rack: HostProbeImpl.collect for every host, 50 at a time, in one warm JVM (the sweep's wall time
and the JVM's CPU time across it). The others run the same commands as one shell script per
host, 50 hosts at a time: ansible ad-hoc (-m raw, forks=50), parallel-ssh -p 50, xargs -P 50
ssh. Their client CPU is user+sys of the whole process tree (GNU time: the tool and every ssh it
waited for). sshd on the same two cores is not client CPU and is not counted.
"""
import base64
import json
import os
import subprocess
import tempfile
from pathlib import Path

import env
import host_check
from stats import Samples, Table, core_seconds

CONCURRENCY = 50


def time_tree(cmd, **kw):
    """(wall seconds, user+sys core-seconds of cmd and its waited-for children, exit code)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        proc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S", "-o", out.name, *cmd],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
        wall, user, sys_ = map(float, Path(out.name).read_text().split()[-3:])
    return wall, user + sys_, proc


class Result:
    def __init__(self, name):
        self.name = name
        self.wall, self.cpu, self.failures = [], [], []

    def add(self, wall, cpu, failed):
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.failures.append(failed)


def rack(fleet, sizes, reps, warmup):
    """{size: Result}, all sizes in one JVM: warm-up sweeps first, as a long-running worker is warm."""
    results = {size: Result("rack (HostProbeImpl, 50 concurrent checks)") for size in sizes}
    out = env.java("ProbeBench", "sweep", fleet.rack_config(max(sizes)), CONCURRENCY, warmup, reps,
                   ",".join(map(str, sizes)), stderr=subprocess.PIPE).stdout
    for line in out.splitlines():
        r = json.loads(line)
        results[r["hosts"]].add(r["seconds"], r["cpuSeconds"], r["hosts"] - r["reachable"])
    return results


def ansible(fleet, hosts, script, reps):
    d = fleet.dir / "ansible"
    d.mkdir(exist_ok=True)
    inventory = d / f"inventory-{hosts}"
    inventory.write_text("[fleet]\n" + "".join(f"{a}\n" for a in fleet.addresses[:hosts]))
    ssh_args = " ".join(fleet.ssh_options()[:-2])  # the port is ansible_port
    # ControlMaster off: with -m raw each host gets one command, and a persisted master would
    # run detached, outside the measured process tree.
    (d / "ansible.cfg").write_text(f"""[defaults]
host_key_checking = True
forks = {CONCURRENCY}
local_tmp = {d}/tmp
remote_user = root
private_key_file = {fleet.key}
[ssh_connection]
ssh_args = -o ControlMaster=no {ssh_args}
""")
    environment = dict(os.environ, ANSIBLE_CONFIG=str(d / "ansible.cfg"), ANSIBLE_HOME=str(d / "home"))
    # The script travels base64-encoded: ansible splits -a itself and refused the raw script ("failed
    # at splitting arguments": its backslash-newlines and quotes; every run of 12-02 and 12-06 ended
    # there, exit 4, no host reached). One base64 -d on each host is the price, about a millisecond.
    encoded = base64.b64encode(script.encode()).decode()
    cmd = ["ansible", "fleet", "-i", str(inventory), "-m", "raw", "-a", f"echo {encoded} | base64 -d | sh", "-f", str(CONCURRENCY), "-o",
           "-e", f"ansible_port={fleet.ssh_options()[-1]}"]
    result = Result("ansible ad-hoc -m raw, forks=50")
    for _ in range(reps):
        wall, cpu, proc = time_tree(cmd, env=environment)
        ok = sum(1 for line in proc.stdout.splitlines() if "| CHANGED" in line or "| SUCCESS" in line)
        if ok == 0:
            env.log(f"ansible reached no host (exit {proc.returncode}): {proc.stderr.strip()[:300]}")
        result.add(wall, cpu, hosts - ok)
    return result


def pssh(fleet, hosts, script, reps):
    d = fleet.dir / "pssh"
    d.mkdir(exist_ok=True)
    host_file = d / f"hosts-{hosts}"
    host_file.write_text("".join(f"root@{a}:2300\n" for a in fleet.addresses[:hosts]))
    extra = " ".join(fleet.ssh_options()[:-2])
    cmd = ["parallel-ssh", "-h", str(host_file), "-p", str(CONCURRENCY), "-t", "120", "-x", extra,
           "-o", str(d / "out"), "-e", str(d / "err"), script]
    result = Result("parallel-ssh -p 50")
    for _ in range(reps):
        wall, cpu, proc = time_tree(cmd)
        ok = proc.stdout.count("[SUCCESS]")
        result.add(wall, cpu, hosts - ok)
    return result


def xargs(fleet, hosts, script, reps):
    options = " ".join(fleet.ssh_options())
    cmd = ["xargs", "-P", str(CONCURRENCY), "-n", "1", "sh", "-c", f'exec ssh {options} "root@$1" "$SCRIPT" >/dev/null', "_"]
    result = Result("xargs -P 50 ssh")
    hosts_text = "".join(f"{a}\n" for a in fleet.addresses[:hosts])
    for _ in range(reps):
        wall, cpu, proc = time_tree(cmd, input=hosts_text, env=dict(os.environ, SCRIPT=script))
        failed = proc.stderr.count("exited with status") + proc.stderr.count("Connection")
        result.add(wall, cpu, failed if proc.returncode else 0)
    return result


def measure(fleet, sizes, reps, warmup):
    commands = list(host_check.probe_commands().values())
    script = "\n".join(f"( {c}\n)" for c in commands)
    env.log(f"fleet sweep: rack, {warmup} warm-up sweeps of {sizes[0]} hosts, then {reps} sweeps of {sizes}")
    racks = rack(fleet, sizes, reps, warmup)
    tables = []
    for hosts in sizes:
        env.log(f"fleet sweep: {hosts} hosts, ansible, parallel-ssh, xargs, {reps} runs each")
        results = [racks[hosts]] + [tool(fleet, hosts, script, reps) for tool in (ansible, pssh, xargs)]
        tables.append(table(hosts, results))
    return tables


def table(hosts, results):
    t = Table(f"2. Fleet sweep, {hosts} hosts (127.0.0.x:2300), {len(results[0].wall)} runs each; ratio vs ansible")
    reference = results[1]
    wall_ref, cpu_ref = Samples(reference.wall), Samples([c / hosts for c in reference.cpu])
    for r in results:
        t.row(f"{r.name}: wall", Samples(r.wall), reference=wall_ref)
    for r in results:
        t.row(f"{r.name}: client CPU per host", Samples([c / hosts for c in r.cpu]), fmt=core_seconds, reference=cpu_ref)
    for r in results:
        if any(r.failures):
            t.note(f"{r.name}: hosts not checked per run: {r.failures}")
    t.note("the same check sections per host (rack.probe.HostCommands), rack at once in one shell, the others one after another; the bench hosts have no docker socket, so the "
           "docker commands fail fast alike for every tool")
    t.note("rack's CPU: the whole JVM (all threads, GC, JIT) across each sweep, after the warm-up sweeps")
    return t
