#!/usr/bin/env python3
"""PID 1 of the lab host's PID namespace.

Runs the given command (sshd) and reaps every process that gets re-parented to it (faults start
detached processes over SSH; without a reaper they would linger as zombies). When sshd exits, or on
SIGTERM, it exits too; the kernel then kills everything left in the namespace.
"""
import os
import signal
import subprocess
import sys


def main():
    child = subprocess.Popen(sys.argv[1:])

    def stop(_sig, _frame):
        try:
            os.kill(-1, signal.SIGTERM)  # in a PID namespace: every process but us
        except OSError:
            pass
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        try:
            pid, _status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        if pid == child.pid:
            print("nsinit: sshd exited, leaving", file=sys.stderr)
            break
    return 1


if __name__ == "__main__":
    sys.exit(main())
