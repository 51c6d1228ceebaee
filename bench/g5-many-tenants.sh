#!/usr/bin/env bash
# Benchmark G5 (BENCHMARKS.md), on demand only: G5_TENANTS tenants (default 50) syncing at once, each
# from its own Square sandbox with G5_LATENCY_MS of latency per request (default 100) and a share
# G5_RATE_LIMIT_SHARE of 429 answers with Retry-After (default 0.05), into its own warehouse schema,
# with a 2 GB heap: platform CPU per active run, heap peak, each tenant's progress and the spread,
# beside the pace of one tenant syncing alone. The sandboxes run in a JVM of their own. Needs a
# PostgreSQL on which the user may create roles and databases (default: postgres at 127.0.0.1:5432,
# trust auth) and that takes G5_POOL (default 20) + G5_TENANTS + a few more connections.
#
#   bench/g5-many-tenants.sh               # G5_ORDERS=2000 G5_PAGE_SIZE=100 per tenant
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
./mvnw -B -o -q -pl platform-api -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="platform-api/target/test-classes:platform-api/target/classes:$(cat "$WORK/cp.txt")"
java -Xms2g -Xmx2g -XX:+UseG1GC ${G5_JFR:+-XX:StartFlightRecording=filename="$G5_JFR",settings=profile} \
    -Dg5.tenants="${G5_TENANTS:-50}" -Dg5.orders="${G5_ORDERS:-2000}" -Dg5.page-size="${G5_PAGE_SIZE:-100}" \
    -Dg5.latency-ms="${G5_LATENCY_MS:-100}" -Dg5.rate-limit-share="${G5_RATE_LIMIT_SHARE:-0.05}" \
    -Dg5.pool="${G5_POOL:-20}" \
    -Dg5.url="${G5_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}" -Dg5.user="${G5_USER:-postgres}" \
    -Dlogback.configurationFile=bench/g7-logback.xml \
    -cp "$CP" io.tillbridge.engine.bench.G5ManyTenants
