package io.tillbridge.connector.warehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.warehouse.PostgresWarehouseConfig;
import io.tillbridge.connector.warehouse.PostgresWarehouseConnector;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.ByteConverter;

/**
 * On-demand load driver for BENCHMARKS.md goals G1 and G2 (never part of the test suite: it is
 * not named *Test or *IT and runs only through the {@code bench} profile).
 *
 * <p>G1: rows/s of {@link PostgresWarehouseConnector#write} (batches of {@code bench.batch}) against
 * two same-run baselines on the same table shape and the same generated rows: (a) a hand-written
 * binary COPY through {@code CopyManager.copyIn} straight into the final table (no staging, no
 * upsert), and (b) plain JDBC batch inserts ({@code addBatch}/{@code executeBatch}, 1,000 rows per
 * batch, autocommit off). All three commit once per {@code bench.batch} rows, as the connector does.
 *
 * <p>G2: each connector round loads an empty table, then replays the very same batches; the time
 * ratio is first load / replay. Dead rows are read with {@code pg_stat_get_dead_tuples} after the
 * writing sessions have ended (PostgreSQL 15 has no {@code pg_stat_force_next_flush}), and every row
 * version is also compared directly: rows whose (xmin, ctid) changed during the replay.
 *
 * <p>System properties: {@code bench.url} (default the local server), {@code bench.user},
 * {@code bench.rows} (200000), {@code bench.batch} (5000), {@code bench.rounds} (3 measured rounds
 * after one warm-up round). The schema {@code bench_<random>} is created and dropped.
 */
public final class WarehouseLoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JDBC_BATCH = 1_000;
    private static final String[] FIELDS = {"location_id", "subtotal", "tax", "tip", "total", "currency", "paid",
            "refunded", "source", "created_at", "customer"};

    private final String url;
    private final String user;
    private final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final List<List<WriteRecord>> batches;
    private final int rows;

    private WarehouseLoadBench(String url, String user, int rows, int batchSize) {
        this.url = url;
        this.user = user;
        this.rows = rows;
        this.batches = generate(rows, batchSize);
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("bench.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getProperty("bench.user", "postgres");
        int rows = Integer.getInteger("bench.rows", 200_000);
        int batchSize = Integer.getInteger("bench.batch", 5_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        new WarehouseLoadBench(url, user, rows, batchSize).run(rounds, batchSize);
    }

    // --- data --------------------------------------------------------------------------------

    /** Deterministic POS orders: key and 11 fields (scaled numerics, text, booleans, a timestamp string, jsonb). */
    private static List<List<WriteRecord>> generate(int rows, int batchSize) {
        Random random = new Random(42);
        String[] sources = {"square", "clover", "lightspeed", "toast"};
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<List<WriteRecord>> batches = new ArrayList<>();
        List<WriteRecord> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < rows; i++) {
            BigDecimal subtotal = BigDecimal.valueOf(100 + random.nextInt(50_000), 2);
            BigDecimal tax = subtotal.multiply(new BigDecimal("0.0825")).setScale(2, java.math.RoundingMode.HALF_UP);
            BigDecimal tip = BigDecimal.valueOf(random.nextInt(2_000), 2);
            Map<String, Object> customer = new LinkedHashMap<>();
            customer.put("id", "cus_" + Integer.toHexString(random.nextInt(1 << 20)));
            customer.put("name", "Customer " + random.nextInt(10_000));
            customer.put("loyalty", random.nextBoolean());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("location_id", "loc_" + (random.nextInt(40) + 1));
            data.put("subtotal", subtotal);
            data.put("tax", tax);
            data.put("tip", tip);
            data.put("total", subtotal.add(tax).add(tip));
            data.put("currency", "USD");
            data.put("paid", random.nextInt(10) > 0);
            data.put("refunded", random.nextInt(50) == 0);
            data.put("source", sources[random.nextInt(sources.length)]);
            data.put("created_at", start.plus(i * 13L, ChronoUnit.SECONDS).toString());
            data.put("customer", customer);
            batch.add(new WriteRecord(String.format(Locale.ROOT, "ord-%08d", i), "", data));
            if (batch.size() == batchSize) {
                batches.add(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    // --- driver ------------------------------------------------------------------------------

    private void run(int rounds, int batchSize) throws Exception {
        System.out.printf(Locale.ROOT, "rows=%d batch=%d rounds=%d (+1 warm-up) cores=%d java=%s%n", rows, batchSize,
                rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        admin("CREATE SCHEMA " + schema);
        try {
            // The connector creates its table from the data; the baselines get exactly that shape.
            try (PostgresWarehouseConnector connector = new PostgresWarehouseConnector()) {
                connector.write(config(), "orders_connector", batches.get(0));
            }
            admin("CREATE TABLE " + schema + ".orders_copy (LIKE " + schema + ".orders_connector INCLUDING ALL)");
            admin("CREATE TABLE " + schema + ".orders_batch (LIKE " + schema + ".orders_connector INCLUDING ALL)");
            try (Connection c = connect(); ResultSet r = c.createStatement().executeQuery(
                    "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum) "
                            + "FROM pg_attribute WHERE attrelid = '" + schema + ".orders_connector'::regclass AND attnum > 0")) {
                r.next();
                System.out.println("table: " + r.getString(1));
            }
            List<double[]> connectorRounds = new ArrayList<>();
            List<Double> copyRounds = new ArrayList<>();
            List<Double> batchRounds = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                boolean warmUp = round == 0;
                // Rotate the order so that no method always runs first (or last) in a round.
                for (int k = 0; k < 3; k++) {
                    switch ((round + k) % 3) {
                        case 0 -> {
                            double[] result = connectorRound(warmUp);
                            if (!warmUp) {
                                connectorRounds.add(result);
                            }
                        }
                        case 1 -> {
                            double seconds = copyRound();
                            report(warmUp, "copy-binary", seconds);
                            if (!warmUp) {
                                copyRounds.add(seconds);
                            }
                        }
                        default -> {
                            double seconds = batchRound();
                            report(warmUp, "jdbc-batch", seconds);
                            if (!warmUp) {
                                batchRounds.add(seconds);
                            }
                        }
                    }
                }
            }
            summarise(connectorRounds, copyRounds, batchRounds);
        } finally {
            admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private void report(boolean warmUp, String what, double seconds) {
        System.out.printf(Locale.ROOT, "%s %-18s %7.2f s %9.0f rows/s%n", warmUp ? "warm-up " : "measured", what,
                seconds, rows / seconds);
    }

    /** {first load s, replay s, dead tuples added by the replay, row versions changed by the replay, live rows}. */
    private double[] connectorRound(boolean warmUp) throws Exception {
        String table = schema + ".orders_connector";
        prepare(table);
        double first = connectorPass();
        awaitQuiet();
        admin("DROP TABLE IF EXISTS " + schema + ".versions_before");
        admin("CREATE TABLE " + schema + ".versions_before AS SELECT _key, xmin::text AS x, ctid::text AS c FROM " + table);
        long deadBefore = longValue("SELECT pg_stat_get_dead_tuples('" + table + "'::regclass)");
        long insertedBefore = longValue("SELECT pg_stat_get_tuples_inserted('" + table + "'::regclass)");
        admin("CHECKPOINT");
        double replay = connectorPass();
        awaitQuiet();
        long deadAfter = longValue("SELECT pg_stat_get_dead_tuples('" + table + "'::regclass)");
        long insertedAfter = longValue("SELECT pg_stat_get_tuples_inserted('" + table + "'::regclass)");
        long updated = longValue("SELECT pg_stat_get_tuples_updated('" + table + "'::regclass)");
        long live = longValue("SELECT count(*) FROM " + table);
        long changed = longValue("SELECT count(*) FROM " + table + " t LEFT JOIN " + schema
                + ".versions_before b USING (_key) WHERE b._key IS NULL OR b.x <> t.xmin::text OR b.c <> t.ctid::text");
        report(warmUp, "connector-first", first);
        report(warmUp, "connector-replay", replay);
        System.out.printf(Locale.ROOT, "%s replay: first/replay %.2fx, dead tuples %d -> %d, live %d, row versions"
                + " changed %d (stats seen: inserted %d -> %d, updated total %d)%n", warmUp ? "warm-up " : "measured",
                first / replay, deadBefore, deadAfter, live, changed, insertedBefore, insertedAfter, updated);
        return new double[] {first, replay, deadAfter - deadBefore, changed, live};
    }

    /** All batches through the connector; its connection is opened (check) before the clock starts. */
    private double connectorPass() {
        try (PostgresWarehouseConnector connector = new PostgresWarehouseConnector()) {
            CheckResult check = connector.check(config());
            if (check.status() != CheckResult.Status.OK) {
                throw new IllegalStateException("check failed: " + check);
            }
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (List<WriteRecord> batch : batches) {
                List<WriteResult> results = connector.write(config(), "orders_connector", batch);
                for (WriteResult result : results) {
                    if (result.outcome() == WriteResult.Outcome.REJECTED) {
                        throw new IllegalStateException("rejected: " + result);
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Where the time goes, roughly: CPU spent in this JVM thread (rendering, hashing, JDBC) vs the wall clock.
            System.out.printf(Locale.ROOT, "  connector pass: %.2f s wall, %.2f s client CPU%n", seconds,
                    (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            return seconds;
        }
    }

    private double copyRound() throws Exception {
        String table = schema + ".orders_copy";
        prepare(table);
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            String sql = "COPY " + table + " (_key, " + String.join(", ", FIELDS) + ") FROM STDIN (FORMAT binary)";
            long start = System.nanoTime();
            for (List<WriteRecord> batch : batches) {
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
                try {
                    byte[] bytes = binaryCopy(batch);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                c.commit();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** PGCOPY binary: signature, flags, header extension, then per row a field count and length-prefixed values. */
    private static byte[] binaryCopy(List<WriteRecord> batch) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(batch.size() * 256);
        DataOutputStream out = new DataOutputStream(buffer);
        out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeInt(0);
        out.writeInt(0);
        for (WriteRecord record : batch) {
            Map<String, Object> d = record.data();
            out.writeShort(1 + FIELDS.length);
            text(out, record.idempotencyKey());
            text(out, (String) d.get("location_id"));
            numeric(out, (BigDecimal) d.get("subtotal"));
            numeric(out, (BigDecimal) d.get("tax"));
            numeric(out, (BigDecimal) d.get("tip"));
            numeric(out, (BigDecimal) d.get("total"));
            text(out, (String) d.get("currency"));
            bool(out, (Boolean) d.get("paid"));
            bool(out, (Boolean) d.get("refunded"));
            text(out, (String) d.get("source"));
            text(out, (String) d.get("created_at"));
            byte[] json = JSON.writeValueAsBytes(d.get("customer"));
            out.writeInt(json.length + 1);
            out.writeByte(1); // jsonb binary format version
            out.write(json);
        }
        out.writeShort(-1);
        out.flush();
        return buffer.toByteArray();
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void numeric(DataOutputStream out, BigDecimal value) throws IOException {
        byte[] bytes = ByteConverter.numeric(value);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void bool(DataOutputStream out, boolean value) throws IOException {
        out.writeInt(1);
        out.writeByte(value ? 1 : 0);
    }

    private double batchRound() throws Exception {
        String table = schema + ".orders_batch";
        prepare(table);
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            String sql = "INSERT INTO " + table + " (_key, " + String.join(", ", FIELDS) + ") VALUES ("
                    + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))";
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement(sql)) {
                for (List<WriteRecord> batch : batches) {
                    int pending = 0;
                    for (WriteRecord record : batch) {
                        Map<String, Object> d = record.data();
                        insert.setString(1, record.idempotencyKey());
                        insert.setString(2, (String) d.get("location_id"));
                        insert.setBigDecimal(3, (BigDecimal) d.get("subtotal"));
                        insert.setBigDecimal(4, (BigDecimal) d.get("tax"));
                        insert.setBigDecimal(5, (BigDecimal) d.get("tip"));
                        insert.setBigDecimal(6, (BigDecimal) d.get("total"));
                        insert.setString(7, (String) d.get("currency"));
                        insert.setBoolean(8, (Boolean) d.get("paid"));
                        insert.setBoolean(9, (Boolean) d.get("refunded"));
                        insert.setString(10, (String) d.get("source"));
                        insert.setString(11, (String) d.get("created_at"));
                        insert.setString(12, JSON.writeValueAsString(d.get("customer")));
                        insert.addBatch();
                        if (++pending == JDBC_BATCH) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                    if (pending > 0) {
                        insert.executeBatch();
                    }
                    c.commit();
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    // --- summary -----------------------------------------------------------------------------

    private void summarise(List<double[]> connectorRounds, List<Double> copyRounds, List<Double> batchRounds) {
        double[] first = connectorRounds.stream().mapToDouble(r -> r[0]).toArray();
        double[] replay = connectorRounds.stream().mapToDouble(r -> r[1]).toArray();
        double[] copy = copyRounds.stream().mapToDouble(Double::doubleValue).toArray();
        double[] batch = batchRounds.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.println();
        System.out.println("== summary (median of measured rounds; min-max in brackets, rows/s) ==");
        line("G1 connector write", first);
        line("G1 COPY BINARY", copy);
        line("G1 JDBC batch", batch);
        System.out.printf(Locale.ROOT, "G1 ratio vs COPY BINARY: %.2fx (goal >= 0.8x); vs JDBC batch: %.2fx (goal >= 3x)%n",
                median(copy) / median(first), median(batch) / median(first));
        System.out.printf(Locale.ROOT, "G2 first load %.2f s [%.2f-%.2f], replay %.2f s [%.2f-%.2f]: replay %.2fx faster"
                        + " (goal >= 3x); per-round ratios %s%n",
                median(first), min(first), max(first), median(replay), min(replay), max(replay),
                median(first) / median(replay), Arrays.toString(connectorRounds.stream()
                        .mapToDouble(r -> Math.round(r[0] / r[1] * 100) / 100.0).toArray()));
        double worstDead = connectorRounds.stream().mapToDouble(r -> r[2] / r[4] * 100).max().orElse(Double.NaN);
        double worstChanged = connectorRounds.stream().mapToDouble(r -> r[3] / r[4] * 100).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "G2 dead tuples added by replay: worst round %.3f%% of live rows; row versions"
                + " changed: worst round %.3f%% (goal <= 1%%)%n", worstDead, worstChanged);
    }

    private void line(String what, double[] seconds) {
        System.out.printf(Locale.ROOT, "%-20s %9.0f rows/s  [%.0f-%.0f]  (%.2f s median)%n", what, rows / median(seconds),
                rows / max(seconds), rows / min(seconds), median(seconds));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    // --- database ----------------------------------------------------------------------------

    private PostgresWarehouseConfig config() {
        return PostgresWarehouseConfig.of(url, user, null, schema);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, null);
    }

    /** An empty table and a checkpoint, so that each round starts alike. */
    private void prepare(String table) throws SQLException {
        admin("TRUNCATE " + table);
        admin("CHECKPOINT");
    }

    /** Lets the ended sessions' statistics reach the shared statistics (they are flushed at session exit). */
    private static void awaitQuiet() throws InterruptedException {
        Thread.sleep(1_500);
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private long longValue(String sql) throws SQLException {
        try (Connection c = connect(); Statement statement = c.createStatement(); ResultSet r = statement.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
