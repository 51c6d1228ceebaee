#!/usr/bin/env bash
# Benchmark G10 (BENCHMARKS.md), on demand only: server heap retained per signed-in portal session
# on a page (the integration builder by default), with G10_SESSIONS concurrent Chromium sessions
# (default 20) against the same JVM idle. Needs Chromium (/usr/bin/chromium or CHROMIUM_PATH) and a
# PostgreSQL on which the user may create roles and databases (default: postgres at 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
./mvnw -B -o -q -pl admin-ui -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >"$WORK/build.log" || { cat "$WORK/build.log"; exit 1; }
CP="admin-ui/target/test-classes:admin-ui/target/classes:$(cat "$WORK/cp.txt")"
export TILLBRIDGE_TEST_DATABASE_URL="${TILLBRIDGE_TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}"
export TILLBRIDGE_TEST_DATABASE_USER="${TILLBRIDGE_TEST_DATABASE_USER:-postgres}"
java -Xms512m -Xmx2g -XX:+UseG1GC \
    ${G10_HISTOGRAM:+-Dg10.histogram=true} ${G10_IDLE_SECONDS:+-Dg10.idle-seconds="$G10_IDLE_SECONDS"} -Dg10.sessions="${G10_SESSIONS:-20}" ${G10_ROUTE:+-Dg10.route="$G10_ROUTE"} \
    ${G10_WAIT_FOR:+-Dg10.wait-for="$G10_WAIT_FOR"} \
    -Dlogback.configurationFile=bench/g7-logback.xml \
    -cp "$CP" io.tillbridge.ui.bench.G10SessionHeap
rm -rf "$WORK"
