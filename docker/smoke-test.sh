#!/usr/bin/env bash
# Smoke test of the container image, on a machine without a Docker engine: builds the image with
# docker/build-image.sh (podman, on a Java 25 base made from Debian packages), then, against a
# real PostgreSQL on 127.0.0.1:
#   migrate (exit 0), serve with environment-only configuration, check /q/health/started,
#   /q/health/ready and an API call, check the process is not root, and send SIGTERM while a
#   request is under way: readiness turns DOWN at once, requests are still served, the request
#   completes and the process exits within the shutdown delay and timeout.
# Both containers run as deploy/kubernetes runs them: uid and gid 185, no capabilities, no
# privilege escalation, a read-only root filesystem with only /tmp writable.
#
# Needs root (debootstrap, podman) and ./mvnw package done. Usage: docker/smoke-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=localhost/inventory-service:smoke
SHUTDOWN_TIMEOUT_S=10   # quarkus.shutdown.timeout in application.properties
SHUTDOWN_DELAY_S=5      # SHUTDOWN_DELAY's default there
# As deploy/kubernetes runs the pods: uid and gid 185, no capabilities, no privilege escalation,
# a read-only root filesystem with one writable tmpfs, /tmp (podman would add /run and /var/tmp).
AS_KUBERNETES=(--user 185:185 --cap-drop=ALL --security-opt=no-new-privileges
    --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,size=64m,mode=1777)
CONTAINER=inventory-smoke-$$

say() { echo "smoke: $*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }

[[ -d target/quarkus-app ]] || fail "target/quarkus-app is missing: run ./mvnw package first"

# --- Tools -----------------------------------------------------------------------------------
missing=()
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
command -v psql >/dev/null || missing+=(postgresql-client-15)
command -v python3 >/dev/null || missing+=(python3)
command -v curl >/dev/null || missing+=(curl)
if (( ${#missing[@]} )); then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

WORK=$(mktemp -d)
chmod 755 "$WORK"
cleanup() {
    podman rm -f "$CONTAINER" >/dev/null 2>&1 || true
    # The image under test is a by-product; the base image stays, to be reused.
    podman rmi -f "$IMAGE" >/dev/null 2>&1 || true
    if [[ -f "$WORK/pg/postmaster.pid" ]]; then
        runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export CONTAINERS_CONF=$PWD/docker/podman.conf
docker/build-image.sh "$IMAGE" || fail "building the image"

# --- A real PostgreSQL on loopback, with a password (SCRAM) --------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port=$(free_port)
app_port=$(free_port)
password="smoke-$RANDOM-p@ss"
mkdir "$WORK/pg" && chown postgres "$WORK/pg"
echo "$password" > "$WORK/pwfile" && chown postgres "$WORK/pwfile"
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$WORK/pg" -U postgres --auth=scram-sha-256 \
    --pwfile="$WORK/pwfile" >/dev/null
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg" -w -l "$WORK/pg/server.log" \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $WORK/pg" start >/dev/null
export PGPASSWORD=$password
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'create database inventory'
encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$password")
database_url="postgresql://postgres:$encoded@127.0.0.1:$pg_port/inventory"

run() { podman run --rm --network host "${AS_KUBERNETES[@]}" -e "DATABASE_URL=$database_url" "$@"; }

# --- migrate -----------------------------------------------------------------------------------
run "$IMAGE" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; fail "migrate"; }
grep -q "Migrations applied" "$WORK/migrate.log" || { cat "$WORK/migrate.log"; fail "migrate printed no result"; }
say "migrate: exit 0, $(grep -o 'Migrations applied.*' "$WORK/migrate.log")"

# --- serve -------------------------------------------------------------------------------------
# The request under way at SIGTERM (below) waits for a row lock held for 3 s: longer than the
# default lock timeout (1 s, README "Deadlines"), which would end it before the signal.
podman run -d --name "$CONTAINER" --network host "${AS_KUBERNETES[@]}" -e "DATABASE_URL=$database_url" \
    -e "QUARKUS_HTTP_PORT=$app_port" -e DB_LOCK_TIMEOUT=5S -e DB_STATEMENT_TIMEOUT=6S "$IMAGE" >/dev/null
base="http://127.0.0.1:$app_port"
for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$base/q/health/live" && break
    sleep 0.5
done
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
started=$(status "$base/q/health/started")
ready=$(status "$base/q/health/ready")
say "/q/health/started: $started"
say "/q/health/ready: $ready"
created=$(curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' \
    -d '{"sku":"SMOKE-1","name":"Smoke test","price":1.50,"stock":3}' "$base/api/products")
created_status=$(tail -1 <<<"$created")
product_id=$(head -1 <<<"$created" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
listed=$(status "$base/api/products")
say "POST /api/products: $created_status, GET /api/products: $listed"
uid=$(podman exec "$CONTAINER" id -u)
say "container process uid: $uid"
aot=$(podman exec "$CONTAINER" sh -c 'test -f /deployments/app.aot && echo trained || echo absent')
say "AOT cache: $aot; $(podman logs "$CONTAINER" 2>&1 | grep -o 'started in [0-9.]*s' | head -1)"

[[ $started == 200 && $ready == 200 ]] || { podman logs "$CONTAINER"; fail "probes"; }
[[ $created_status == 201 && $listed == 200 ]] || { podman logs "$CONTAINER"; fail "API"; }
[[ $uid != 0 ]] || fail "the service runs as root"
writable=()
for dir in /tmp /deployments /run /var/tmp /home; do
    if podman exec "$CONTAINER" sh -c "touch $dir/.smoke-write" 2>/dev/null; then
        writable+=("$dir")
    fi
done
say "read-only root filesystem: writable ${writable[*]:-nothing}"
[[ "${writable[*]:-}" == /tmp ]] || fail "writable: ${writable[*]:-nothing}, expected only /tmp"

# --- SIGTERM with a request under way ----------------------------------------------------------
# A transaction holds the product's row for 3 s; a PUT waits for it while SIGTERM arrives.
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d inventory -qc \
    "begin; select id from product where id = $product_id for update; select pg_sleep(3); commit;" >/dev/null &
locker=$!
sleep 0.5
curl -s -o "$WORK/put.body" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
    -d '{"sku":"SMOKE-1","name":"Renamed during shutdown","price":1.50,"stock":3}' \
    "$base/api/products/$product_id" >"$WORK/put.status" &
put=$!
sleep 0.5
start=$(date +%s%N)
podman kill --signal TERM "$CONTAINER" >/dev/null
# For SHUTDOWN_DELAY: out of the load balancer at once, still serving.
for _ in $(seq 1 20); do   # the signal is handled within moments: up to 2 s
    ready_after_term=$(status "$base/q/health/ready")
    [[ $ready_after_term == 503 ]] && break
    sleep 0.1
done
get_after_term=$(status "$base/api/products/$product_id")
say "after SIGTERM: /q/health/ready $ready_after_term, GET /api/products/$product_id $get_after_term"
exit_code=$(podman wait "$CONTAINER")
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait "$put" "$locker" || true
in_flight=$(cat "$WORK/put.status")
say "in-flight PUT during shutdown: $in_flight"
say "exit code after SIGTERM: $exit_code, after ${elapsed_ms} ms (shutdown delay ${SHUTDOWN_DELAY_S} s, timeout ${SHUTDOWN_TIMEOUT_S} s)"

[[ $ready_after_term == 503 && $get_after_term == 200 ]] || { podman logs "$CONTAINER"; fail "during the shutdown delay"; }
[[ $in_flight == 200 ]] || { podman logs "$CONTAINER"; fail "the request under way was not completed"; }
# 143 is 128 + SIGTERM: the JVM's exit status after an orderly shutdown on that signal.
[[ $exit_code == 0 || $exit_code == 143 ]] || { podman logs "$CONTAINER"; fail "unclean exit $exit_code"; }
# The PUT is done about 2 s after SIGTERM: an exit before the delay is over means no delay.
(( elapsed_ms >= SHUTDOWN_DELAY_S * 1000 )) || fail "exited ${elapsed_ms} ms after SIGTERM, before the ${SHUTDOWN_DELAY_S} s delay"
(( elapsed_ms < (SHUTDOWN_DELAY_S + SHUTDOWN_TIMEOUT_S + 5) * 1000 )) || fail "shutdown took ${elapsed_ms} ms"
podman logs "$CONTAINER" 2>&1 | grep -q "stopped in" || fail "no orderly shutdown in the log"
say "PASSED"
