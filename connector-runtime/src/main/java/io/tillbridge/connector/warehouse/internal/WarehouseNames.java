package io.tillbridge.connector.warehouse.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How field and object names become PostgreSQL identifiers. A name that is already a plain lower
 * case identifier ({@code total_money}) is used as it is; any other name ({@code Total}, {@code
 * customer.email}, {@code _key}, {@code a"; drop table x; --}) becomes a plain identifier plus a
 * short hash of the original name, so that the mapping is stable across batches and two names
 * never meet in one column. Identifiers are quoted in every statement anyway.
 */
public final class WarehouseNames {

    /** Names kept as they are: lower case, not starting with an underscore (kept for our columns). */
    private static final Pattern PLAIN = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    /** PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1); ours stay below. */
    private static final int STEM_LENGTH = 38;

    private WarehouseNames() {
    }

    /** The column or table name for a field or object name. */
    public static String identifier(String name) {
        if (PLAIN.matcher(name).matches()) {
            return name;
        }
        String stem = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (stem.isEmpty()) {
            stem = "f";
        } else if (!Character.isLetter(stem.charAt(0))) {
            stem = "f_" + stem;
        }
        if (stem.length() > STEM_LENGTH) {
            stem = stem.substring(0, STEM_LENGTH).replaceAll("_+$", "");
        }
        return stem + "_" + hash(name);
    }

    /** A double-quoted identifier; the names used here never hold a quote, but a quote is doubled. */
    static String quote(String identifier) {
        if (identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an identifier");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
