#!/usr/bin/env bash
# Two wfx variants side by side on one read (a lever's measurement; see BENCHMARKS.md, Levers).
#
# Starts variant A and variant B (a wfx.jar each, with its libs/ beside it, and JVM options each)
# on one database, records one generated Tracecat history of COMPARE_SIZE events through A, then
# runs wrk against A and B alternating, COMPARE_ROUNDS rounds, and prints per round and as the
# median the B/A ratio of requests/s and of CPU time per request (the server process's user+system
# time over the requests it answered, which is steadier than req/s on a shared machine).
#
# Settings (environment): COMPARE_A_JAR, COMPARE_B_JAR (default: this tree's bootstrap/target/wfx.jar),
# COMPARE_A_OPTS, COMPARE_B_OPTS (JVM options, e.g. -Dserver.use-nio=false), COMPARE_SIZE (100),
# COMPARE_KIND (closed|running, closed), COMPARE_ROUNDS (5), COMPARE_DURATION (3 s),
# COMPARE_CONNECTIONS (16), COMPARE_WARMUP (5 s, twice per variant), BENCH_DB_HOST/PORT/USER, COMPARE_DB_NAME (wfx_compare, dropped and
# created). Needs wrk, psql, curl, and the benchmarks module built (bench/run.sh builds it, or
# ./mvnw -Pbench -DskipTests package -pl bootstrap,benchmarks -am).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bin/java-home.sh"

a_jar="${COMPARE_A_JAR:-$root/bootstrap/target/wfx.jar}"
b_jar="${COMPARE_B_JAR:-$root/bootstrap/target/wfx.jar}"
size="${COMPARE_SIZE:-100}"
kind="${COMPARE_KIND:-closed}"
rounds="${COMPARE_ROUNDS:-5}"
duration="${COMPARE_DURATION:-3}"
connections="${COMPARE_CONNECTIONS:-16}"
db_host="${BENCH_DB_HOST:-127.0.0.1}"
db_port="${BENCH_DB_PORT:-5432}"
db_user="${BENCH_DB_USER:-postgres}"
db_name="${COMPARE_DB_NAME:-wfx_compare}"
a_port=18191
b_port=18192
bench_cp="$root/benchmarks/target/benchmarks.jar:$root/benchmarks/target/libs/*"
work="$root/bench/target/compare"

for tool in wrk psql curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench/compare.sh: missing $tool" >&2; exit 2; }
done
[ -f "$root/benchmarks/target/benchmarks.jar" ] || { echo "bench/compare.sh: build the benchmarks module first (see the header)" >&2; exit 2; }

rm -rf "$work"; mkdir -p "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

psql -X -q -v ON_ERROR_STOP=1 -h "$db_host" -p "$db_port" -U "$db_user" -d postgres \
  -c "DROP DATABASE IF EXISTS $db_name" -c "CREATE DATABASE $db_name" >/dev/null
key="compare-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
auth="Authorization: Bearer $key"

start() { # port jar opts log
  WFX_PORT="$1" WFX_HOST=127.0.0.1 WFX_DB_URL="jdbc:postgresql://$db_host:$db_port/$db_name" \
    WFX_DB_USER="$db_user" WFX_DB_PASSWORD="${PGPASSWORD:-}" WFX_BOOTSTRAP_ADMIN_KEY="$key" \
    WFX_BOOTSTRAP_WORKSPACE=bench java -Xms1g -Xmx1g -XX:+UseG1GC $3 -jar "$2" >"$4" 2>&1 &
  echo $!
}
await() {
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.5; done
  echo "bench/compare.sh: nothing answers on port $1" >&2; exit 1
}
a_pid=$(start $a_port "$a_jar" "${COMPARE_A_OPTS:-}" "$work/a.log"); pids+=("$a_pid"); await $a_port
b_pid=$(start $b_port "$b_jar" "${COMPARE_B_OPTS:-}" "$work/b.log"); pids+=("$b_pid"); await $b_port

java -cp "$bench_cp" dev.wfx.benchmarks.Load load "http://127.0.0.1:$a_port" "$key" "$size" >"$work/ids.txt"
id=$(awk -v k="$kind" '$1 == k { print $3 }' "$work/ids.txt")
path="/workflow-executions/${id//\//%2F}"
for port in $a_port $b_port; do
  code=$(curl -s -o "$work/body-$port.json" -w '%{http_code}' -H "$auth" "http://127.0.0.1:$port$path")
  [ "$code" = 200 ] || { echo "bench/compare.sh: port $port answered $code" >&2; exit 1; }
done
cmp -s "$work/body-$a_port.json" "$work/body-$b_port.json" || { echo "bench/compare.sh: A and B answer different bodies" >&2; exit 1; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# measure <label> <port> <pid>: one wrk run; appends "<label> <req/s> <cpu µs per request>".
measure() {
  local before after out requests rps
  before=$(cpu_ticks "$3")
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s -H "$auth" "http://127.0.0.1:$2$path")
  after=$(cpu_ticks "$3")
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then echo "bench/compare.sh: errors on $1:" >&2; echo "$out" >&2; exit 1; fi
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  awk -v l="$1" -v r="$rps" -v t="$(( after - before ))" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%s %.0f %.1f\n", l, r, t / hz * 1e6 / n }' >>"$work/results.txt"
}
# Warm-up, not counted: the JIT compiles the read path (shorter warm-ups left A and B still
# speeding up round after round).
for port in $a_port $b_port $a_port $b_port; do
  wrk -t2 -c"$connections" -d"${COMPARE_WARMUP:-5}s" --timeout 30s -H "$auth" "http://127.0.0.1:$port$path" >/dev/null
done
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then measure A $a_port "$a_pid"; measure B $b_port "$b_pid"
  else measure B $b_port "$b_pid"; measure A $a_port "$a_pid"; fi
done

echo "wfx compare — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $kind $size events ($(stat -c %s "$work/body-$a_port.json") bytes), wrk -t2 -c$connections -d${duration}s x $rounds"
echo "A: $a_jar ${COMPARE_A_OPTS:-}"
echo "B: $b_jar ${COMPARE_B_OPTS:-}"
awk '
  $1 == "A" { ar[++i] = $2; ac[i] = $3 } $1 == "B" { br[++j] = $2; bc[j] = $3 }
  function median(a, n,   k, m, t) { for (k = 1; k <= n; k++) for (m = k + 1; m <= n; m++) if (a[m] < a[k]) { t = a[k]; a[k] = a[m]; a[m] = t }; return a[int((n + 1) / 2)] }
  END {
    for (k = 1; k <= i; k++) { printf "round %d: A %6.0f req/s %7.1f µs CPU/req | B %6.0f req/s %7.1f µs CPU/req | B/A req/s %.2f, CPU/req %.2f\n", k, ar[k], ac[k], br[k], bc[k], br[k] / ar[k], bc[k] / ac[k]; rr[k] = br[k] / ar[k]; cr[k] = bc[k] / ac[k] }
    printf "median B/A: req/s %.2f, CPU per request %.2f\n", median(rr, i), median(cr, i) }' "$work/results.txt"
