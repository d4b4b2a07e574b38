#!/usr/bin/env bash
# The wfx benchmark (issue #7), one command, one table; see BENCHMARKS.md.
#
# Builds wfx and the benchmarks module (-Pbench), starts wfx on the local PostgreSQL in a database
# of its own, records generated Tracecat histories of each size through the real POST endpoint,
# then runs wrk against wfx and against nginx serving the byte-identical body as a static file,
# alternating, and adds: PostgreSQL's own time to return the largest history (psql), the heap and
# RSS of 16 concurrent readers of the largest document, recording speed against COPY, and the
# JMH hot path. Every figure that matters is a ratio against a baseline measured in the same run.
#
# Needs: wrk, nginx, psql, curl and a JDK 21+ with jcmd:
#   apt-get install -y wrk nginx postgresql-client curl
# Settings (environment): BENCH_DB_HOST/PORT/USER (127.0.0.1/5432/postgres, PGPASSWORD if any),
# BENCH_DB_NAME (wfx_bench, dropped and created), BENCH_SIZES ("10 100 1000 10000"),
# BENCH_DURATION (seconds per wrk run, 3), BENCH_ROUNDS (3), BENCH_CONNECTIONS (16),
# BENCH_WFX_PORT (18181), BENCH_MAVEN_ARGS (e.g. -o), BENCH_SKIP_BUILD=1,
# BENCH_ONLY=recording (only the recording line: one wfx, the recording runs and COPY, under a
# minute), BENCH_RECORD_WARMUPS (3: recording runs at full size before the measured ones, for a
# server in its steady state, as the read runs are measured after a warm-up; the first of them is
# reported as the figure right after start-up), BENCH_JAVA_OPTS (more JVM options for wfx, e.g.
# -XX:StartFlightRecording=filename=/tmp/rec.jfr to profile it), BENCH_WFX_JAR (a wfx.jar to
# measure instead of this tree's, with its libs/ beside it, e.g. a build of an older commit).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bin/java-home.sh"

sizes=(${BENCH_SIZES:-10 100 1000 10000})
duration="${BENCH_DURATION:-3}"
rounds="${BENCH_ROUNDS:-3}"
connections="${BENCH_CONNECTIONS:-16}"
db_host="${BENCH_DB_HOST:-127.0.0.1}"
db_port="${BENCH_DB_PORT:-5432}"
db_user="${BENCH_DB_USER:-postgres}"
db_name="${BENCH_DB_NAME:-wfx_bench}"
wfx_port="${BENCH_WFX_PORT:-18181}"
record_warmups="${BENCH_RECORD_WARMUPS:-3}"
bare_port=18183
nginx_port=18182
work="$root/bench/target"
largest="${sizes[-1]}"

missing=()
for tool in wrk nginx psql curl jcmd; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bench/run.sh: missing ${missing[*]}." >&2
  echo "Install them with: apt-get install -y wrk nginx postgresql-client curl (and a full JDK for jcmd)" >&2
  exit 2
fi

started=$(date +%s)
rm -rf "$work"
mkdir -p "$work/www" "$work/nginx/logs"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

log() { echo "[$(( $(date +%s) - started ))s] $*" >&2; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building wfx and the benchmarks"
  (cd "$root" && ./mvnw -B -q -ntp ${BENCH_MAVEN_ARGS:-} -Pbench -DskipTests package -pl bootstrap,benchmarks -am) >&2
fi
bench_cp="$root/benchmarks/target/benchmarks.jar:$root/benchmarks/target/libs/*"

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -h "$db_host" -p "$db_port" -U "$db_user" "$@"; }
log "creating database $db_name"
psql_db -d postgres -c "DROP DATABASE IF EXISTS $db_name" -c "CREATE DATABASE $db_name" >/dev/null

key="bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
auth="Authorization: Bearer $key"

# start_wfx <port> <document cache bytes> <gc log>: starts wfx in the background, prints its pid.
start_wfx() {
  WFX_PORT="$1" WFX_HOST=127.0.0.1 WFX_DOCUMENT_CACHE_BYTES="$2" \
    WFX_DB_URL="jdbc:postgresql://$db_host:$db_port/$db_name" WFX_DB_USER="$db_user" \
    WFX_DB_PASSWORD="${PGPASSWORD:-}" WFX_BOOTSTRAP_ADMIN_KEY="$key" WFX_BOOTSTRAP_WORKSPACE=bench \
    java -Xms1g -Xmx1g -XX:+UseG1GC "-Xlog:gc:file=$3" ${BENCH_JAVA_OPTS:-} -jar "${BENCH_WFX_JAR:-$root/bootstrap/target/wfx.jar}" \
    >"$3.out" 2>&1 &
  echo $!
}
await_port() {
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null "http://127.0.0.1:$1/"; then return 0; fi
    sleep 0.5
  done
  echo "bench/run.sh: nothing answers on port $1" >&2
  exit 1
}

# record_against_copy: the recording runs against the wfx on $wfx_port, into record.txt.
record_against_copy() {
  log "recording: three single batches of $largest events, and 1000 events in batches of 10, against COPY"
  java -cp "$bench_cp" dev.wfx.benchmarks.Load record "http://127.0.0.1:$wfx_port" "$key" "$largest" 1000 10 "$record_warmups" >"$work/record.txt"
}
# copy_against_recording: three pairs, each one more large batch through wfx on $wfx_port and
# then PostgreSQL's own COPY of the first large execution's rows, back to back, so that load from
# outside weighs on both sides of each pair's ratio alike; into pairs.txt ("large …" and "copy <ms>").
copy_against_recording() {
  local large_id
  large_id=$(awk '$1 == "large" { print $4; exit }' "$work/record.txt")
  psql_db -d "$db_name" -c "\copy (SELECT h.* FROM history_events h JOIN runs r ON r.seq = h.run_seq WHERE r.execution_id = '$large_id' ORDER BY h.event_id) TO '$work/large.copy'"
  psql_db -d "$db_name" -c "CREATE TABLE copy_probe (LIKE history_events INCLUDING ALL)"
  : >"$work/pairs.txt"
  for _ in 1 2 3; do
    java -cp "$bench_cp" dev.wfx.benchmarks.Load record-one "http://127.0.0.1:$wfx_port" "$key" "$largest" >>"$work/pairs.txt"
    psql_db -d "$db_name" -c "TRUNCATE copy_probe" -c '\timing on' -c "\copy copy_probe FROM '$work/large.copy'" \
      | awk '/^Time:/ { t = $2 } END { print "copy", t }' >>"$work/pairs.txt"
  done
}
# recording_line: the recording figures: medians of the paired large batches, of their COPY runs,
# and of the per-pair ratios; the small batches and the first run after start-up from record.txt.
recording_line() {
  local small_s first_s
  small_s=$(awk '$1 == "small" { print $3 }' "$work/record.txt")
  first_s=$(awk '$1 == "warm-up" { print $3; exit }' "$work/record.txt")
  awk -v n="$largest" -v ss="$small_s" -v fs="${first_s:-0}" -v w="$record_warmups" '
    function median(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }; return a[int((k + 1) / 2)] }
    $1 == "large" { ls[++p] = $3 } $1 == "copy" { cs[++q] = $2 / 1000; r[q] = cs[q] / ls[q]; rs[q] = sprintf("%.2f", r[q]) }
    END {
      copy = n / median(cs, q); large = n / median(ls, p); small = 1000 / ss; ratio = median(r, q)
      printf "recording (after %d warm-up runs; medians of %d pairs, each a large batch through wfx and then COPY of the same rows): one batch of %d events %.0f events/s; PostgreSQL COPY %.0f events/s; ratio large/COPY %.2f (pairs %s/%s/%s); 1000 events in batches of 10 %.0f events/s, %.3f of COPY\n", w, q, n, large, copy, ratio, rs[1], rs[2], rs[3], small, small / copy
      if (fs > 0) printf "  first large batch after start-up (JIT still compiling): %.0f events/s, %.2f of COPY\n", n / fs, (n / fs) / copy }' "$work/pairs.txt"
}

if [ "${BENCH_ONLY:-}" = recording ]; then
  log "recording only: starting wfx"
  wfx_pid=$(start_wfx $wfx_port 134217728 "$work/gc-main.log"); pids+=("$wfx_pid")
  await_port $wfx_port
  record_against_copy
  copy_against_recording
  kill "$wfx_pid"; wait "$wfx_pid" 2>/dev/null || true
  {
    echo
    echo "wfx recording — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), warm-up runs $record_warmups, ${BENCH_WFX_JAR:-bootstrap/target/wfx.jar}"
    recording_line
    echo "total time $(( $(date +%s) - started ))s"
  } | tee "$work/table.txt"
  exit 0
fi

log "starting wfx (document cache 128 MiB) and wfx without the cache"
wfx_pid=$(start_wfx $wfx_port 134217728 "$work/gc-main.log"); pids+=("$wfx_pid")
await_port $wfx_port
bare_pid=$(start_wfx $bare_port 0 "$work/gc-bare.log"); pids+=("$bare_pid")
await_port $bare_port

log "recording histories of ${sizes[*]} events through POST …/history"
java -cp "$bench_cp" dev.wfx.benchmarks.Load load "http://127.0.0.1:$wfx_port" "$key" "${sizes[@]}" >"$work/ids.txt"
declare -A ids bytes
while read -r kind size id; do
  ids[$kind-$size]="$id"
  curl -sf -H "$auth" "http://127.0.0.1:$wfx_port/workflow-executions/${id//\//%2F}" -o "$work/www/$kind-$size.json"
  bytes[$kind-$size]=$(stat -c %s "$work/www/$kind-$size.json")
done <"$work/ids.txt"

cat >"$work/nginx/nginx.conf" <<CONF
user root;
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  types { }
  default_type application/json;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=("$!")
await_port $nginx_port
for kind in closed running; do
  for size in "${sizes[@]}"; do
    cmp -s <(curl -sf "http://127.0.0.1:$nginx_port/$kind-$size.json") "$work/www/$kind-$size.json" \
      || { echo "bench/run.sh: nginx does not serve the same bytes for $kind-$size" >&2; exit 1; }
  done
done

# to_ms <wrk latency like 812.00us, 3.20ms, 1.05s>
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
# run_wrk <label> <url> [header]: appends "label rps p50ms p99ms" to results.txt
run_wrk() {
  local label="$1" url="$2" out
  shift 2
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s --latency -H "$auth" "$@" "$url")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $5 } /Socket errors/ { print "socket-errors" }' <<<"$out")
  if [ -n "$errors" ]; then
    echo "bench/run.sh: $label had errors:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "$label $rps $p50 $p99" >>"$work/results.txt"
  log "$label: $rps req/s, p50 ${p50} ms, p99 ${p99} ms"
}

wfx_url() { echo "http://127.0.0.1:$1/workflow-executions/${ids[$2]//\//%2F}"; }

log "warming up: 2s of wrk on each wfx document, not counted (the JIT compiles the read path)"
for size in "${sizes[@]}"; do
  for kind in closed running; do
    wrk -t2 -c"$connections" -d2s --timeout 30s -H "$auth" "$(wfx_url $wfx_port "$kind-$size")" >/dev/null
    wrk -t2 -c"$connections" -d1s --timeout 30s -H "$auth" "$(wfx_url $bare_port "$kind-$size")" >/dev/null
  done
done

log "wrk: $rounds rounds of ${duration}s runs, wfx and nginx alternating, $connections connections"
for round in $(seq 1 "$rounds"); do
  for size in "${sizes[@]}"; do
    for kind in closed running; do
      run_wrk "wfx-$kind-$size" "$(wfx_url $wfx_port "$kind-$size")"
      run_wrk "nginx-$kind-$size" "http://127.0.0.1:$nginx_port/$kind-$size.json"
    done
  done
done

log "levers: the same reads without the document cache, and conditional GETs"
for size in 100 1000; do
  [ -n "${ids[closed-$size]:-}" ] || continue
  run_wrk "bare-closed-$size" "$(wfx_url $bare_port "closed-$size")"
  run_wrk "wfx-closed-$size-again" "$(wfx_url $wfx_port "closed-$size")"
done
if [ -n "${ids[running-100]:-}" ]; then
  tag=$(curl -sf -D - -o /dev/null -H "$auth" "$(wfx_url $wfx_port running-100)" | awk 'tolower($1) == "etag:" { print $2 }' | tr -d '\r')
  run_wrk "wfx-running-100-304" "$(wfx_url $wfx_port running-100)" -H "If-None-Match: $tag"
fi
# Without the cache every request renders (concurrent ones share a rendering): its heap bound.
jcmd "$bare_pid" GC.run >/dev/null
bare_gc_before=$(wc -l <"$work/gc-bare.log")
bare_baseline=$(tail -1 "$work/gc-bare.log" | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//')
wrk -t2 -c16 -d"$(( duration * 2 ))s" --timeout 60s -H "$auth" "$(wfx_url $bare_port "closed-$largest")" >"$work/wrk-bare-memory.txt"
bare_peak=$(tail -n +"$(( bare_gc_before + 1 ))" "$work/gc-bare.log" | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//' | sort -n | tail -1)
bare_rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk-bare-memory.txt")
bare_rss=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$bare_pid/status")
kill "$bare_pid"; wait "$bare_pid" 2>/dev/null || true

log "PostgreSQL alone: the rows of the $largest-event history (psql, 5 runs)"
floor_sql="SELECT event_id, kind, event_type,
  CAST(extract(epoch FROM date_trunc('second', event_time)) AS bigint) AS event_second, event_time_nanos, task_id, fingerprint,
  CAST(payload AS text) AS payload, payload_encoding, payload_size, CAST(attributes AS text) AS attributes
  FROM history_events WHERE run_seq = (SELECT seq FROM runs WHERE execution_id = '${ids[closed-$largest]}')
  AND event_id <= $largest ORDER BY event_id"
floor_ms=$(for _ in 1 2 3 4 5; do
  psql_db -d "$db_name" -o /dev/null -c '\timing on' -c "$floor_sql" | awk '/^Time:/ { print $2 }'
done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
log "psql: ${floor_ms} ms (median)"

log "memory: a fresh wfx, 16 concurrent readers of the $largest-event document"
kill "$wfx_pid"; wait "$wfx_pid" 2>/dev/null || true
wfx_pid=$(start_wfx $wfx_port 134217728 "$work/gc-memory.log"); pids+=("$wfx_pid")
await_port $wfx_port
curl -sf -H "$auth" "$(wfx_url $wfx_port "closed-${sizes[0]}")" -o /dev/null || true
jcmd "$wfx_pid" GC.run >/dev/null

heap_used() { jcmd "$wfx_pid" GC.heap_info | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub("K", "", v); print int(v / 1024) } }'; }
baseline=$(heap_used)
gc_lines_before=$(wc -l <"$work/gc-memory.log")
: >"$work/heap-samples.txt"
( for _ in $(seq 1 $(( duration * 3 ))); do heap_used >>"$work/heap-samples.txt"; sleep 0.3; done ) &
sampler=$!
wrk -t2 -c16 -d"$(( duration * 3 ))s" --timeout 60s -H "$auth" "$(wfx_url $wfx_port "closed-$largest")" >"$work/wrk-memory.txt"
wait "$sampler" || true
# The live high-water mark: the most the heap held right after any collection during the load.
after_gc_peak=$(tail -n +"$(( gc_lines_before + 1 ))" "$work/gc-memory.log" | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//' | sort -n | tail -1)
used_peak=$(sort -n "$work/heap-samples.txt" | tail -1)
jcmd "$wfx_pid" GC.run >/dev/null
retained=$(heap_used)
rss_hwm=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$wfx_pid/status")
memory_rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk-memory.txt")
log "heap: baseline ${baseline} MB, live peak ${after_gc_peak:-n/a} MB, sampled peak ${used_peak} MB, retained ${retained} MB; RSS high-water ${rss_hwm} MB"

record_against_copy
copy_against_recording
kill "$wfx_pid"; wait "$wfx_pid" 2>/dev/null || true

log "JMH: history → document → bytes"
java -cp "$bench_cp" org.openjdk.jmh.Main 'DocumentBenchmark.renderAndEncode' \
  -p events="$(IFS=,; echo "${sizes[*]}")" -rf csv -rff "$work/jmh.csv" >"$work/jmh.txt" 2>&1

# ---- the table ---------------------------------------------------------------------------------
mean() { awk -v l="$1" '$1 == l { s += $2; n++ } END { if (n) printf "%.0f", s / n; else print "-" }' "$work/results.txt"; }
mean_col() { awk -v l="$1" -v c="$2" '$1 == l { s += $c; n++ } END { if (n) printf "%.2f", s / n; else print "-" }' "$work/results.txt"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# round_ratio <kind-size> <column>: the median over rounds of wfx/nginx, each round's pair run back
# to back, so that load from outside the benchmark weighs on both sides of every ratio alike.
round_ratio() {
  awk -v w="wfx-$1" -v n="nginx-$1" -v c="$2" '
    $1 == w { a[++i] = $c } $1 == n { b[++j] = $c }
    END { for (k = 1; k <= i && k <= j; k++) if (b[k] > 0) printf "%.4f\n", a[k] / b[k] }' \
    "$work/results.txt" | sort -n | awk '{ r[NR] = $1 } END { if (NR) printf "%.2f", r[int((NR + 1) / 2)]; else print "-" }'
}
per_round() {
  awk -v w="wfx-$1" -v n="nginx-$1" '
    $1 == w { a[++i] = $2 } $1 == n { b[++j] = $2 }
    END { for (k = 1; k <= i && k <= j; k++) printf "%s%.2f", (k > 1 ? "/" : ""), a[k] / b[k] }' "$work/results.txt"
}
jmh_us() { awk -F, -v e="$1" 'NR > 1 && $NF == e { printf "%.1f", $5 }' "$work/jmh.csv"; }

{
echo
echo "wfx benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), wrk -t2 -c$connections -d${duration}s x $rounds rounds"
echo "req/s and latencies: means over rounds; ratio: median over rounds of wfx/nginx (each round's own ratios after it);"
echo "ttlb ratio: median over rounds of wfx p50 / nginx p50 (time to last byte); render: JMH history → document → bytes"
printf '%-6s %-8s %10s %10s %10s %6s %-16s %9s %9s %9s %6s %11s\n' \
  size kind bytes "wfx req/s" "nginx r/s" ratio "(rounds)" "wfx p50" "wfx p99" "ngx p99" ttlb "render µs"
for size in "${sizes[@]}"; do
  for kind in closed running; do
    w=$(mean "wfx-$kind-$size"); n=$(mean "nginx-$kind-$size")
    wp50=$(mean_col "wfx-$kind-$size" 3)
    printf '%-6s %-8s %10s %10s %10s %6s %-16s %9s %9s %9s %6s %11s\n' \
      "$size" "$kind" "${bytes[$kind-$size]}" "$w" "$n" "$(round_ratio "$kind-$size" 2)" "($(per_round "$kind-$size"))" \
      "${wp50}ms" "$(mean_col "wfx-$kind-$size" 4)ms" "$(mean_col "nginx-$kind-$size" 4)ms" \
      "$(round_ratio "$kind-$size" 3)" "$([ "$kind" = closed ] && jmh_us "$size" || echo "")"
  done
done
echo
echo "levers (one run each):"
for size in 100 1000; do
  printf '  closed %-5s without the document cache %8s req/s, with it %8s req/s (x%s)\n' "$size" \
    "$(mean "bare-closed-$size")" "$(mean "wfx-closed-$size-again")" \
    "$(ratio "$(mean "wfx-closed-$size-again")" "$(mean "bare-closed-$size")")"
done
printf '  running 100 with If-None-Match (304)  %8s req/s, p99 %s ms\n' "$(mean wfx-running-100-304)" "$(mean_col wfx-running-100-304 4)"
echo
echo "database floor: psql returns the $largest rows in ${floor_ms} ms; wfx p50 for a cold render is the JMH figure plus that"
echo "memory, 16 readers of the $largest-event document on a fresh wfx (-Xmx1g), $memory_rps req/s:"
echo "  heap baseline ${baseline} MB after GC; live high-water ${after_gc_peak:-no GC during load} MB (+$(( ${after_gc_peak:-$baseline} - baseline )) MB); retained after GC ${retained} MB (+$(( retained - baseline )) MB); sampled peak incl. garbage ${used_peak} MB; RSS high-water ${rss_hwm} MB"
echo "  without the cache (every read renders), same load: $bare_rps req/s, heap ${bare_baseline:-?} MB after GC -> live high-water ${bare_peak:-no GC during load} MB; RSS high-water ${bare_rss} MB"
recording_line
echo "total time $(( $(date +%s) - started ))s"
} | tee "$work/table.txt"
