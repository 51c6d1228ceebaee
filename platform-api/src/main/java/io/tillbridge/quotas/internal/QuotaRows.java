package io.tillbridge.quotas.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * SQL of the {@code provider_quotas} platform table. Every time is the database server's clock
 * ({@code statement_timestamp()}), so that processes on different hosts agree on it.
 */
public final class QuotaRows {

    /** The outcome of one acquire: a permit, or how long until one may be there. */
    public record Acquired(boolean granted, Duration retryIn) {
    }

    // The bucket's level now: refilled by the time elapsed since refilled_at, capped at the burst.
    private static final String LEVEL =
            "LEAST(?, tokens + ? * GREATEST(0, EXTRACT(EPOCH FROM statement_timestamp() - refilled_at)))";

    // One statement: the UPDATE takes a permit only if the account is not blocked and the refilled
    // level holds one; it re-checks both on the newest row version when another process updated
    // the row meanwhile (READ COMMITTED), so two processes never take the same permit. The outer
    // SELECT reads the row as it was before the statement, to say how long to wait when refused.
    private static final String ACQUIRE = "WITH taken AS ("
            + " UPDATE provider_quotas SET tokens = " + LEVEL + " - 1,"
            + " refilled_at = GREATEST(refilled_at, statement_timestamp())"
            + " WHERE provider = ? AND account_hash = ? AND blocked_until <= statement_timestamp()"
            + " AND " + LEVEL + " >= 1 RETURNING 1)"
            + " SELECT EXISTS (SELECT 1 FROM taken),"
            + " CASE WHEN blocked_until > statement_timestamp()"
            + " THEN EXTRACT(EPOCH FROM blocked_until - statement_timestamp()) ELSE 0 END,"
            + " (1 - " + LEVEL + ") / ?"
            + " FROM provider_quotas WHERE provider = ? AND account_hash = ?";

    private QuotaRows() {
    }

    /** Creates the account's bucket, full, unless it exists. */
    public static void ensure(Connection c, String provider, byte[] accountHash, int burst) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO provider_quotas"
                + " (provider, account_hash, tokens, refilled_at, blocked_until)"
                + " VALUES (?, ?, ?, statement_timestamp(), statement_timestamp()) ON CONFLICT DO NOTHING")) {
            ps.setString(1, provider);
            ps.setBytes(2, accountHash);
            ps.setBigDecimal(3, BigDecimal.valueOf(burst));
            ps.executeUpdate();
        }
    }

    /**
     * Takes one permit if there is one. Empty when the account has no bucket yet ({@link #ensure}).
     */
    public static Optional<Acquired> acquire(Connection c, String provider, byte[] accountHash, double perSecond,
            int burst) throws SQLException {
        BigDecimal rate = BigDecimal.valueOf(perSecond);
        BigDecimal cap = BigDecimal.valueOf(burst);
        try (PreparedStatement ps = c.prepareStatement(ACQUIRE)) {
            int i = 0;
            ps.setBigDecimal(++i, cap);
            ps.setBigDecimal(++i, rate);
            ps.setString(++i, provider);
            ps.setBytes(++i, accountHash);
            ps.setBigDecimal(++i, cap);
            ps.setBigDecimal(++i, rate);
            ps.setBigDecimal(++i, cap);
            ps.setBigDecimal(++i, rate);
            ps.setBigDecimal(++i, rate);
            ps.setString(++i, provider);
            ps.setBytes(++i, accountHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (rs.getBoolean(1)) {
                    return Optional.of(new Acquired(true, Duration.ZERO));
                }
                double seconds = Math.max(rs.getBigDecimal(2).doubleValue(), rs.getBigDecimal(3).doubleValue());
                return Optional.of(new Acquired(false, Duration.ofNanos(Math.max(1_000_000L, (long) (seconds * 1e9)))));
            }
        }
    }

    /**
     * Blocks the account for {@code wait} from now, unless it is blocked longer already; at the
     * end of the block one permit is there, then the bucket refills at its rate.
     */
    public static void block(Connection c, String provider, byte[] accountHash, Duration wait) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE provider_quotas"
                + " SET blocked_until = statement_timestamp() + ? * interval '1 millisecond',"
                + " refilled_at = statement_timestamp() + ? * interval '1 millisecond', tokens = 1"
                + " WHERE provider = ? AND account_hash = ?"
                + " AND blocked_until < statement_timestamp() + ? * interval '1 millisecond'")) {
            long millis = Math.max(0, wait.toMillis());
            ps.setLong(1, millis);
            ps.setLong(2, millis);
            ps.setString(3, provider);
            ps.setBytes(4, accountHash);
            ps.setLong(5, millis);
            ps.executeUpdate();
        }
    }
}
