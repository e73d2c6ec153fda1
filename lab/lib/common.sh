# Shared paths and helpers for the lab scripts. Sourced, not executed.
# shellcheck shell=bash

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
W="$LAB_DIR/.work"                 # everything the lab creates lives here
FAULTS="$W/faults"                 # one flag file per active fault
IMAGE="rack-lab-busybox:latest"
CONTAINERS=(api web worker)
SSH_PORT=2222                      # the lab host's sshd with Debian's stock settings
HARDENED_SSH_PORT=2223             # the same host's second sshd, hardened (MaxSessions 2)
STATUS_PORT=8081
RELAY_PORT=8082
# A short exec-root for a lab-started dockerd: unix socket paths are limited to 108 bytes,
# so it cannot live under a possibly deep checkout path.
DOCKER_EXEC_ROOT=/run/rack-lab-docker

# Prefer the distribution python: the lab must not depend on root's pyenv (it lives in /root,
# which the lab host replaces with its own clean home).
if [[ -x /usr/bin/python3 ]]; then PY=/usr/bin/python3; else PY="$(command -v python3 || echo python3)"; fi

log() { echo "$(basename "$0"): $*" >&2; }
die() { log "$*"; exit 1; }

container_port() {
  case "$1" in api) echo 18081 ;; web) echo 18082 ;; worker) echo 18083 ;; *) return 1 ;; esac
}

# The normal (healthy) container definition, as a compose file would have it.
run_normal_container() {
  local name="$1" port
  port="$(container_port "$name")"
  local script
  if [[ "$name" == worker ]]; then
    # the worker "works" in a loop and serves a tiny health endpoint
    script="mkdir -p /www; echo ok > /www/index.html; echo 'worker started, health on $port';
            httpd -p 127.0.0.1:$port -h /www;
            while true; do sleep 5; echo \"worker: processed batch at \$(date -u +%H:%M:%S)\"; done"
  else
    script="mkdir -p /www; echo '<h1>$name</h1>' > /www/index.html; echo ok > /www/health;
            echo '$name listening on $port'; exec httpd -f -v -p 127.0.0.1:$port -h /www"
  fi
  docker run -d --name "$name" --network host --restart unless-stopped \
    --label rack.lab=1 --label "rack.lab.service=$name" \
    "$IMAGE" sh -c "$script" >/dev/null
}

remove_container() { docker rm -f "$1" >/dev/null 2>&1 || true; }

# Options shared by lab/ssh and the scripts: strict host key checking against the lab's own
# known_hosts, the lab's client key only, no user ssh config.
ssh_opts() {
  echo -F /dev/null -i "$W/client_key" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o UserKnownHostsFile="$W/known_hosts" -o GlobalKnownHostsFile=/dev/null \
    -o StrictHostKeyChecking=yes -o ConnectTimeout=5 -o LogLevel=ERROR -p "${LAB_SSH_PORT:-$SSH_PORT}"
}
lab_ssh() {
  # -n: the scripts never feed a remote command, and an inherited stdin (closed, or the pipe of a
  # command substitution) must not be read and forwarded.
  # shellcheck disable=SC2046
  ssh -n $(ssh_opts) root@127.0.0.1 "$@"
}

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }
read_pid() { [[ -f "$1" ]] && tr -dc '0-9' < "$1" || true; }

# Wait up to $1 seconds for command "$2..." to succeed.
wait_for() {
  local secs="$1"; shift
  local end=$((SECONDS + secs))
  while ! "$@" >/dev/null 2>&1; do
    (( SECONDS < end )) || return 1
    sleep 0.2
  done
}
