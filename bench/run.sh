#!/usr/bin/env bash
# The benchmark (README "Benchmark", docs/performance.md). Needs the packaged jar (./mvnw package)
# and Debian packages: wrk, PostgreSQL 15 (server, client tools with pgbench), curl, python3; for
# the start-up figures also a JDK 25 and podman (docker/build-image.sh). Installs what is missing
# when run as root.
#
# It starts a PostgreSQL on loopback with 10,000 seeded products and the packaged jar in prod mode
# against it, then measures, for each operation at each connection count, after a warm-up: the
# service's req/s, p50, p99, max and failed requests, and pgbench's tps running the SQL the
# service issued for that operation (captured from the server's log), over the same number of
# connections. Then start-up (start -> first 200), port-open time with the database up and
# stopped, RSS, three long windows for stalls, recovery from terminated backends, and the cost of
# tracing (GET by id with tracing off, on, and on exporting to an OTLP receiver that drops what it
# gets, bench/otlp_sink.py). Writes bench/results/latest.md and prints it.
#
#   bench/run.sh            the full run (about 35 minutes on 2 cores)
#   bench/run.sh --smoke    every step for a few seconds: proves the benchmark still works (CI);
#                           writes bench/results-smoke/ instead
#
# Durations and counts can be changed with BENCH_* variables (see below); for experiments,
# BENCH_JVM_OPTS adds JVM options and BENCH_SERVICE_ENV variables ("NAME=value ...") to the
# service under load.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export BENCH_DIR=$ROOT/bench

if [[ ${1:-} == --smoke ]]; then
    MODE=smoke
    : "${BENCH_WARMUP:=2}" "${BENCH_DURATION:=3}" "${BENCH_CONNECTIONS:=16}" "${BENCH_STARTS:=1}" "${BENCH_STALL_WINDOWS:=1}"
    : "${BENCH_STALL_WINDOW:=3}" "${BENCH_RECOVERY:=4}"
else
    MODE=full
fi
WARMUP=${BENCH_WARMUP:-60}                 # seconds of load before each measurement
DURATION=${BENCH_DURATION:-20}             # seconds measured
CONNECTIONS=${BENCH_CONNECTIONS:-16 64}    # wrk's and pgbench's connection counts
STARTS=${BENCH_STARTS:-5}                  # starts per start-up figure (the median is shown)
STALL_WINDOWS=${BENCH_STALL_WINDOWS:-3}    # windows of GET by id at c16, looking for stalls
STALL_WINDOW=${BENCH_STALL_WINDOW:-60}     # seconds each
RECOVERY=${BENCH_RECOVERY:-10}             # seconds of load around the termination of every backend
OPERATIONS=${BENCH_OPERATIONS:-get page search reserve}
LOAD=${BENCH_LOAD:-yes}                    # no: skip the load, stalls, recovery and pgbench
TRACING=${BENCH_TRACING:-yes}              # no: skip the cost of tracing
STARTUP=${BENCH_STARTUP:-yes}              # no: skip the start-up figures (and the container)
export BENCH_PRODUCTS=${BENCH_PRODUCTS:-10000}
JAVA17=${BENCH_JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JAVA25=${BENCH_JAVA25:-}
APP=${BENCH_APP:-$ROOT/target/quarkus-app}   # another build to compare with
# A smoke run's figures mean nothing: they go elsewhere, and leave the last real run's alone.
RESULTS=$BENCH_DIR/results
[[ $MODE == smoke ]] && RESULTS=$BENCH_DIR/results-smoke
OUT=$RESULTS/latest.md

say() { echo "bench: $*" >&2; }
fail() { echo "bench: FAILED: $*" >&2; exit 1; }

[[ -f $APP/quarkus-run.jar ]] || fail "$APP/quarkus-run.jar is missing: run ./mvnw package first"

# --- Tools -----------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v pgbench >/dev/null || missing+=(postgresql-client-15)
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
[[ -x $JAVA17 ]] || missing+=(openjdk-17-jre-headless)
if [[ -z $JAVA25 ]]; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/java-25-openjdk-amd64/bin/java; do
        [[ -x $candidate ]] && JAVA25=$candidate && break
    done
    [[ -n $JAVA25 ]] || { missing+=(openjdk-25-jre-headless); JAVA25=/usr/lib/jvm/java-25-openjdk-amd64/bin/java; }
fi
if (( ${#missing[@]} )); then
    (( EUID == 0 )) || fail "missing: ${missing[*]} (install them, or run as root)"
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

WORK=$(mktemp -d)
chmod 755 "$WORK"
SERVICE_PID=
cleanup() {
    # The service's output, for whoever wants to know why a figure is what it is.
    [[ -f $WORK/service.log ]] && cp "$WORK/service.log" "$RESULTS/service.log"
    [[ -f $WORK/pg/server.log ]] && cp "$WORK/pg/server.log" "$RESULTS/postgresql.log"
    [[ -n $SERVICE_PID ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null
    podman rm -f bench-service >/dev/null 2>&1 || true
    [[ -n ${SINK_PID:-} ]] && kill "$SINK_PID" 2>/dev/null
    [[ -f $WORK/pg/postmaster.pid ]] && as_postgres /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg" -m immediate stop >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 130" INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_postgres() { if (( EUID == 0 )); then runuser -u postgres -- "$@"; else "$@"; fi; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# --- PostgreSQL, seeded ------------------------------------------------------------------------
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
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGPASSWORD=$PG_PASSWORD PGDATABASE=bench
sql() { psql -qAtX -v ON_ERROR_STOP=1 -c "$1"; }
psql -qX -d postgres -c 'create database bench'
DATABASE_URL="postgresql://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/bench"
env -i PATH="$PATH" DATABASE_URL="$DATABASE_URL" "$JAVA17" -jar "$APP/quarkus-run.jar" migrate >"$WORK/migrate.log" 2>&1 \
    || { cat "$WORK/migrate.log"; fail "migrate"; }
sql "create extension pg_stat_statements"
sql "insert into product (sku, name, description, price, stock)
     select 'SKU-' || lpad(i::text, 6, '0'), 'Product ' || i, 'Product number ' || i || ', seeded for the benchmark',
            (i % 1000) + 0.99, 1000000000
     from generate_series(1, $BENCH_PRODUCTS) i"
sql "vacuum analyze"
say "PostgreSQL on 127.0.0.1:$PG_PORT, $BENCH_PRODUCTS products"

# --- The service ---------------------------------------------------------------------------------
APP_PORT=$(free_port)
BASE=http://127.0.0.1:$APP_PORT
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" || true; }

# start_service JAVA [JVM options...]: starts the packaged jar in prod mode, configured by the
# environment only; leaves its pid in SERVICE_PID.
start_service() {
    local java=$1
    shift
    env -i PATH="$PATH" HOME="$WORK" DATABASE_URL="${SERVICE_DATABASE_URL:-$DATABASE_URL}" QUARKUS_HTTP_PORT="$APP_PORT" \
        ${BENCH_SERVICE_ENV:-} ${TRACING_ENV:-} "$java" "$@" -jar "$APP/quarkus-run.jar" >>"${SERVICE_LOG:-$WORK/service.log}" 2>&1 &
    SERVICE_PID=$!
}
stop_service() {
    [[ -n $SERVICE_PID ]] || return 0
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=
}
# wait_for URL WANT: milliseconds since START_MS until URL answers with status WANT ("any": any answer).
wait_for() {
    local url=$1 want=$2 deadline=$(( $(now_ms) + 60000 )) got
    while (( $(now_ms) < deadline )); do
        got=$(status_of "$url")
        if [[ $got == "$want" || ( $want == any && $got != 000 ) ]]; then
            echo $(( $(now_ms) - START_MS ))
            return 0
        fi
        sleep 0.005
    done
    tail -20 "${SERVICE_LOG:-$WORK/service.log}" >&2
    fail "$url did not answer $want within 60 s"
}
rss_mb() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$SERVICE_PID/status"; }

# time_starts LABEL JAVA [JVM options...]: the median of STARTS starts, launch -> first 200 of GET
# by id, and the median of each phase of those starts (bench/startup_phases.py).
time_starts() {
    local label=$1 times=() first_200
    shift
    : > "$WORK/phases"
    for _ in $(seq "$STARTS"); do
        : > "$WORK/start.log"
        START_MS=$(now_ms)
        SERVICE_LOG=$WORK/start.log start_service "$@"
        first_200=$(SERVICE_LOG=$WORK/start.log wait_for "$BASE/api/products/1" 200)
        times+=("$first_200")
        python3 "$BENCH_DIR/startup_phases.py" "$START_MS" "$(( START_MS + first_200 ))" < "$WORK/start.log" >> "$WORK/phases"
        stop_service
    done
    STARTUP_ROWS+="| $label | $(printf '%s\n' "${times[@]}" | median) ms | ${times[*]} |"$'\n'
    PHASE_ROWS+="| $label |"
    for column in 1 2 3 4; do
        PHASE_ROWS+=" $(awk -v c="$column" '{ print $c }' "$WORK/phases" | median) ms |"
    done
    PHASE_ROWS+=$'\n'
    say "start -> first 200, $label: ${times[*]} ms"
}

# --- SQL the service issues, captured from the server's log --------------------------------------
# capture NAME "VALUE=EXPRESSION;..." CURL_ARGS...: logs every statement while one request runs,
# then writes the service's statements as a pgbench script, each parameter as its logged value,
# or as EXPRESSION where the value was VALUE (an id, a key: what varies between requests).
capture() {
    local name=$1 substitutions=$2
    shift 2
    sql "alter system set log_statement = 'all'" && sql "select pg_reload_conf()" >/dev/null
    sleep 0.5
    local from
    from=$(wc -l < "$PG_LOG")
    local got
    got=$(status_of "$@")
    [[ $got == 2* ]] || fail "capturing $name: the request answered $got"
    sleep 0.2
    sql "alter system reset log_statement" && sql "select pg_reload_conf()" >/dev/null
    local pairs
    IFS=';' read -ra pairs <<<"$substitutions"
    tail -n +"$((from + 1))" "$PG_LOG" | python3 "$BENCH_DIR/pgbench_script.py" inventory-service "${pairs[@]}" \
        > "$WORK/$name.sql" || fail "capturing $name: no statements in the log"
    cp "$WORK/$name.sql" "$RESULTS/sql/$name.sql"
}

# --- Load ------------------------------------------------------------------------------------------
# wrk_run SCRIPT CONNECTIONS SECONDS: prints "req/s p50 p99 max non-2xx socket-errors".
wrk_run() {
    wrk -t2 -c"$2" -d"$3"s --timeout 10s -s "$BENCH_DIR/wrk/$1.lua" "$BASE" | awk '/^RESULT / { print $2, $3, $4, $5, $6, $7 }'
}
# pgbench_run NAME CONNECTIONS SECONDS: prints tps.
pgbench_run() {
    pgbench -n -M prepared -c "$2" -j 2 -T "$3" -f "$WORK/$1.sql" 2>"$WORK/pgbench.err" \
        | awk '/^tps = / { print $3; exit }' | grep . || { cat "$WORK/pgbench.err" >&2; fail "pgbench $1"; }
}

mkdir -p "$RESULTS/sql"
: > "$WORK/service.log"
STARTUP_ROWS=
PHASE_ROWS=
FAILURES=()
# The report grows as each part is measured: a run that fails half-way keeps what it measured.
report() { cat >> "$OUT"; }
{
    echo "# Benchmark results"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)," \
        "$MODE run: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo))" \
        "shared by wrk, the service and PostgreSQL $(sql 'show server_version')," \
        "$BENCH_PRODUCTS products; ${WARMUP} s warm-up, ${DURATION} s measured."
    echo "The service: \`java ${BENCH_JVM_OPTS:+$BENCH_JVM_OPTS }-jar quarkus-run.jar\` on $("$JAVA17" -version 2>&1 | head -1)${BENCH_SERVICE_ENV:+, with $BENCH_SERVICE_ENV}."
    echo
} > "$OUT"

# --- Load ----------------------------------------------------------------------------------------
if [[ $LOAD == yes ]]; then
    say "starting the service (JDK 17${BENCH_JVM_OPTS:+, $BENCH_JVM_OPTS})"
    START_MS=$(now_ms)
    # shellcheck disable=SC2086 # BENCH_JVM_OPTS holds several options on purpose
    start_service "$JAVA17" ${BENCH_JVM_OPTS:-}
    wait_for "$BASE/api/products/1" 200 >/dev/null
    RSS_START=$(rss_mb)

    capture get "4242=:id" "$BASE/api/products/4242"
    capture page "140=:offset" "$BASE/api/products?page=7&size=20"
    capture search "%123%=(select '%'||:n||'%')" "$BASE/api/products?q=123"
    capture reserve "4242=:id;bench-capture-1=:key" -X POST -H 'Content-Type: application/json' \
        -H 'Idempotency-Key: bench-capture-1' -d '{"quantity":1}' "$BASE/api/products/4242/reservations"

    declare -A SERVICE PGBENCH
    for operation in $OPERATIONS; do
        for c in $CONNECTIONS; do
            say "$operation c$c: ${WARMUP} s warm-up, ${DURATION} s measured"
            wrk_run "$operation" "$c" "$WARMUP" >/dev/null
            SERVICE[$operation,$c]=$(wrk_run "$operation" "$c" "$DURATION")
            read -r rps _ _ _ non2xx errors <<<"${SERVICE[$operation,$c]}"
            [[ ${rps%.*} -gt 0 ]] || fail "$operation c$c: no requests completed"
            (( non2xx == 0 && errors == 0 )) || FAILURES+=("$operation c$c: $non2xx non-2xx, $errors socket errors")
        done
    done
    RSS_LOAD=$(rss_mb)

    say "stalls: $STALL_WINDOWS x $STALL_WINDOW s of GET by id at c16"
    STALLS=()
    pg_log_from=$(wc -l < "$PG_LOG")
    for _ in $(seq "$STALL_WINDOWS"); do
        read -r _ _ _ max non2xx errors <<<"$(wrk_run get 16 "$STALL_WINDOW")"
        STALLS+=("$max")
        (( non2xx == 0 && errors == 0 )) || FAILURES+=("stall window: $non2xx non-2xx, $errors socket errors")
    done
    # The server's own part in them: its statements over 100 ms, vacuums and checkpoints meanwhile.
    SERVER_SLOW=$(tail -n +"$((pg_log_from + 1))" "$PG_LOG" | grep -c 'duration: ' || true)
    SERVER_HOUSEKEEPING=$(tail -n +"$((pg_log_from + 1))" "$PG_LOG" | grep -c 'automatic vacuum\|automatic analyze\|checkpoint complete' || true)

    say "recovery: every backend terminated during ${RECOVERY} s of GET by id at c16"
    wrk_run get 16 "$RECOVERY" > "$WORK/recovery.wrk" &
    wrk_pid=$!
    sleep $(( RECOVERY / 3 ))
    TERMINATED=$(sql "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = 'inventory-service'")
    START_MS=$(now_ms)
    RECOVERED_MS=$(wait_for "$BASE/api/products/1" 200)
    wait "$wrk_pid"
    read -r _ _ _ RECOVERY_MAX RECOVERY_NON2XX RECOVERY_ERRORS < "$WORK/recovery.wrk"
    stop_service

    # pgbench, on the same server, with the service stopped.
    for operation in $OPERATIONS; do
        for c in $CONNECTIONS; do
            say "pgbench $operation c$c"
            pgbench_run "$operation" "$c" "$(( WARMUP < 10 ? WARMUP : 10 ))" >/dev/null
            PGBENCH[$operation,$c]=$(pgbench_run "$operation" "$c" "$DURATION")
        done
    done

    {
        echo "| operation | conns | service req/s | pgbench tps | ratio | p50 | p99 | max | failed |"
        echo "|---|---|---|---|---|---|---|---|---|"
        for operation in $OPERATIONS; do
            for c in $CONNECTIONS; do
                read -r rps p50 p99 max non2xx errors <<<"${SERVICE[$operation,$c]}"
                tps=${PGBENCH[$operation,$c]}
                printf '| %s | %s | %.0f | %.0f | %.2f | %.1f ms | %.1f ms | %.0f ms | %d |\n' "$operation" "$c" "$rps" "$tps" \
                    "$(python3 -c "print($rps / $tps)")" "$p50" "$p99" "$max" "$(( non2xx + errors ))"
            done
        done
        echo
        echo "get: \`GET /api/products/{id}\`, random ids; page: \`GET /api/products?page=0..99&size=20\`;" \
            "search: \`GET /api/products?q=100..999\`; reserve: \`POST /api/products/{id}/reservations\`, unique keys."
        echo "pgbench runs the statements the service issued for one such request (\`bench/results/sql/\`), prepared," \
            "over the same number of connections."
        echo
        if (( ${#STALLS[@]} )); then
            echo "| stalls: GET by id, c16, ${STALL_WINDOW} s windows | $(printf 'max %.0f ms | ' "${STALLS[@]}")"
            echo "|---|$(printf -- '---|%.0s' "${STALLS[@]}")"
            echo
            echo "Meanwhile the server logged $SERVER_SLOW statements over 100 ms, and $SERVER_HOUSEKEEPING vacuums, analyzes" \
                "and checkpoints (\`bench/results/postgresql.log\`)."
            echo
        fi
        echo "| memory (RSS) | after start | after load |"
        echo "|---|---|---|"
        echo "| JDK 17${BENCH_JVM_OPTS:+, $BENCH_JVM_OPTS} | $RSS_START MB | $RSS_LOAD MB |"
        echo
        echo "| recovery: all $TERMINATED backends terminated under load (c16) | first 200 after | failed requests | slowest request |"
        echo "|---|---|---|---|"
        printf '| | %d ms | %d | %.0f ms |\n' "$RECOVERED_MS" "$(( RECOVERY_NON2XX + RECOVERY_ERRORS ))" "$RECOVERY_MAX"
        echo
    } | report
fi

# --- Tracing -------------------------------------------------------------------------------------
# GET by id at c16, each time on a fresh service: tracing off; on, with nothing exported (the
# default); on, exporting every span over OTLP/HTTP to a receiver on this machine.
if [[ $TRACING == yes ]]; then
    SINK_PORT=$(free_port)
    python3 "$BENCH_DIR/otlp_sink.py" "$SINK_PORT" > "$WORK/sink.out" &
    SINK_PID=$!
    declare -A TRACED
    for mode in off on exporting; do
        case $mode in
            off) TRACING_ENV="QUARKUS_OTEL_SDK_DISABLED=true" ;;
            on) TRACING_ENV= ;;
            exporting) TRACING_ENV="OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$SINK_PORT OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf" ;;
        esac
        say "tracing $mode: GET by id c16, ${WARMUP} s warm-up, ${DURATION} s measured"
        START_MS=$(now_ms)
        start_service "$JAVA17" ${BENCH_JVM_OPTS:-}
        wait_for "$BASE/api/products/1" 200 >/dev/null
        wrk_run get 16 "$WARMUP" >/dev/null
        TRACED[$mode]=$(wrk_run get 16 "$DURATION")
        read -r rps _ _ _ non2xx errors <<<"${TRACED[$mode]}"
        [[ ${rps%.*} -gt 0 ]] || fail "tracing $mode: no requests completed"
        (( non2xx == 0 && errors == 0 )) || FAILURES+=("tracing $mode: $non2xx non-2xx, $errors socket errors")
        stop_service
    done
    TRACING_ENV=
    kill "$SINK_PID" && wait "$SINK_PID" || true
    SINK_PID=
    read -r SINK_REQUESTS SINK_BYTES < <(sed 's/[a-z]*=//g' "$WORK/sink.out")
    (( SINK_REQUESTS > 0 )) || fail "tracing exporting: the OTLP receiver got nothing"
    read -r off_rps _ <<<"${TRACED[off]}"
    {
        echo "| tracing: GET by id, c16 | req/s | vs off | p50 | p99 | max | failed |"
        echo "|---|---|---|---|---|---|---|"
        for mode in off on exporting; do
            read -r rps p50 p99 max non2xx errors <<<"${TRACED[$mode]}"
            printf '| %s | %.0f | %.2f | %.1f ms | %.1f ms | %.0f ms | %d |\n' "$mode" "$rps" \
                "$(python3 -c "print($rps / $off_rps)")" "$p50" "$p99" "$max" "$(( non2xx + errors ))"
        done
        echo
        echo "off: \`QUARKUS_OTEL_SDK_DISABLED=true\`; on: the default, spans made but not exported; exporting:" \
            "\`OTEL_EXPORTER_OTLP_ENDPOINT\` set, $SINK_REQUESTS OTLP requests ($(( SINK_BYTES / 1024 )) KiB) received."
        echo
    } | report
fi

# --- Start-up ------------------------------------------------------------------------------------
if [[ $STARTUP == yes ]]; then
    time_starts "JDK 17" "$JAVA17"
    time_starts "JDK 25" "$JAVA25"
    AOT_CACHE=$APP/app.aot
    if [[ ! -f $AOT_CACHE ]]; then
        # No cache from ./mvnw package -Paot: train one here, the JDK's way (a start, a request, a stop).
        AOT_CACHE=$WORK/app.aot
        START_MS=$(now_ms)
        start_service "$JAVA25" -XX:AOTCacheOutput="$AOT_CACHE"
        wait_for "$BASE/api/products/1" 200 >/dev/null
        stop_service
    fi
    time_starts "JDK 25 + AOT cache" "$JAVA25" -XX:AOTCache="$AOT_CACHE"

    # Port open: with the database up, and stopped (nothing listens at the URL's port).
    port_open() {
        local times=()
        for _ in $(seq "$STARTS"); do
            START_MS=$(now_ms)
            start_service "$JAVA17"
            times+=("$(wait_for "$BASE/q/health/live" any)")
            stop_service
        done
        printf '%s\n' "${times[@]}" | median
    }
    PORT_UP=$(port_open)
    PORT_DOWN=$(SERVICE_DATABASE_URL="postgresql://postgres:$PG_PASSWORD@127.0.0.1:$(free_port)/bench" port_open)
    say "port open: database up $PORT_UP ms, stopped $PORT_DOWN ms"
    {
        echo "| HTTP port open after launch (JDK 17, median) | database up | database stopped |"
        echo "|---|---|---|"
        echo "| | $PORT_UP ms | $PORT_DOWN ms |"
        echo
        echo "| start-up phases (medians) | launch -> main | main -> StartupEvent | StartupEvent -> port open | port open -> first 200 |"
        echo "|---|---|---|---|---|"
        printf '%s' "$PHASE_ROWS"
        echo
    } | report

    # The container image, on Java 25 with the AOT cache trained at build.
    if [[ ${BENCH_CONTAINER:-yes} == yes ]]; then
        image=localhost/inventory-service:bench
        docker/build-image.sh "$image"
        export CONTAINERS_CONF=$ROOT/docker/podman.conf
        times=()
        for _ in $(seq "$STARTS"); do
            START_MS=$(now_ms)
            podman run -d --rm --name bench-service --network host -e "DATABASE_URL=$DATABASE_URL" \
                -e "QUARKUS_HTTP_PORT=$APP_PORT" "$image" >/dev/null
            times+=("$(wait_for "$BASE/api/products/1" 200)")
            podman stop -t 10 bench-service >/dev/null
        done
        STARTUP_ROWS+="| container image (podman run) | $(printf '%s\n' "${times[@]}" | median) ms | ${times[*]} |"$'\n'
        podman rmi -f "$image" >/dev/null 2>&1 || true
    fi
    {
        echo "| start -> first 200 of GET by id | median | runs |"
        echo "|---|---|---|"
        printf '%s' "$STARTUP_ROWS"
    } | report
fi

cat "$OUT"
if (( ${#FAILURES[@]} )); then
    printf 'bench: failed requests under steady load: %s\n' "${FAILURES[@]}" >&2
    exit 1
fi
