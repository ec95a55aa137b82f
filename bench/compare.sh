#!/usr/bin/env bash
# A/B: the working tree against one or more git refs, side by side in one run (README "Benchmark",
# docs/performance.md). Every change to the request path is compared with the commit before it:
#
#   bench/compare.sh HEAD            the working tree against the last commit
#   bench/compare.sh 7a32018 HEAD    ... against two commits; ratios are against the first
#
# Each ref is built in a temporary git worktree (./mvnw package -DskipTests), the working tree in
# place. One PostgreSQL serves them all, each build in a database of its own that its own migrate
# command created (so each has the schema it was written for), seeded alike. All builds run at
# once, each warmed up on each operation until its JIT has settled; then each operation is
# measured on each build in turn, in alternating order (A B, B A, ...) for BENCH_ROUNDS rounds,
# so that what the machine does meanwhile falls on every build alike. Prints a table of medians
# and ratios, and writes it to bench/results/compare.md.
#
# BENCH_OPERATIONS (get page search reserve), BENCH_CONNECTIONS (16), BENCH_ROUNDS (3),
# BENCH_WARMUP (60: seconds before the JIT is asked whether it has settled), BENCH_DURATION (20),
# BENCH_NETWORK_DELAY (microseconds each way between the services and PostgreSQL, through
# bench/DelayProxy.java; 0: none), BENCH_SERVICE_ENV, BENCH_JVM_OPTS as for bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export BENCH_DIR=$ROOT/bench
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

(( $# )) || fail "usage: bench/compare.sh REF [REF...]"
OPERATIONS=${BENCH_OPERATIONS:-get page search reserve}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
ROUNDS=${BENCH_ROUNDS:-3}
WARMUP=${BENCH_WARMUP:-60}
DURATION=${BENCH_DURATION:-20}
DELAY=${BENCH_NETWORK_DELAY:-0}
OUT=$BENCH_DIR/results/compare.md

require_tools
WORK=$(mktemp -d)
chmod 755 "$WORK"
PIDS=()
cleanup() {
    set +e # stop everything, whatever fails
    for pid in "${PIDS[@]}"; do stop_app "$pid"; done
    bench_cleanup
    for tree in "$WORK"/tree-*; do [[ -d $tree ]] && git worktree remove --force "$tree" >/dev/null 2>&1; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 130" INT TERM

# --- Builds ---------------------------------------------------------------------------------------
LABELS=()
APPS=()
for ref in "$@"; do
    sha=$(git rev-parse --short "$ref^{commit}") || fail "$ref is not a commit"
    tree=$WORK/tree-${#APPS[@]}
    git worktree add --detach "$tree" "$sha" >/dev/null 2>&1 || fail "git worktree add $ref"
    say "building $ref ($sha)"
    (cd "$tree" && ./mvnw -B -q package -DskipTests >"$WORK/build-$sha.log" 2>&1) \
        || { tail -30 "$WORK/build-$sha.log"; fail "building $ref"; }
    LABELS+=("$ref ($sha)")
    APPS+=("$tree/target/quarkus-app")
done
say "building the working tree"
./mvnw -B -q package -DskipTests >"$WORK/build-tree.log" 2>&1 || { tail -30 "$WORK/build-tree.log"; fail "building the working tree"; }
changed=$(git status --porcelain --untracked-files=no | wc -l)
LABELS+=("working tree ($(git rev-parse --short HEAD) + $changed changed files)")
APPS+=("$ROOT/target/quarkus-app")

# --- Database and services ------------------------------------------------------------------------
start_postgres
DB_PORT=$PG_PORT
if (( DELAY > 0 )); then
    start_delay_proxy "$PG_PORT" "$DELAY"
    DB_PORT=$PROXY_PORT
    say "the services reach PostgreSQL through a delay of $DELAY us each way"
fi
BASES=()
for i in "${!APPS[@]}"; do
    create_database "build$i" "${APPS[$i]}"
    port=$(free_port)
    START_MS=$(now_ms)
    # shellcheck disable=SC2086 # BENCH_JVM_OPTS holds several options on purpose
    start_app "${APPS[$i]}" "$port" "$(database_url "build$i" "$DB_PORT")" "$WORK/service-$i.log" "$JAVA17" ${BENCH_JVM_OPTS:-}
    PIDS+=("$APP_PID")
    BASES+=("http://127.0.0.1:$port")
    wait_for "${BASES[$i]}/api/products/1" 200 "$WORK/service-$i.log" >/dev/null
    say "${LABELS[$i]} serves at ${BASES[$i]}"
done

# --- Warm-up, then alternating measurements -----------------------------------------------------
declare -A WARMED RESULTS
for operation in $OPERATIONS; do
    for i in "${!APPS[@]}"; do
        say "warming ${LABELS[$i]} on $operation"
        WARMED[$operation,$i]=$(warm_up "$operation" "$CONNECTIONS" "${BASES[$i]}" "${PIDS[$i]}" "$WARMUP")
    done
done
order=("${!APPS[@]}")
for round in $(seq "$ROUNDS"); do
    for operation in $OPERATIONS; do
        for i in "${order[@]}"; do
            before=$(compiled "${PIDS[$i]}")
            result=$(wrk_run "$operation" "$CONNECTIONS" "$DURATION" "${BASES[$i]}")
            after=$(compiled "${PIDS[$i]}")
            RESULTS[$operation,$i,$round]="$result $(( (after - before) / DURATION ))"
            read -r rps _ p99 _ non2xx errors _ <<<"$result"
            say "round $round, $operation, ${LABELS[$i]}: $rps req/s, p99 $p99 ms, $non2xx non-2xx, $errors socket errors"
        done
    done
    # The next round in the other order.
    reversed=()
    for (( k = ${#order[@]} - 1; k >= 0; k-- )); do reversed+=("${order[$k]}"); done
    order=("${reversed[@]}")
done

# --- Report -------------------------------------------------------------------------------------
# field N of the RESULTS of operation $1, build $2, as the median over the rounds
median_of() {
    for round in $(seq "$ROUNDS"); do
        awk -v f="$3" '{ print $f }' <<<"${RESULTS[$1,$2,$round]}"
    done | median
}
failed_in() {
    for round in $(seq "$ROUNDS"); do
        awk '{ print $5 + $6 }' <<<"${RESULTS[$1,$2,$round]}"
    done | awk '{ s += $1 } END { print s }'
}
{
    echo "# A/B comparison"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo))" \
        "shared by wrk, the services and PostgreSQL $(sql -c 'show server_version'); $BENCH_PRODUCTS products;" \
        "c$CONNECTIONS; each build warmed up on each operation until its JIT settled (at least $WARMUP s), then" \
        "$ROUNDS rounds of $DURATION s per operation and build, in alternating order; medians of the rounds."
    if (( DELAY > 0 )); then
        echo "The services reach PostgreSQL through bench/DelayProxy.java, $DELAY us each way."
    fi
    echo "JDK: $("$JAVA17" -version 2>&1 | head -1)${BENCH_JVM_OPTS:+, $BENCH_JVM_OPTS}${BENCH_SERVICE_ENV:+; with $BENCH_SERVICE_ENV}."
    echo
    for i in "${!APPS[@]}"; do
        echo "- build $((i + 1)): ${LABELS[$i]}"
    done
    echo
    echo "| operation | build | req/s | vs build 1 | p50 | p99 | failed | warm-up | JIT compiles/s while measured |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for operation in $OPERATIONS; do
        base_rps=$(median_of "$operation" 0 1)
        for i in "${!APPS[@]}"; do
            rps=$(median_of "$operation" "$i" 1)
            read -r warm_s warm_rate <<<"${WARMED[$operation,$i]}"
            printf '| %s | %d | %.0f | %s | %.2f ms | %.2f ms | %d | %d s (then %d/s) | %s |\n' "$operation" "$((i + 1))" \
                "$rps" "$(ratio "$rps" "$base_rps")" "$(median_of "$operation" "$i" 2)" "$(median_of "$operation" "$i" 3)" \
                "$(failed_in "$operation" "$i")" "$warm_s" "$warm_rate" "$(median_of "$operation" "$i" 8)"
        done
    done
} > "$OUT"
cat "$OUT"
