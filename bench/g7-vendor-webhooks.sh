#!/usr/bin/env bash
# Benchmark G7 (BENCHMARKS.md), on demand only: verified, deduplicated and durably stored vendor
# webhook events per second and p99 latency, beside a same-run baseline route that only answers 200,
# with the load driver in another process (wrk, from Debian's package, with pre-signed distinct
# events); then the SIGKILL check with the JVM driver, which records every event id answered 2xx.
# Needs wrk and a PostgreSQL on which the user may create roles and databases (default: postgres at
# 127.0.0.1:5432, trust auth).
#
#   bench/g7-vendor-webhooks.sh            # G7_SECONDS=20 G7_CONCURRENCY=16 G7_WARMUP=5 by default
#   G7_DRIVER=jvm bench/g7-vendor-webhooks.sh   # the JVM driver for the throughput runs too
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_MEASURED=${G7_SECONDS:-20}
CONCURRENCY=${G7_CONCURRENCY:-16}
WARMUP=${G7_WARMUP:-5}
URL=${G7_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}
DB_USER=${G7_USER:-postgres}
WORK=$(mktemp -d)
DATABASE="tillbridge_g7_$(date +%s)"

./mvnw -B -o -q -pl platform-api -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="platform-api/target/test-classes:platform-api/target/classes:$(cat "$WORK/cp.txt")"

server() {
  java -Xms512m -Xmx512m -Dg7.database="$DATABASE" -Dg7.url="$URL" -Dg7.user="$DB_USER" \
      -Dg7.ready="$WORK/ready.properties" -Dlogback.configurationFile=bench/g7-logback.xml \
      -cp "$CP" io.tillbridge.vendorhooks.bench.G7Server >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 240); do
    [ -s "$WORK/ready.properties" ] && grep -q '^pid=' "$WORK/ready.properties" && return 0
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 0.5
  done
  echo "the server did not start"; cat "$WORK/server.log"; exit 1
}
driver() {
  java -Xms256m -Xmx256m -Dg7.ready="$WORK/ready.properties" -Dg7.concurrency="$CONCURRENCY" "$@" \
      -cp "$CP" io.tillbridge.vendorhooks.bench.G7Driver
}

requests() {
  # $1: file; $2: how many distinct signed events
  java -Dg7.ready="$WORK/ready.properties" -Dg7.count="$2" -Dg7.prefix="g7-$(basename "$1")-$(date +%s%N)" \
      -Dg7.requests="$1" -cp "$CP" io.tillbridge.vendorhooks.bench.G7Requests
}
wrk_run() {
  # $1: baseline or route; $2: seconds; $3: requests file; $4: "repeat" for the baseline
  wrk -t2 -c"$CONCURRENCY" -d"$2"s -s bench/g7-wrk.lua "$(grep "^$1=" "$WORK/ready.properties" | cut -d= -f2-)" \
      -- "$3" 2 ${4:-} | tail -1
}

echo "G7: database $DATABASE, $CONCURRENCY connections, ${WARMUP}s warm-up, ${SECONDS_MEASURED}s measured, driver ${G7_DRIVER:-wrk}"
server
if [ "${G7_DRIVER:-wrk}" = jvm ]; then
  driver -Dg7.target=baseline -Dg7.warmup-seconds="$WARMUP" -Dg7.seconds=3 >/dev/null
  driver -Dg7.target=route -Dg7.warmup-seconds="$WARMUP" -Dg7.seconds=3 >/dev/null
  driver -Dg7.target=baseline -Dg7.warmup-seconds=1 -Dg7.seconds="$SECONDS_MEASURED"
  driver -Dg7.target=route -Dg7.warmup-seconds=1 -Dg7.seconds="$SECONDS_MEASURED"
else
  command -v wrk >/dev/null || { echo "wrk is needed (Debian package wrk), or G7_DRIVER=jvm"; exit 1; }
  # Enough distinct events that no thread runs out: about 6,000 a second at most.
  PER_RUN=$(( (SECONDS_MEASURED + WARMUP + 5) * 6000 ))
  requests "$WORK/baseline.txt" 100000
  requests "$WORK/warm.txt" $(( (WARMUP + 13) * 6000 ))
  requests "$WORK/measured.txt" "$PER_RUN"
  wrk_run baseline $(( WARMUP + 3 )) "$WORK/baseline.txt" repeat >/dev/null
  wrk_run route $(( WARMUP + 10 )) "$WORK/warm.txt" >/dev/null
  echo "G7 baseline: $(wrk_run baseline "$SECONDS_MEASURED" "$WORK/baseline.txt" repeat)"
  echo "G7 route: $(wrk_run route "$SECONDS_MEASURED" "$WORK/measured.txt")"
  rm -f "$WORK"/*.txt
fi

# SIGKILL: load the route, kill the server with -9 while 2xx answers keep coming, then check that
# every acknowledged event id is stored.
driver -Dg7.target=route -Dg7.warmup-seconds=0 -Dg7.seconds=30 -Dg7.acked="$WORK/acked.txt" \
    -Dg7.prefix="g7-kill-$(date +%s)" >"$WORK/kill-driver.txt" &
DRIVER=$!
sleep 6
kill -9 "$SERVER"
wait "$SERVER" 2>/dev/null || true
wait "$DRIVER" || true
cat "$WORK/kill-driver.txt"
java -Dg7.ready="$WORK/ready.properties" -Dg7.acked="$WORK/acked.txt" -Dg7.url="$URL" -Dg7.user="$DB_USER" \
    -Dg7.drop=true -cp "$CP" io.tillbridge.vendorhooks.bench.G7Check
rm -rf "$WORK"
