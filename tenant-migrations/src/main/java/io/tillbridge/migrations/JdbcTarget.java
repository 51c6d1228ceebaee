package io.tillbridge.migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where and as whom to connect to PostgreSQL: a JDBC URL plus user and password.
 *
 * <p>{@link #toString()} never prints the password.
 */
public record JdbcTarget(String url, String user, String password) {

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");

    public JdbcTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException(
                    "not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database): " + url);
        }
        password = password == null ? "" : password;
    }

    /** The database name in the URL. */
    public String database() {
        Matcher m = URL.matcher(url);
        m.matches();
        return m.group(2);
    }

    /** The same server and user, another database. */
    public JdbcTarget withDatabase(String database) {
        Matcher m = URL.matcher(url);
        m.matches();
        return new JdbcTarget(m.group(1) + database + Objects.toString(m.group(3), ""), user, password);
    }

    /** The same URL, another user. */
    public JdbcTarget as(String otherUser, String otherPassword) {
        return new JdbcTarget(url, otherUser, otherPassword);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** An unpooled data source, for migrations and provisioning. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    @Override
    public String toString() {
        return "JdbcTarget[url=" + url + ", user=" + user + "]";
    }
}
