"""Measurement 1: one full host check of the lab host (DESIGN A1.1 + A1.3).

rack: HostProbeImpl.collect in a warm JVM (one fresh SSH connection per check, every command in
one script on one exec channel, the status page over HTTP at the same time).
OpenSSH: the same commands, read from the probe's own command table, plus what a human runs for
A1.3 and the probe replaces: `docker stats --no-stream` (rack reads container memory from cgroups
instead). The status page is fetched with curl in every OpenSSH variant, as a human would.
"""
import json
import os
import re
import subprocess
import time
from pathlib import Path

import env
from stats import Samples, Table, core_seconds

NONCE = "benchnonce0000000"
DOCKER_STATS = "docker stats --no-stream --no-trunc --format '{{json .}}'"
STATUS_PAGE = "http://127.0.0.1:8081/api/v1/endpoints/statuses?page=1&pageSize=20"


def probe_commands():
    """The probe's commands, by name, from rack.probe.HostCommands."""
    return json.loads(env.java("ProbeBench", "commands", NONCE).stdout)


def human_commands():
    return list(probe_commands().values()) + [DOCKER_STATS]


def timed(fn, reps):
    values = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        values.append(time.perf_counter() - start)
    return Samples(values)


def measure(lab, reps, warmup=3):
    table = Table("1. One full host check of the lab host (every command + the status page)")
    ssh = ["ssh", *lab.ssh_options()]
    target = "root@127.0.0.1"
    commands = human_commands()
    curl = ["curl", "-fsS", "-o", "/dev/null", STATUS_PAGE]

    env.log(f"host check: rack probe, {warmup} warm-up + {reps} checks")
    sshd = listener_pid(2222)
    server_before = reaped_cpu_seconds(sshd)
    out = env.java("ProbeBench", "check", lab.config, "lab", warmup, reps).stdout
    server_cpu = (reaped_cpu_seconds(sshd) - server_before) / (warmup + reps) if sshd else None
    checks = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    rack = Samples([c["seconds"] for c in checks])
    client_cpu = Samples([c["cpuSeconds"] for c in checks])
    unreachable = [c for c in checks if not c["reachable"]]

    def one_ssh_per_command():
        subprocess.run(curl, check=True)
        for command in commands:
            subprocess.run(ssh + [target, command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    control = str(env.WORK / "cm-lab")
    with_master = ssh + ["-o", f"ControlPath={control}"]

    def control_master():
        subprocess.run(curl, check=True)
        for command in commands:
            subprocess.run(with_master + ["-o", "ControlMaster=no", target, command],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # Each command in a subshell: one of them ends with `exit 0`, which would end a pasted script.
    script = "\n".join(f"( {c}\n)" for c in commands)

    def one_ssh_all_commands():
        subprocess.run(curl, check=True)
        subprocess.run(ssh + [target, script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    probe_only = "\n".join(f"( {c}\n)" for c in commands[:-1])

    def one_ssh_probe_commands_only():
        subprocess.run(curl, check=True)
        subprocess.run(ssh + [target, probe_only], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def docker_stats_alone():
        subprocess.run(ssh + [target, DOCKER_STATS], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    env.log(f"host check: OpenSSH baselines ({len(commands)} commands), {reps} each")
    per_command = timed(one_ssh_per_command, reps)
    env.run(with_master + ["-o", "ControlMaster=yes", "-o", "ControlPersist=yes", "-f", "-N", target])
    try:
        master = timed(control_master, reps)
    finally:
        subprocess.run(with_master + ["-O", "exit", target], stderr=subprocess.DEVNULL)
    single = timed(one_ssh_all_commands, reps)
    single_probe_only = timed(one_ssh_probe_commands_only, reps)
    stats_alone = timed(docker_stats_alone, reps)

    table.row("rack, warm probe (HostProbeImpl.collect)", rack)
    table.row("rack: client CPU per check (the probe's JVM, all threads)", client_cpu, fmt=core_seconds)
    table.row("ssh: one `ssh` per command", per_command, reference=rack)
    table.row("ssh: ControlMaster, connection reused", master, reference=rack)
    table.row("ssh: one `ssh`, all commands in one shell", single, reference=rack)
    table.row("(one `ssh`, the probe's commands only: no docker stats)", single_probe_only, reference=rack)
    table.row("(`docker stats --no-stream` alone, one ssh)", stats_alone, reference=rack)
    table.note(f"{len(commands)} commands: the probe's {len(commands) - 1} (rack.probe.HostCommands) "
               "+ `docker stats --no-stream`, which the probe replaces with cgroup reads; ratio = median / rack's median")
    table.note("rack opens a fresh SSH connection for every check; the ControlMaster row does not count its "
               "connection (opened once before the runs)")
    if checks:
        c = checks[-1]
        table.note(f"rack's snapshot: {c['containers']} containers, {c['services']} status-page services, "
                   f"{c['processes']} processes, {c['notes']} notes")
    if server_cpu is not None:
        table.note(f"the lab host's side of one rack check: {server_cpu * 1000:.0f} ms of CPU on average (sshd's "
                   "connection and session, the shell, every section; read from the listening sshd's reaped-children "
                   "CPU in /proc, warm-up checks included)")
    if unreachable:
        table.note(f"{len(unreachable)} of rack's checks found the host unreachable")
    return table, rack


def listener_pid(port):
    """The pid of the sshd listening on 127.0.0.1:port, or None."""
    out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], text=True, stdout=subprocess.PIPE).stdout
    m = re.search(r"pid=(\d+)", out)
    return int(m.group(1)) if m else None


def reaped_cpu_seconds(pid):
    """CPU of pid's children that it has waited for (cutime + cstime): each finished connection's whole tree."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")
