package io.tillbridge.partners.internal;

import io.tillbridge.access.Caller.PartnerScope;
import io.tillbridge.partners.ListPosition;
import io.tillbridge.partners.PartnerKey;
import io.tillbridge.platform.internal.Sql;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL on {@code partner_keys}, a platform table. Secrets are never here: only their hashes. */
@Singleton
public class PartnerKeyRepository {

    private static final String COLUMNS = "id, partner_id, name, prefix, scopes, created_at, last_used_at, revoked_at";

    /** A key's row as authentication needs it. */
    public record StoredKey(PartnerKey key, byte[] secretHash) {
    }

    public void insert(Connection c, PartnerKey key, byte[] secretHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO partner_keys (id, partner_id, name, prefix,"
                + " secret_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, key.id());
            ps.setObject(2, key.partnerId());
            ps.setString(3, key.name());
            ps.setString(4, key.prefix());
            ps.setBytes(5, secretHash);
            ps.setArray(6, c.createArrayOf("text", key.scopes().stream().map(PartnerScope::wire).sorted().toArray()));
            Sql.bind(ps, 7, key.createdAt());
            ps.executeUpdate();
        }
    }

    public Optional<PartnerKey> find(Connection c, UUID partnerId, UUID keyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM partner_keys"
                + " WHERE id = ? AND partner_id = ?")) {
            ps.setObject(1, keyId);
            ps.setObject(2, partnerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        }
    }

    /** The key with {@code prefix}, revoked or not, with its secret's hash. */
    public Optional<StoredKey> findByPrefix(Connection c, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", secret_hash FROM partner_keys"
                + " WHERE prefix = ?")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredKey(key(rs), rs.getBytes("secret_hash"))) : Optional.empty();
            }
        }
    }

    /** Up to {@code max} keys of the partner after {@code after}, oldest first, revoked ones included. */
    public List<PartnerKey> list(Connection c, UUID partnerId, Optional<ListPosition> after, int max) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM partner_keys WHERE partner_id = ?"
                + (after.isPresent() ? " AND (created_at, id) > (?, ?)" : "")
                + " ORDER BY created_at, id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, partnerId);
            if (after.isPresent()) {
                Sql.bind(ps, i++, after.get().at());
                ps.setObject(i++, after.get().id());
            }
            ps.setInt(i, max);
            List<PartnerKey> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(key(rs));
                }
            }
            return out;
        }
    }

    /** Revokes the key unless it already is; true when this call revoked it. */
    public boolean revoke(Connection c, UUID partnerId, UUID keyId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE partner_keys SET revoked_at = ?"
                + " WHERE id = ? AND partner_id = ? AND revoked_at IS NULL")) {
            Sql.bind(ps, 1, at);
            ps.setObject(2, keyId);
            ps.setObject(3, partnerId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Records a use at {@code at}, unless another request recorded one after {@code staleBefore}:
     * concurrent requests of one key write the row once.
     */
    public void touch(Connection c, UUID keyId, Instant at, Instant staleBefore) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE partner_keys SET last_used_at = ?"
                + " WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
            Sql.bind(ps, 1, at);
            ps.setObject(2, keyId);
            Sql.bind(ps, 3, staleBefore);
            ps.executeUpdate();
        }
    }

    private static PartnerKey key(ResultSet rs) throws SQLException {
        return new PartnerKey(Sql.uuid(rs, "id"), Sql.uuid(rs, "partner_id"), rs.getString("name"),
                rs.getString("prefix"), scopes(rs.getArray("scopes")), Sql.instant(rs, "created_at"),
                Optional.ofNullable(Sql.instant(rs, "last_used_at")), Optional.ofNullable(Sql.instant(rs, "revoked_at")));
    }

    private static Set<PartnerScope> scopes(Array array) throws SQLException {
        Set<PartnerScope> scopes = EnumSet.noneOf(PartnerScope.class);
        for (Object s : (Object[]) array.getArray()) {
            scopes.add(PartnerScope.fromWire(String.valueOf(s)));
        }
        return scopes;
    }
}
