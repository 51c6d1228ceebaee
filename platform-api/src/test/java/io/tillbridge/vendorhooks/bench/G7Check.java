package io.tillbridge.vendorhooks.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * G7's SIGKILL check (BENCHMARKS.md): every event id the driver saw answered 2xx
 * ({@code -Dg7.acked}) must be in {@code vendor_hook_events} of the benchmark's database, read as the
 * server's superuser after the server was killed. Prints the counts and the first missing ids; exits
 * 1 when any is missing. With {@code -Dg7.drop=true} it then drops the benchmark's database.
 */
public final class G7Check {

    private G7Check() {
    }

    public static void main(String[] args) throws Exception {
        Properties ready = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("g7.ready", "g7-ready.properties")))) {
            ready.load(in);
        }
        String admin = System.getProperty("g7.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getProperty("g7.user", "postgres");
        String database = ready.getProperty("database");
        List<String> acked = Files.readAllLines(Path.of(System.getProperty("g7.acked")));
        Set<String> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection(admin.substring(0, admin.lastIndexOf('/') + 1) + database, user,
                System.getProperty("g7.password", ""));
                PreparedStatement ps = c.prepareStatement("SELECT event_id FROM vendor_hook_events WHERE event_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", acked.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        List<String> missing = acked.stream().filter(id -> !stored.contains(id)).toList();
        System.out.printf("G7 SIGKILL check: %d events acknowledged 2xx before the kill, %d of them stored, %d missing%s%n",
                acked.size(), stored.size(), missing.size(), missing.isEmpty() ? "" : " " + missing.subList(0,
                        Math.min(10, missing.size())));
        if (Boolean.getBoolean("g7.drop")) {
            try (Connection c = DriverManager.getConnection(admin, user, System.getProperty("g7.password", ""))) {
                c.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + database.replace("'", "") + "'");
                c.createStatement().execute("DROP DATABASE IF EXISTS \"" + database.replace("\"", "") + "\"");
            }
        }
        if (!missing.isEmpty()) {
            System.exit(1);
        }
    }
}
