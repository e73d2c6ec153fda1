"""Where things are, what must be installed, and the lab the bench runs against."""
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench"
WORK = BENCH / ".work"               # git-ignored: keys, configs, logs, compiled harness
JAR = REPO / "starter" / "target" / "rack.jar"
HARNESS_SOURCES = REPO / "starter" / "src" / "test" / "java" / "rack" / "bench"
CLASSES = WORK / "classes"


def log(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, **kw)


def ensure_tools():
    """ansible-core and pssh from Debian when missing (the fleet baselines)."""
    missing = [pkg for pkg, binary in (("ansible-core", "ansible"), ("pssh", "parallel-ssh"))
               if shutil.which(binary) is None]
    if missing:
        log(f"installing {' '.join(missing)} (apt-get)")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env,
            stdout=subprocess.DEVNULL)


def ensure_harness():
    """The rack jar (the ./rack launcher rebuilds it when stale) and the JVM harness on top of it."""
    run([str(REPO / "rack"), "--version"], stdout=subprocess.DEVNULL)
    sources = sorted(HARNESS_SOURCES.glob("*.java"))
    stamp = CLASSES / ".built"
    newest = max(p.stat().st_mtime for p in sources + [JAR])
    if stamp.exists() and stamp.stat().st_mtime >= newest:
        return
    CLASSES.mkdir(parents=True, exist_ok=True)
    run(["javac", "-nowarn", "-d", str(CLASSES), "-cp", str(JAR), *map(str, sources)])
    stamp.touch()


def java(main, *args, java_opts=(), **kw):
    """Runs a harness main class; returns the CompletedProcess (stdout captured)."""
    cmd = ["java", *java_opts, "-cp", f"{CLASSES}:{JAR}", f"rack.bench.{main}", *map(str, args)]
    return subprocess.run(cmd, check=True, text=True, stdout=subprocess.PIPE, **kw)


def port_open(host, port):
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


class Lab:
    """The lab the bench measures: BENCH_LAB (a lab/ directory whose lab is up) or this repo's lab/.

    When no lab answers, this repo's lab/up brings one up and close() takes it down again; a lab
    that was already running is left as it was.
    """

    def __init__(self):
        self.dir = Path(os.environ.get("BENCH_LAB", REPO / "lab")).resolve()
        self.work = self.dir / ".work"
        self.brought_up = False

    def __enter__(self):
        if not self._answers():
            if port_open("127.0.0.1", 2222):
                raise SystemExit(f"bench: a lab answers on 127.0.0.1:2222 but not from {self.dir}; "
                                 "set BENCH_LAB to the lab/ directory it runs from")
            log(f"no lab running: {self.dir}/up")
            run([str(self.dir / "up")], stdout=sys.stderr)
            self.brought_up = True
        return self

    def __exit__(self, *exc):
        if self.brought_up:
            log(f"{self.dir}/down (the bench brought this lab up)")
            subprocess.run([str(self.dir / "down")], stdout=sys.stderr)

    def _answers(self):
        return (self.work / "client_key").exists() and subprocess.run(
            [str(self.dir / "ssh"), "true"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0

    @property
    def config(self):
        return self.dir / "rack.yaml"

    @property
    def relay_log(self):
        return self.work / "relay.jsonl"

    def ssh_options(self):
        """As lab/ssh: the lab's key only, strict host key checking, no user ssh config."""
        return ["-F", "/dev/null", "-i", str(self.work / "client_key"), "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes", "-o", f"UserKnownHostsFile={self.work / 'known_hosts'}",
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
                "-o", "LogLevel=ERROR", "-p", "2222"]

    def fault(self, *args):
        run([str(self.dir / "fault"), *args], stdout=subprocess.DEVNULL)
