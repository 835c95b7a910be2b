#!/usr/bin/env bash
# The benchmark of issues 7 and 13, in one run: builds the service, starts it (embedded PostgreSQL, Kaleyra faked
# at a fixed latency), seeds it through its API, drives GET (random ids, and the waiting room: each client polling
# its own teleconsultation) and POST /teleconsultation with wrk at several concurrency levels, does the same GETs
# for a bare Vert.x floor on the same PostgreSQL, then GET through two clustered JVMs (an `http` node and a
# `kaleyra,persistence` node), samples the service's resident memory, and writes BENCHMARKS.md and
# bench/latency.png. Never part of `mvn -B verify` or .ci/run.
#
#   bench/run.sh
#
# Needs JDK 17, Maven, wrk and gnuplot (as root: apt-get update && apt-get install -y wrk gnuplot-nox).
# Every process it starts is stopped when it ends, fails, or is interrupted (Ctrl-C). Traffic goes to 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench

N=${BENCH_N:-1000}
KALEYRA_LATENCY_MS=${BENCH_KALEYRA_LATENCY_MS:-50}
CONCURRENCY=${BENCH_CONCURRENCY:-"1 8 32 64 128"}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
JIT_WARMUP=${BENCH_JIT_WARMUP:-10}
SEED_CONCURRENCY=${BENCH_SEED_CONCURRENCY:-32}
# The waiting room: as many clients as connections, each polling its own teleconsultation.
POLL_CONCURRENCY=${BENCH_POLL_CONCURRENCY:-"64"}
# GET through two clustered JVMs at these connections ("" skips it).
CLUSTER_CONCURRENCY=${BENCH_CLUSTER_CONCURRENCY-"64"}
ROOM_DETAILS_TTL_MS=5000
# The heap settings the README recommends for `java -jar`; the floor runs with the same ones.
JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xmx256m"}
SERVICE_PORT=${BENCH_SERVICE_PORT:-18080}
FLOOR_PORT=${BENCH_FLOOR_PORT:-18081}
KALEYRA_PORT=${BENCH_KALEYRA_PORT:-18090}
CLUSTER_HTTP_PORT=${BENCH_CLUSTER_HTTP_PORT:-18082}
# Hazelcast ports of the two clustered nodes.
CLUSTER_PORT_HTTP=${BENCH_CLUSTER_PORT_HTTP:-15711}
CLUSTER_PORT_BACK=${BENCH_CLUSTER_PORT_BACK:-15712}
# The whole run stops (and cleans up) if it has not finished by then.
DEADLINE_SECONDS=${BENCH_DEADLINE_SECONDS:-1800}

KALEYRA_KEY=bench-kaleyra-key
CALLER=bench-patient
BENCH_JAR=$BENCH/target/teleconsultation-bench.jar
SERVICE_JAR=$ROOT/target/teleconsultation-service-backend.jar

WORK=$(mktemp -d "${TMPDIR:-/tmp}/teleconsultation-bench.XXXXXX")
RESULTS=$WORK/results
DATA_DIR=$WORK/data
mkdir -p "$RESULTS"

KALEYRA_PID=""
SERVICE_PID=""
FLOOR_PID=""
CLUSTER_HTTP_PID=""
CLUSTER_BACK_PID=""
WRK_PID=""
RUN_STARTED=$SECONDS

log() { printf '%s [bench] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

# Stops one process we started: TERM, then KILL after $2 seconds.
stop_pid() {
  local pid=$1 grace=${2:-20}
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq $((grace * 10))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "process $pid did not stop in ${grace} s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  log "stopping every process of the run"
  stop_pid "$WRK_PID" 5
  stop_pid "$FLOOR_PID" 10
  stop_pid "$CLUSTER_HTTP_PID" 30
  stop_pid "$CLUSTER_BACK_PID" 30
  # The service stops its embedded PostgreSQL itself on SIGTERM.
  stop_pid "$SERVICE_PID" 30
  stop_pid "$KALEYRA_PID" 10
  # If the service could not (killed, crashed), stop the PostgreSQL it started: its pid is in postmaster.pid.
  local pidfile=$DATA_DIR/postgres/postmaster.pid
  if [ -f "$pidfile" ]; then
    local postgres
    postgres=$(head -1 "$pidfile")
    if [ -n "$postgres" ] && kill -0 "$postgres" 2>/dev/null; then
      log "stopping the embedded PostgreSQL left behind (pid $postgres)"
      kill -INT "$postgres" 2>/dev/null
      for _ in $(seq 100); do kill -0 "$postgres" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$postgres" 2>/dev/null && kill -KILL "$postgres" 2>/dev/null
    fi
  fi
  rm -rf "$DATA_DIR"
  if [ "$status" -eq 0 ] && [ -z "${BENCH_KEEP:-}" ]; then
    rm -rf "$WORK"
  else
    log "logs and raw results kept in $WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

check_deadline() {
  [ $((SECONDS - RUN_STARTED)) -lt "$DEADLINE_SECONDS" ] || fail "over the ${DEADLINE_SECONDS} s deadline"
}

require_free_port() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    fail "port $1 is in use (set BENCH_SERVICE_PORT, BENCH_FLOOR_PORT or BENCH_KALEYRA_PORT)"
  fi
}

# Waits until $2 answers 200, or fails if process $1 died or $3 seconds passed.
wait_until_up() {
  local pid=$1 url=$2 seconds=$3 logfile=$4
  for _ in $(seq $((seconds * 4))); do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$logfile" >&2; fail "process $pid died while starting (log: $logfile)"; }
    curl -sf -o /dev/null --max-time 2 "$url" && return 0
    sleep 0.25
  done
  tail -30 "$logfile" >&2
  fail "$url not up after $seconds s"
}

rss_kib() {
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0
}

kaleyra_stats() {
  curl -sf --max-time 5 "http://127.0.0.1:$KALEYRA_PORT/-/stats"
}

SERVICE_MAX_RSS=0

# One wrk run: $1 get|poll|post, $2 service|floor|cluster, $3 connections, $4 seconds, $5 JSON summary file, $6 file for the max
# RSS of the target process during the run (optional).
wrk_run() {
  local endpoint=$1 target=$2 connections=$3 seconds=$4 out=$5 rss_out=${6:-}
  local url script path pid
  local threads=$((connections < 2 ? connections : 2))
  case "$target" in
    service) url="http://127.0.0.1:$SERVICE_PORT"; path=/teleconsultation/; pid=$SERVICE_PID ;;
    floor) url="http://127.0.0.1:$FLOOR_PORT"; path=/floor/; pid=$FLOOR_PID ;;
    cluster) url="http://127.0.0.1:$CLUSTER_HTTP_PORT"; path=/teleconsultation/; pid=$CLUSTER_HTTP_PID ;;
  esac
  case "$endpoint" in
    get) script=$BENCH/wrk/get.lua ;;
    poll) script=$BENCH/wrk/poll.lua ;;
    post) script=$BENCH/wrk/post.lua; url="$url/teleconsultation" ;;
  esac
  BENCH_LUA_DIR=$BENCH/wrk BENCH_IDS=$WORK/ids.txt BENCH_PATH=$path BENCH_CALLER=$CALLER BENCH_START=$START_DATE \
    BENCH_ROOMS=$connections BENCH_THREADS=$threads BENCH_OUT=$out timeout -k 5 $((seconds + 30)) \
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$script" "$url" > "$out.txt" 2>&1 &
  WRK_PID=$!
  local max=0 kib
  while kill -0 "$WRK_PID" 2>/dev/null; do
    kib=$(rss_kib "$pid")
    [ "${kib:-0}" -gt "$max" ] && max=$kib
    if [ "$target" = service ] && [ "${kib:-0}" -gt "$SERVICE_MAX_RSS" ]; then SERVICE_MAX_RSS=$kib; fi
    sleep 0.2
  done
  wait "$WRK_PID" || { cat "$out.txt" >&2; fail "wrk failed: $endpoint $target $connections connections"; }
  WRK_PID=""
  [ -s "$out" ] || { cat "$out.txt" >&2; fail "wrk wrote no summary: $endpoint $target $connections connections"; }
  [ -z "$rss_out" ] || echo "$max" > "$rss_out"
}

# A measured step: warm-up (discarded), then the measured run with Kaleyra's counters around it. $4 (optional) names
# the results instead of $2.
step() {
  local endpoint=$1 target=$2 connections=$3
  local name=$endpoint-${4:-$target}-c$connections
  check_deadline
  wrk_run "$endpoint" "$target" "$connections" "$WARMUP" "$WORK/warmup.json"
  kaleyra_stats > "$RESULTS/kaleyra-$name-before.json"
  wrk_run "$endpoint" "$target" "$connections" "$DURATION" "$RESULTS/$name.json" "$RESULTS/rss-$name.txt"
  kaleyra_stats > "$RESULTS/kaleyra-$name-after.json"
  log "$name: $(grep -E 'Requests/sec' "$RESULTS/$name.json.txt" | tr -s ' ') $(jq -c '.latency_us | {p50, p99, p999}' "$RESULTS/$name.json" 2>/dev/null || true)"
}

# ---- preconditions ----------------------------------------------------------------------------------------------
for tool in java mvn wrk gnuplot curl awk timeout; do
  command -v "$tool" >/dev/null || fail "$tool is missing (as root: apt-get update && apt-get install -y wrk gnuplot-nox)"
done
for port in "$SERVICE_PORT" "$FLOOR_PORT" "$KALEYRA_PORT" "$CLUSTER_HTTP_PORT" "$CLUSTER_PORT_HTTP" "$CLUSTER_PORT_BACK"; do
  require_free_port "$port"
done
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- build --------------------------------------------------------------------------------------------------------
log "building the service (mvn -B -q package -DskipTests) and the benchmark's programs"
(cd "$ROOT" && timeout 900 mvn -B -q package -DskipTests) || fail "service build"
(cd "$BENCH" && timeout 600 mvn -B -q package) || fail "benchmark build"

# ---- fake Kaleyra, service ----------------------------------------------------------------------------------------
log "starting the fake Kaleyra (${KALEYRA_LATENCY_MS} ms per call) on 127.0.0.1:$KALEYRA_PORT"
java -Xmx256m -cp "$BENCH_JAR" io.teleconsultation.bench.FakeKaleyra "$KALEYRA_PORT" "$KALEYRA_LATENCY_MS" "$KALEYRA_KEY" \
  > "$WORK/kaleyra.log" 2>&1 &
KALEYRA_PID=$!
wait_until_up "$KALEYRA_PID" "http://127.0.0.1:$KALEYRA_PORT/-/stats" 60 "$WORK/kaleyra.log"

log "starting the service: java $JAVA_OPTS -jar target/teleconsultation-service-backend.jar (DATA_DIR $DATA_DIR)"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
(cd "$WORK" && exec env HTTP_PORT="$SERVICE_PORT" DATA_DIR="$DATA_DIR" \
  BANDYER_BASE_URL="http://127.0.0.1:$KALEYRA_PORT/v2" BANDYER_API_SECRET_KEY="$KALEYRA_KEY" \
  java $JAVA_OPTS -jar "$SERVICE_JAR") > "$WORK/service.log" 2>&1 &
SERVICE_PID=$!
wait_until_up "$SERVICE_PID" "http://127.0.0.1:$SERVICE_PORT/-/ready" 180 "$WORK/service.log"

# ---- seed ---------------------------------------------------------------------------------------------------------
START_DATE=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%S.000Z)
log "seeding $N teleconsultations through POST /teleconsultation ($SEED_CONCURRENCY at a time)"
SEED_STARTED=$(date +%s.%N)
timeout --foreground 600 java -cp "$BENCH_JAR" io.teleconsultation.bench.Seed "$SERVICE_PORT" "$N" "$SEED_CONCURRENCY" \
  "$START_DATE" "$WORK/ids.txt" "$WORK/sample.json" || fail "seeding"
SEED_SECONDS=$(awk -v a="$SEED_STARTED" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')

log "service idle for 5 s, then its RSS at rest"
sleep 5
rss_kib "$SERVICE_PID" > "$RESULTS/rss-rest.txt"

# ---- floor --------------------------------------------------------------------------------------------------------
PG_PORT=$(sed -n 4p "$DATA_DIR/postgres/postmaster.pid")
log "starting the floor on 127.0.0.1:$FLOOR_PORT (PostgreSQL of the service, port $PG_PORT)"
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$BENCH_JAR" io.teleconsultation.bench.FloorServer "$FLOOR_PORT" "$PG_PORT" "$WORK/ids.txt" \
  "$WORK/sample.json" 8 > "$WORK/floor.log" 2>&1 &
FLOOR_PID=$!
wait_until_up "$FLOOR_PID" "http://127.0.0.1:$FLOOR_PORT/floor/$(head -1 "$WORK/ids.txt")" 60 "$WORK/floor.log"

# ---- load ---------------------------------------------------------------------------------------------------------
log "warming the JIT: ${JIT_WARMUP} s of GET on each server and of POST on the service, 32 connections"
wrk_run get service 32 "$JIT_WARMUP" "$WORK/warmup.json"
wrk_run get floor 32 "$JIT_WARMUP" "$WORK/warmup.json"
wrk_run post service 32 "$JIT_WARMUP" "$WORK/warmup.json"

for c in $CONCURRENCY; do
  step get service "$c"
  step get floor "$c"
done
for c in $POLL_CONCURRENCY; do
  step poll service "$c"
  step poll floor "$c"
done
for c in $CONCURRENCY; do
  step post service "$c"
done
echo "$SERVICE_MAX_RSS" > "$RESULTS/rss-service-max.txt"

# ---- the clustered bus --------------------------------------------------------------------------------------------
# GET through two JVMs on this machine: an `http` node (the edge and the use cases) and a `kaleyra,persistence` node
# on the PostgreSQL the service seeded, the same fake Kaleyra. The single node stays up, idle.
if [ -n "$CLUSTER_CONCURRENCY" ]; then
  MEMBERS="127.0.0.1:$CLUSTER_PORT_HTTP,127.0.0.1:$CLUSTER_PORT_BACK"
  log "starting two clustered nodes: kaleyra,persistence (Hazelcast port $CLUSTER_PORT_BACK), http on $CLUSTER_HTTP_PORT"
  # shellcheck disable=SC2086
  (cd "$WORK" && exec env VERTICLES=kaleyra,persistence CLUSTER_ENABLED=true CLUSTER_PORT="$CLUSTER_PORT_BACK" \
    CLUSTER_MEMBERS="$MEMBERS" DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres" \
    BANDYER_BASE_URL="http://127.0.0.1:$KALEYRA_PORT/v2" BANDYER_API_SECRET_KEY="$KALEYRA_KEY" \
    java $JAVA_OPTS -jar "$SERVICE_JAR") > "$WORK/cluster-back.log" 2>&1 &
  CLUSTER_BACK_PID=$!
  # shellcheck disable=SC2086
  (cd "$WORK" && exec env VERTICLES=http CLUSTER_ENABLED=true CLUSTER_PORT="$CLUSTER_PORT_HTTP" \
    CLUSTER_MEMBERS="$MEMBERS" HTTP_PORT="$CLUSTER_HTTP_PORT" \
    BANDYER_BASE_URL="http://127.0.0.1:$KALEYRA_PORT/v2" BANDYER_API_SECRET_KEY="$KALEYRA_KEY" \
    java $JAVA_OPTS -jar "$SERVICE_JAR") > "$WORK/cluster-http.log" 2>&1 &
  CLUSTER_HTTP_PID=$!
  wait_until_up "$CLUSTER_HTTP_PID" "http://127.0.0.1:$CLUSTER_HTTP_PORT/-/ready" 180 "$WORK/cluster-http.log"
  kill -0 "$CLUSTER_BACK_PID" 2>/dev/null || { tail -30 "$WORK/cluster-back.log" >&2; fail "the kaleyra,persistence node died"; }
  # Two fresh JVMs: twice the single node's warm-up.
  log "warming the JIT of the clustered nodes: $((2 * JIT_WARMUP)) s of GET, 32 connections"
  wrk_run get cluster 32 "$((2 * JIT_WARMUP))" "$WORK/warmup.json"
  for c in $CLUSTER_CONCURRENCY; do
    # The single node again, right before, so that both see the same machine.
    step get service "$c" single
    step get cluster "$c"
  done
  stop_pid "$CLUSTER_HTTP_PID" 30
  CLUSTER_HTTP_PID=""
  stop_pid "$CLUSTER_BACK_PID" 30
  CLUSTER_BACK_PID=""
fi

# ---- report -------------------------------------------------------------------------------------------------------
COMMAND="bench/run.sh"
for var in BENCH_N BENCH_KALEYRA_LATENCY_MS BENCH_CONCURRENCY BENCH_POLL_CONCURRENCY BENCH_CLUSTER_CONCURRENCY \
  BENCH_DURATION BENCH_WARMUP BENCH_JIT_WARMUP BENCH_JAVA_OPTS; do
  if [ -n "${!var:-}" ]; then COMMAND="$var=\"${!var}\" $COMMAND"; fi
done
COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(cd "$ROOT" && git status --porcelain --untracked-files=no -- src pom.xml conf openapi.yaml 2>/dev/null)" ]; then
  COMMIT="$COMMIT + uncommitted changes"
fi
cat > "$RESULTS/meta.properties" <<EOF
date=$(date -u +%Y-%m-%dT%H:%MZ)
commit=$COMMIT
command=$COMMAND
cpu.model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
cpu.count=$(nproc)
memory=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
os=$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null), Linux $(uname -r)
java.version=$(java -version 2>&1 | head -2 | tail -1)
wrk.version=$(wrk -v 2>&1 | head -1 | cut -d' ' -f2)
java.opts=$JAVA_OPTS
kaleyra.latency.ms=$KALEYRA_LATENCY_MS
seed.count=$(wc -l < "$WORK/ids.txt")
seed.seconds=$SEED_SECONDS
sample.bytes=$(wc -c < "$WORK/sample.json")
concurrency=$CONCURRENCY
poll.concurrency=$POLL_CONCURRENCY
cluster.concurrency=$CLUSTER_CONCURRENCY
room.details.ttl.ms=$ROOM_DETAILS_TTL_MS
http.instances=$(nproc)
duration.seconds=$DURATION
warmup.seconds=$WARMUP
jit.warmup.seconds=$JIT_WARMUP
load.before=$LOAD_BEFORE
load.after=$(cut -d' ' -f1-3 /proc/loadavg)
run.minutes=$(( (SECONDS - RUN_STARTED + 59) / 60 ))
EOF
# What the service complained about during the run, ids and numbers folded, most frequent first.
# The service logs JSON lines (src/main/resources/logback.xml): level, logger and message are kept.
problems() {
  { grep -E '"level":"(WARN|ERROR)"' "$1" || true; } \
    | sed -E 's/.*"level":"([A-Z]+)".*"loggerName":"([^"]*)".*"formattedMessage":"(([^"\\]|\\.)*)".*/\1 \2 - \3/' \
    | sed -E 's/[0-9a-f]{8}-[0-9a-f-]{27}/<id>/g; s/room_[0-9a-f]+/<room>/g; s/[0-9]+/N/g' \
    | sort | uniq -c | sort -rn | head -5 | sed -E 's/^ +//'
}
problems "$WORK/service.log" > "$RESULTS/service-log-problems.txt"
for node in http back; do
  if [ -f "$WORK/cluster-$node.log" ]; then problems "$WORK/cluster-$node.log" > "$RESULTS/cluster-$node-log-problems.txt"; fi
done

log "writing BENCHMARKS.md and bench/latency.png"
timeout 60 java -cp "$BENCH_JAR" io.teleconsultation.bench.Report "$RESULTS" "$ROOT/BENCHMARKS.md" \
  "$BENCH/latency.dat" "$BENCH/ANALYSIS.md"
timeout 60 gnuplot -e "data='$BENCH/latency.dat'; out='$BENCH/latency.png'; latency=$KALEYRA_LATENCY_MS" \
  "$BENCH/plot.gp"
log "done in $(( SECONDS - RUN_STARTED )) s: BENCHMARKS.md, bench/latency.png"
