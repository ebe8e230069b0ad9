#!/usr/bin/env bash
# Installs (when missing) and starts PostgreSQL, RabbitMQ and Redis directly on this machine —
# no Docker, no systemd — then provisions the commerce database, vhost and user.
# Every step checks before it acts, so running it again is harmless.
#   infra/local/services.sh up      install, start, provision
#   infra/local/services.sh down    stop the three services
#   infra/local/services.sh redis   start Redis alone (the chaos run's nemesis stops it)
#   infra/local/services.sh redis-cache   start the search cache's Redis alone (port 6380)
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
infra="$root_dir/infra"

say() { printf '  \033[36m%-10s\033[0m %s\n' "$1" "$2" >&2; }
die() { printf 'services: %s\n' "$*" >&2; exit 1; }

# Root runs commands directly; anyone else goes through sudo.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Polls a command until it succeeds or the deadline (seconds) passes.
wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "$what did not come up within ${seconds}s"
    sleep 0.5
  done
}

ensure_packages() {
  local missing=()
  [ -x /usr/bin/pg_ctlcluster ] || missing+=(postgresql)
  [ -x /usr/sbin/rabbitmq-server ] || missing+=(rabbitmq-server)
  [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    say install "${missing[*]} (apt)"
    as_root apt-get update -q >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

pg_version() { pg_lsclusters -h | awk 'NR==1 {print $1}'; }

start_postgres() {
  if [ -z "$(pg_lsclusters -h)" ]; then
    local version; version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    as_root pg_createcluster "$version" main >/dev/null
  fi
  local version; version=$(pg_version)
  if ! pg_lsclusters -h | awk '$2 == "main" {print $4}' | grep -q online; then
    as_root pg_ctlcluster "$version" main start
  fi
  wait_for PostgreSQL 60 pg_isready -q -h localhost -p 5432
  # Both settings below take effect only on a restart, so PostgreSQL restarts once, and only when
  # one of them changed.
  local restart=false
  # The Api (40), two Workers (2 × 25), the CLI, and test suites or a chaos run side by side need
  # more than PostgreSQL's default 100 connections.
  if [ "$(as_root runuser -u postgres -- psql -Atc 'SHOW max_connections')" -lt 300 ]; then
    as_root runuser -u postgres -- psql -q -c 'ALTER SYSTEM SET max_connections = 300' >/dev/null
    restart=true
  fi
  # pg_stat_statements: the bench counts statements per order with it (docs/adr/0016). Only when the
  # library is installed — naming a missing one would stop PostgreSQL from starting at all.
  local libraries; libraries=$(as_root runuser -u postgres -- psql -Atc 'SHOW shared_preload_libraries')
  if [[ ",${libraries// /}," != *,pg_stat_statements,* ]] && [ -f "/usr/lib/postgresql/$version/lib/pg_stat_statements.so" ]; then
    as_root runuser -u postgres -- psql -q -c "ALTER SYSTEM SET shared_preload_libraries = '${libraries:+$libraries,}pg_stat_statements'" >/dev/null
    restart=true
  fi
  if $restart; then
    as_root pg_ctlcluster "$version" main restart
    wait_for PostgreSQL 60 pg_isready -q -h localhost -p 5432
  fi
  as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -d postgres < "$infra/postgres/init.sql" >/dev/null
  say postgres "ready on localhost:5432 (database commerce)"
}

# A setting of infra/env/local.env, unless the environment already has it.
local_setting() {
  if [ -n "${!1:-}" ]; then printf '%s' "${!1}"; else (. "$infra/env/local.env"; printf '%s' "${!1:-}"); fi
}

rabbitmq_running() { as_root rabbitmqctl -q ping >/dev/null 2>&1; }

start_rabbitmq() {
  as_root install -m 0644 "$infra/rabbitmq/rabbitmq.conf" /etc/rabbitmq/rabbitmq.conf
  as_root install -m 0644 "$infra/rabbitmq/enabled_plugins" /etc/rabbitmq/enabled_plugins
  as_root install -m 0644 "$infra/rabbitmq/definitions.json" /etc/rabbitmq/definitions.json
  if ! rabbitmq_running; then
    as_root rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
  wait_for RabbitMQ 120 as_root rabbitmqctl -q await_startup
  # Plugins too, in case the broker was already running before the file above existed: the file's
  # list ([a,b,c].), so that it is the one place plugins are named.
  local plugins
  plugins=$(tr -d '[].\n ' < "$infra/rabbitmq/enabled_plugins" | tr ',' ' ')
  # shellcheck disable=SC2086
  as_root rabbitmq-plugins -q enable $plugins >/dev/null
  # Also on a broker that already has the users: the import updates their password hashes, tags and permissions.
  as_root rabbitmqctl -q import_definitions /etc/rabbitmq/definitions.json >/dev/null
  if as_root rabbitmqctl -q list_users | awk '{print $1}' | grep -qx guest; then
    as_root rabbitmqctl -q delete_user guest >/dev/null
  fi
  # As the local administrator: the hosts' user has no management tag (docs/adr/0033).
  local admin; admin="$(local_setting RabbitMqAdmin__Username):$(local_setting RabbitMqAdmin__Password)"
  wait_for "RabbitMQ management" 60 curl -fsS -u "$admin" http://localhost:15672/api/overview
  say rabbitmq "ready on localhost:5672, UI http://localhost:15672 (commerce-ops / commerce-ops)"
}

start_redis() {
  if ! redis-cli -p 6379 ping >/dev/null 2>&1; then
    as_root mkdir -p /var/lib/redis-commerce /var/log/redis
    # AOF with everysec: a crash loses at most about a second of carts and tokens (docs/adr/0002).
    # noeviction: when full, writes fail (503) rather than a cart or a refresh token vanishing (docs/adr/0032).
    as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 \
      --appendonly yes --appendfsync everysec \
      --maxmemory 512mb --maxmemory-policy noeviction \
      --dir /var/lib/redis-commerce --logfile /var/log/redis/redis-commerce.log
  fi
  wait_for Redis 30 redis-cli -p 6379 ping
  say redis "ready on localhost:6379"
}

# The search cache: bounded and evicting, nothing on disk; losing it costs PostgreSQL reads only (docs/adr/0032).
start_redis_cache() {
  if ! redis-cli -p 6380 ping >/dev/null 2>&1; then
    as_root mkdir -p /var/log/redis
    as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6380 \
      --maxmemory 64mb --maxmemory-policy allkeys-lru \
      --save "" --appendonly no \
      --logfile /var/log/redis/redis-commerce-cache.log
  fi
  wait_for "Redis cache" 30 redis-cli -p 6380 ping
  say redis "cache ready on localhost:6380"
}

up() {
  ensure_packages
  start_postgres
  start_rabbitmq
  start_redis
  start_redis_cache
}

down() {
  redis-cli -p 6380 shutdown nosave >/dev/null 2>&1 || true
  redis-cli -p 6379 shutdown >/dev/null 2>&1 || true
  if rabbitmq_running; then as_root rabbitmqctl -q stop >/dev/null 2>&1 || true; fi
  if [ -n "$(pg_lsclusters -h 2>/dev/null)" ]; then as_root pg_ctlcluster "$(pg_version)" main stop >/dev/null 2>&1 || true; fi
  say services "PostgreSQL, RabbitMQ and Redis stopped"
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  redis) start_redis ;;
  redis-cache) start_redis_cache ;;
  *) die "unknown action '$1' (use up, down, redis or redis-cache)" ;;
esac
