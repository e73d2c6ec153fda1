#!/bin/bash
# PID 1's parent step of the bench fleet namespace (started by bench/lib/fleet.py with
# `unshare --mount --pid --fork --mount-proc --propagation private --kill-child`).
# Gives the fleet's sshds a clean root home (no ~/.bashrc running pyenv init: ~65 ms per SSH
# session, DESIGN C10) and a private /run (sshd's privilege-separation dir; no docker socket, so
# docker fails fast and alike for every tool), then runs one sshd per config file given.
set -euo pipefail
W="$1"; shift
mount --make-rprivate /
mkdir -p "$W/root" "$W/run"
mount --bind "$W/root" /root
mount -t tmpfs bench-run /run
mkdir -p /run/sshd && chmod 0755 /run/sshd
for config in "$@"; do
  /usr/sbin/sshd -D -e -f "$config" 2>>"$W/sshd.log" &
done
# Exiting (the driver kills unshare, --kill-child kills us) ends every sshd with the namespace.
wait
