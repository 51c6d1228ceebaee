#!/usr/bin/env bash
# Benchmark G4 (BENCHMARKS.md), on demand only: one tenant's orders end to end, from a Square sandbox
# with no added latency (its own JVM) through the canonical order mapping into a warehouse table, by
# the platform's run worker: orders/s, CPU ms per 1,000 orders (platform, its PostgreSQL sessions,
# warehouse, sandbox) and peak heap, beside the same-run ceiling of loading the same rows by raw
# COPY. Needs a PostgreSQL on which the user may create roles and databases (default: postgres at
# 127.0.0.1:5432, trust auth).
#
#   bench/g4-end-to-end.sh                   # G4_ORDERS=200000 G4_PAGE_SIZE=1000 G4_WARMUP_ORDERS=20000
#   G4_JFR=/tmp/g4.jfr bench/g4-end-to-end.sh   # with a flight recording of the platform's JVM
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
./mvnw -B -o -q -pl platform-api -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="platform-api/target/test-classes:platform-api/target/classes:$(cat "$WORK/cp.txt")"
java -Xms${G4_HEAP:-1g} -Xmx${G4_HEAP:-1g} -XX:+UseG1GC \
    ${G4_JFR:+-XX:StartFlightRecording=filename="$G4_JFR",settings=profile} \
    -Dg4.orders="${G4_ORDERS:-200000}" -Dg4.page-size="${G4_PAGE_SIZE:-1000}" \
    -Dg4.warmup-orders="${G4_WARMUP_ORDERS:-20000}" -Dg4.quota-per-second="${G4_QUOTA_PER_SECOND:-1000}" \
    -Dg4.url="${G4_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}" -Dg4.user="${G4_USER:-postgres}" \
    -Dlogback.configurationFile=bench/g7-logback.xml \
    -cp "$CP" io.tillbridge.engine.bench.G4EndToEnd
