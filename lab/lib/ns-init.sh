#!/bin/bash
# Runs as PID 1's parent step inside the lab host's fresh mount + PID namespaces
# (started by lab/up via `unshare --mount --pid --fork --mount-proc`).
# It gives the lab host its own view of the paths the anomaly scan reads and the faults write,
# then execs a tiny reaping init that runs sshd. Nothing here is visible outside the namespace:
# propagation is private, and every write lands under lab/.work/host/.
set -euo pipefail
W="$1"; PY="$2"
H="$W/host"

# Never let a mount made here propagate back to the real machine.
mount --make-rprivate /

# Copy-on-write view: reads fall through to the real directory, writes go to lab/.work/host/<name>.upper.
# Used for /etc (crontab, cron.d, systemd units, ld.so.preload), /usr/local (the preload "library"),
# /var/spool (crontabs), /var/log (wtmp/lastlog written by sshd) and /run (sshd's privsep dir, utmp).
cow() {
  local dir="$1" name="$2"
  mkdir -p "$H/$name.upper" "$H/$name.ovwork"
  if mount -t overlay "lab-$name" -o "lowerdir=$dir,upperdir=$H/$name.upper,workdir=$H/$name.ovwork" "$dir"; then
    return 0
  fi
  # No overlayfs: fall back to a private copy (a snapshot; fine for a disposable lab).
  echo "ns-init: overlay on $dir failed, using a copy" >&2
  mkdir -p "$H/$name.copy"
  cp -a "$dir/." "$H/$name.copy/"
  mount --bind "$H/$name.copy" "$dir"
}
# Keep a handle on the real /run: a unix socket seen through overlayfs cannot be connected to, so the
# lab view's /run/docker.sock becomes a symlink into the real /run (survives a dockerd restart).
mkdir -p "$H/realrun"
mount --bind /run "$H/realrun"

cow /etc etc
cow /usr/local usrlocal
cow /var/spool spool
cow /var/log varlog
cow /run run

# Clean private directories (bind mounts of lab dirs): root's home (no pyenv .bashrc, only the
# lab's authorized_keys), /tmp and /var/tmp (where the miners drop their binaries) and /srv (disk fault mount point).
bindclean() {
  local dir="$1" name="$2"
  mkdir -p "$H/$name"
  mount --bind "$H/$name" "$dir"
}
bindclean /root root
bindclean /tmp tmp
chmod 1777 /tmp
# /var/tmp too: the impostor fault drops its binary there, like the write-ups' miners.
bindclean /var/tmp vartmp
chmod 1777 /var/tmp
bindclean /srv srv
# rack keeps evidence and quarantined files under /var/lib/rack: the lab host gets its own.
# (lab/up creates the empty mount point on the real machine when missing; lab/down removes it.)
bindclean /var/lib/rack varlibrack

rm -f /run/docker.sock
ln -s "$H/realrun/docker.sock" /run/docker.sock

mkdir -p /run/sshd /var/spool/cron/crontabs /etc/systemd/system /etc/cron.d
chmod 0755 /run/sshd
chmod 1730 /var/spool/cron/crontabs

# The hardened sshd serves the same host on its own port. Started here, it becomes a child of the
# reaping init below once this script execs it, and dies with the namespace like everything else.
/usr/sbin/sshd -D -e -f "$W/sshd_config.hardened" &
exec "$PY" "$W/../lib/nsinit.py" /usr/sbin/sshd -D -e -f "$W/sshd_config"
