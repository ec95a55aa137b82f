# What bench/run.sh and bench/compare.sh share: tools, a seeded PostgreSQL on loopback, the
# packaged service started against it, wrk and pgbench runs, the JIT's warm-up, and the delay
# proxy. Sourced, not run; the caller sets ROOT, BENCH_DIR and WORK (a temporary directory it
# removes) and calls bench_cleanup from its EXIT trap.

say() { echo "bench: $*" >&2; }
fail() { echo "bench: FAILED: $*" >&2; exit 1; }

export BENCH_PRODUCTS=${BENCH_PRODUCTS:-10000}
JAVA17=${BENCH_JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JSTAT=$(dirname "$JAVA17")/jstat
[[ -x $JSTAT ]] || JSTAT=jstat
# The JIT is taken to have settled when it compiles fewer methods a second than this.
SETTLED_COMPILES=${BENCH_SETTLED_COMPILES:-5}
# Longest warm-up, whatever the JIT does.
MAX_WARMUP=${BENCH_MAX_WARMUP:-180}

# require_tools [Debian packages...]: installs those, and what else is missing, when run as root.
require_tools() {
    local missing=("$@")
    command -v wrk >/dev/null || missing+=(wrk)
    command -v pgbench >/dev/null || missing+=(postgresql-client-15)
    [[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
    command -v curl >/dev/null || missing+=(curl)
    command -v python3 >/dev/null || missing+=(python3)
    [[ -x $JAVA17 && -x $(dirname "$JAVA17")/javac ]] || missing+=(openjdk-17-jdk-headless)
    if (( ${#missing[@]} )); then
        (( EUID == 0 )) || fail "missing: ${missing[*]} (install them, or run as root)"
        say "installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    [[ -x $JSTAT ]] || JSTAT=$(dirname "$JAVA17")/jstat
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_postgres() { if (( EUID == 0 )); then runuser -u postgres -- "$@"; else "$@"; fi; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" || true; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

# start_postgres: a PostgreSQL 15 in $WORK/pg on a free loopback port, with a password; sets
# PG_PORT, PG_PASSWORD, PG_LOG and the libpq variables for psql and pgbench.
start_postgres() {
    PG_PORT=$(free_port)
    PG_PASSWORD="bench-$RANDOM$RANDOM"
    mkdir "$WORK/pg"
    echo "$PG_PASSWORD" > "$WORK/pwfile"
    (( EUID == 0 )) && chown postgres "$WORK/pg" "$WORK/pwfile"
    as_postgres /usr/lib/postgresql/15/bin/initdb -D "$WORK/pg" -U postgres --auth=scram-sha-256 \
        --pwfile="$WORK/pwfile" >/dev/null
    cat >> "$WORK/pg/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK/pg'
max_connections = 300
shared_preload_libraries = 'pg_stat_statements'
log_line_prefix = '%m [%p] %a '
# What the server itself did during a slow request: its own slow statements, vacuums, checkpoints.
log_min_duration_statement = 100
log_autovacuum_min_duration = 0
log_checkpoints = on
CONF
    as_postgres /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg" -w -l "$WORK/pg/server.log" start >/dev/null
    PG_LOG=$WORK/pg/server.log
    export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGPASSWORD=$PG_PASSWORD PGDATABASE=postgres
}

sql() { psql -qAtX -v ON_ERROR_STOP=1 "$@"; }

# database_url DATABASE [PORT]: the service's DATABASE_URL for it (PORT: the delay proxy's, say).
database_url() { echo "postgresql://postgres:$PG_PASSWORD@127.0.0.1:${2:-$PG_PORT}/$1"; }

# create_database NAME APP: a database migrated by APP's own migrate command (each build gets the
# schema it was written for), seeded with BENCH_PRODUCTS products.
create_database() {
    local name=$1 app=$2
    sql -d postgres -c "create database $name"
    env -i PATH="$PATH" DATABASE_URL="$(database_url "$name")" "$JAVA17" -jar "$app/quarkus-run.jar" migrate \
        >"$WORK/migrate-$name.log" 2>&1 || { cat "$WORK/migrate-$name.log"; fail "migrate $name"; }
    sql -d "$name" -c "create extension if not exists pg_stat_statements"
    sql -d "$name" -c "insert into product (sku, name, description, price, stock)
         select 'SKU-' || lpad(i::text, 6, '0'), 'Product ' || i, 'Product number ' || i || ', seeded for the benchmark',
                (i % 1000) + 0.99, 1000000000
         from generate_series(1, $BENCH_PRODUCTS) i"
    sql -d "$name" -c "vacuum analyze"
}

# start_app APP PORT DATABASE_URL LOG JAVA [JVM options...]: the packaged jar in prod mode,
# configured by the environment only (plus BENCH_SERVICE_ENV and TRACING_ENV); sets APP_PID.
start_app() {
    local app=$1 port=$2 url=$3 log=$4 java=$5
    shift 5
    # shellcheck disable=SC2086 # the variables hold several NAME=value words on purpose
    env -i PATH="$PATH" HOME="$WORK" DATABASE_URL="$url" QUARKUS_HTTP_PORT="$port" \
        ${BENCH_SERVICE_ENV:-} ${TRACING_ENV:-} "$java" "$@" -jar "$app/quarkus-run.jar" >>"$log" 2>&1 &
    APP_PID=$!
}

# stop_app PID: SIGTERM, then waits for the process to be gone (its port free again).
stop_app() {
    kill "$1" 2>/dev/null || return 0
    local deadline=$(( $(now_ms) + 60000 ))
    while kill -0 "$1" 2>/dev/null && (( $(now_ms) < deadline )); do sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
}

# wait_for URL WANT [LOG]: milliseconds since START_MS until URL answers with status WANT ("any":
# any answer); shows LOG's tail and fails after 60 s.
wait_for() {
    local url=$1 want=$2 log=${3:-} deadline=$(( $(now_ms) + 60000 )) got
    while (( $(now_ms) < deadline )); do
        got=$(status_of "$url")
        if [[ $got == "$want" || ( $want == any && $got != 000 ) ]]; then
            echo $(( $(now_ms) - START_MS ))
            return 0
        fi
        sleep 0.005
    done
    [[ -n $log ]] && tail -20 "$log" >&2
    fail "$url did not answer $want within 60 s"
}

# wrk_run SCRIPT CONNECTIONS SECONDS BASE: prints "req/s p50 p99 max non-2xx socket-errors requests".
wrk_run() {
    wrk -t2 -c"$2" -d"$3"s --timeout 10s -s "$BENCH_DIR/wrk/$1.lua" "$4" \
        | awk '/^RESULT / { print $2, $3, $4, $5, $6, $7, $8 }'
}

# answers_not_2xx BASE: what the service answered other than 2xx since it started, by status and
# route, from its own metrics ("503 POST /api/products/{id}/reservations x7"), and why it refused
# requests (database_requests_refused_total): what a failed run says about its non-2xx.
answers_not_2xx() {
    curl -s --max-time 5 "$1/q/metrics" | python3 -c '
import re, sys
answers = []
for line in sys.stdin:
    m = re.match(r"http_server_requests_seconds_count\{(.*)\} (\S+)", line)
    if m:
        tags = dict(re.findall(r"(\w+)=\"([^\"]*)\"", m.group(1)))
        if not tags.get("status", "").startswith("2"):
            answers.append("%s %s %s x%.0f" % (tags.get("status"), tags.get("method"), tags.get("uri"), float(m.group(2))))
    m = re.match(r"database_requests_refused_total\{.*reason=\"(\w+)\".*\} (\S+)", line)
    if m and float(m.group(2)) > 0:
        answers.append("refused (%s) x%.0f" % (m.group(1), float(m.group(2))))
print("; ".join(answers) or "none in the service metrics")
' || echo "the service metrics did not answer"
}

# pgbench_run SCRIPT CONNECTIONS SECONDS [PORT]: prints "tps latency-ms transactions".
pgbench_run() {
    pgbench -n -M prepared -c "$2" -j 2 -T "$3" ${4:+-p "$4"} -f "$1" 2>"$WORK/pgbench.err" | awk '
        /^number of transactions actually processed: / { split($6, done, "/"); transactions = done[1] }
        /^latency average = / { latency = $4 }
        /^tps = / { tps = $3 }
        END { if (tps != "") print tps, latency, transactions }' | grep . \
        || { cat "$WORK/pgbench.err" >&2; fail "pgbench $1"; }
}

compiled() { "$JSTAT" -compiler "$1" 2>/dev/null | awk 'NR == 2 { print $1 }'; }

# warm_up SCRIPT CONNECTIONS BASE PID MIN_SECONDS [MAX_SECONDS]: load until the JIT has settled:
# at least MIN_SECONDS, then 10 s more at a time while it compiled SETTLED_COMPILES or more methods
# a second, up to MAX_SECONDS (MAX_WARMUP). Prints "seconds compiles/s-of-the-last-10-s" ("-" when
# it was not asked).
warm_up() {
    local script=$1 connections=$2 base=$3 pid=$4 spent=$5 max=${6:-$MAX_WARMUP} before after rate=-
    wrk_run "$script" "$connections" "$spent" "$base" >/dev/null
    while (( spent < max )); do
        before=$(compiled "$pid")
        wrk_run "$script" "$connections" 10 "$base" >/dev/null
        after=$(compiled "$pid")
        spent=$(( spent + 10 ))
        rate=$(( (after - before) / 10 ))
        (( rate >= SETTLED_COMPILES )) || break
    done
    echo "$spent $rate"
}

# start_delay_proxy TARGET_PORT DELAY_MICROS: bench/DelayProxy.java in front of TARGET_PORT; sets
# PROXY_PORT, PROXY_STATS_PORT and PROXY_PID.
start_delay_proxy() {
    PROXY_PORT=$(free_port)
    PROXY_STATS_PORT=$(free_port)
    "$JAVA17" "$BENCH_DIR/DelayProxy.java" "$PROXY_PORT" "$1" "$2" "$PROXY_STATS_PORT" >"$WORK/proxy.log" 2>&1 &
    PROXY_PID=$!
    local deadline=$(( $(now_ms) + 30000 ))
    until round_trips >/dev/null 2>&1; do
        (( $(now_ms) < deadline )) || { cat "$WORK/proxy.log" >&2; fail "the delay proxy did not start"; }
        sleep 0.1
    done
}

# round_trips: how many round trips the delay proxy has carried so far.
round_trips() {
    local line
    exec 3<>"/dev/tcp/127.0.0.1/$PROXY_STATS_PORT" || return 1
    read -r line <&3
    exec 3<&-
    line=${line#round_trips=}
    echo "${line%% *}"
}

# bench_cleanup: stops what lib.sh started (PostgreSQL, the proxy); the caller stops its services.
bench_cleanup() {
    [[ -n ${PROXY_PID:-} ]] && kill "$PROXY_PID" 2>/dev/null
    [[ -f $WORK/pg/postmaster.pid ]] && as_postgres /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg" -m immediate stop >/dev/null 2>&1
    return 0
}
