# Shared paths and helpers for the lab scripts. Sourced, not executed.
# shellcheck shell=bash

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
W="$LAB_DIR/.work"                 # everything the lab creates lives here
FAULTS="$W/faults"                 # one flag file per active fault
IMAGE="rack-lab-busybox:latest"
# Containers named and labelled the way `docker compose` (project "shop") names them; the status
# page shows the services under display names of its own (statuspage.py).
COMPOSE_PROJECT=shop
SERVICES=(api web worker)
CONTAINERS=(shop-api-1 shop-web-1 shop-worker-1)
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

# The Compose service of a container or service name (api, shop-api-1 -> api).
service_of() {
  case "$1" in api|shop-api-1) echo api ;; web|shop-web-1) echo web ;; worker|shop-worker-1) echo worker ;; *) return 1 ;; esac
}
# The container of a Compose service or container name (api, shop-api-1 -> shop-api-1).
container_of() { local s; s="$(service_of "$1")" || return 1; echo "$COMPOSE_PROJECT-$s-1"; }

# The status page's name for a service's endpoint (statuspage.py), in group "staging".
endpoint_of() {
  case "$(service_of "$1")" in api) echo "Orders API" ;; web) echo "Storefront" ;; worker) echo "Worker queue" ;; *) return 1 ;; esac
}

container_port() {
  case "$(service_of "$1")" in api) echo 18081 ;; web) echo 18082 ;; worker) echo 18083 ;; *) return 1 ;; esac
}

# The labels `docker compose up` puts on a service's container, plus the lab's own.
compose_labels() {
  local s; s="$(service_of "$1")"
  echo "--label com.docker.compose.project=$COMPOSE_PROJECT --label com.docker.compose.service=$s" \
       "--label com.docker.compose.container-number=1 --label com.docker.compose.oneoff=False" \
       "--label rack.lab=1 --label rack.lab.service=$s"
}

# The normal (healthy) container definition, as a compose file would have it.
run_normal_container() {
  local name port service
  name="$(container_of "$1")"; service="$(service_of "$1")"
  port="$(container_port "$name")"
  local script
  if [[ "$service" == worker ]]; then
    # the worker "works" in a loop and serves a tiny health endpoint
    script="mkdir -p /www; echo ok > /www/index.html; echo 'worker started, health on $port';
            httpd -p 127.0.0.1:$port -h /www;
            while true; do sleep 5; echo \"worker: processed batch at \$(date -u +%H:%M:%S)\"; done"
  else
    script="mkdir -p /www; echo '<h1>$name</h1>' > /www/index.html; echo ok > /www/health;
            echo '$service listening on $port'; exec httpd -f -v -p 127.0.0.1:$port -h /www"
  fi
  # shellcheck disable=SC2046
  docker run -d --name "$name" --network host --restart unless-stopped $(compose_labels "$name") \
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
