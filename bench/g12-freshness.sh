#!/usr/bin/env bash
# Benchmark G12 (BENCHMARKS.md), on demand only: freshness from a Square sandbox's new order and its
# webhook to the order's row in the tenant's warehouse, p50/p95 over G12_CHANGES changes (default
# 1,000) spread over G12_TENANTS tenants (default 50), each with its own sandbox, webhook route,
# warehouse schema and live integration. Needs a PostgreSQL on which the user may create roles and
# databases (default: postgres at 127.0.0.1:5432, trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
./mvnw -B -o -q -pl platform-api -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="platform-api/target/test-classes:platform-api/target/classes:$(cat "$WORK/cp.txt")"
java -Xms1g -Xmx2g -Dsun.net.httpserver.nodelay=true ${G12_JFR:+-XX:StartFlightRecording=filename="$G12_JFR",settings=profile} \
    ${G12_THREADS:+-Dg12.threads="$G12_THREADS"} ${G12_POLL_INTERVAL:+-Dg12.poll-interval="$G12_POLL_INTERVAL"} \
    -Dg12.tenants="${G12_TENANTS:-50}" -Dg12.changes="${G12_CHANGES:-1000}" -Dg12.rate="${G12_RATE:-10}" \
    -Dg12.url="${G12_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}" -Dg12.user="${G12_USER:-postgres}" \
    -Dlogback.configurationFile=bench/g7-logback.xml \
    -cp "$CP" io.tillbridge.vendorhooks.bench.G12Freshness
rm -rf "$WORK"
