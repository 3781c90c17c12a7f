#!/usr/bin/env bash
# What a redemption request's statements cost PostgreSQL, one request per transaction (as catalog-service writes them
# today) against ten written together set-wise, at the same rate of requests. Runs against a running local stack
# (benchmark residents seeded: LOCAL_STACK_BENCHMARK_RESIDENTS) on this machine: the CPU is read from /proc for the
# PostgreSQL server's processes. Writes only into a scratch schema (request_cost) that it drops at the end.
#
#   benchmarks/pgbench/request-cost.sh            # RATE=200 RUN_SECONDS=20 PGHOST=localhost PGPORT=5432 ...
set -euo pipefail
cd "$(dirname "$0")"
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
export PGDATABASE=${PGDATABASE:-community_points}
RATE=${RATE:-200}
SECONDS_PER_RUN=${RUN_SECONDS:-20}
PGBENCH=${PGBENCH:-$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1)}
[ -x "$PGBENCH" ] || { echo "pgbench not found (Debian: apt-get install postgresql-client; or set PGBENCH)" >&2; exit 2; }

sql() { psql -qAt -v ON_ERROR_STOP=1 "$@"; }
IFS='|' read -r reward partner community < <(sql -c \
    "select id, partner_id, community_id from catalog.reward where kind = 'MEAL' order by daily_quota desc limit 1")
residents=$(sql -c "select count(*) from catalog.member_copy where member_id like '00000000-0000-4000-b000-%'")
[ "$residents" -ge 20 ] || { echo "needs the local stack's benchmark residents (LOCAL_STACK_BENCHMARK_RESIDENTS=300)" >&2; exit 2; }
postmaster=$(head -1 "$(sql -c 'show data_directory')/postmaster.pid")

trap 'sql -c "drop schema if exists request_cost cascade" >/dev/null 2>&1 || true' EXIT
sql -f setup.sql >/dev/null 2>&1

# ticks of the server and every backend (a backend's CPU is counted while it lives: read in the run, not after it)
server_ticks() {
    local sum=0 pid
    for pid in "$postmaster" $(pgrep -P "$postmaster"); do
        sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$sum"
}
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
hz=$(getconf CLK_TCK)

run() { # script, transactions a second, requests a transaction, clients
    local out; out=$(mktemp)
    "$PGBENCH" -n -M prepared -P 1 -T "$SECONDS_PER_RUN" -R "$2" -c "$4" -j 2 -f "$1" \
        -D reward="$reward" -D partner="$partner" -D community="$community" -D residents="$residents" >"$out" 2>&1 &
    local bench=$!
    sleep 4
    local s0 m0 s1 m1; s0=$(server_ticks); m0=$(machine_ticks)
    sleep $((SECONDS_PER_RUN - 8))
    s1=$(server_ticks); m1=$(machine_ticks)
    wait "$bench" || { cat "$out" >&2; exit 1; }
    # transactions in the seconds measured: pgbench's progress lines from second 5 up to the last one before the reading
    local tx; tx=$(awk -v to=$((SECONDS_PER_RUN - 4)) '/^progress:/ { t = $2 + 0; if (t >= 5 && t <= to) s += $4 } END { print s }' "$out")
    awk -v name="$(basename "$1" .sql)" -v tx="$tx" -v per="$3" -v ds=$((s1 - s0)) -v dm=$((m1 - m0)) -v hz="$hz" \
        -v secs=$((SECONDS_PER_RUN - 8)) -v lat="$(grep 'latency average' "$out" | awk '{print $4}')" 'BEGIN {
        req = tx * per
        printf "%-14s %10.1f %22.3f %19.3f %14s\n", name, req / secs, ds * 1000 / hz / req, dm * 1000 / hz / req, lat }'
    rm -f "$out"
}

echo "Redemption request statements at $RATE requests/s for ${SECONDS_PER_RUN} s each ($(uptime | sed 's/.*load/load/'))"
printf "%-14s %10s %22s %19s %14s\n" workload "req/s" "PostgreSQL ms/request" "machine ms/request" "latency ms/tx"
run one-request.sql "$RATE" 1 8
run ten-requests.sql $((RATE / 10)) 10 2
