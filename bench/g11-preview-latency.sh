#!/usr/bin/env bash
# Benchmark G11 (BENCHMARKS.md), on demand only: from a change of a mapping field in the browser to
# the integration builder's preview showing the new output over 20 sample records, p50/p95/p99 over
# G11_CHANGES changes (default 200, after G11_WARMUP = 30), beside a same-run baseline (a trivial
# server round trip of the same page). Starts the portal on loopback in one JVM and drives headless
# Chromium (/usr/bin/chromium or CHROMIUM_PATH). Needs a PostgreSQL on which the user may create
# roles and databases (default: postgres at 127.0.0.1:5432, trust auth); its database is dropped
# when the run ends.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
./mvnw -B -o -q -pl admin-ui -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="admin-ui/target/test-classes:admin-ui/target/classes:$(cat "$WORK/cp.txt")"
export TILLBRIDGE_TEST_DATABASE_URL="${G11_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}"
export TILLBRIDGE_TEST_DATABASE_USER="${G11_USER:-postgres}"
java -Xms512m -Xmx1g \
    -Dg11.changes="${G11_CHANGES:-200}" -Dg11.warmup="${G11_WARMUP:-30}" \
    -Dlogback.configurationFile=bench/g7-logback.xml \
    -cp "$CP" io.tillbridge.ui.integrations.mapping.bench.G11PreviewLatency
