package io.tillbridge.partners.internal;

import io.tillbridge.partners.ListPosition;
import io.tillbridge.partners.Partner;
import io.tillbridge.platform.internal.Sql;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL on {@code partners}, a platform table (no row-level security). */
@Singleton
public class PartnerRepository {

    private static final String COLUMNS = "id, name, contact_email, created_at";

    public void insert(Connection c, Partner partner, UUID ownerUserId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO partners (id, name, contact_email, owner_user_id,"
                + " created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, partner.id());
            ps.setString(2, partner.name());
            ps.setString(3, partner.contactEmail());
            ps.setObject(4, ownerUserId);
            Sql.bind(ps, 5, partner.createdAt());
            ps.executeUpdate();
        }
    }

    /** The partner, if {@code ownerUserId} owns it. */
    public Optional<Partner> findOwned(Connection c, UUID ownerUserId, UUID partnerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM partners"
                + " WHERE id = ? AND owner_user_id = ?")) {
            ps.setObject(1, partnerId);
            ps.setObject(2, ownerUserId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(partner(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Partner> find(Connection c, UUID partnerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM partners WHERE id = ?")) {
            ps.setObject(1, partnerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(partner(rs)) : Optional.empty();
            }
        }
    }

    /** Up to {@code max} partners of {@code ownerUserId} after {@code after}, oldest first. */
    public List<Partner> listOwned(Connection c, UUID ownerUserId, Optional<ListPosition> after, int max)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM partners WHERE owner_user_id = ?"
                + (after.isPresent() ? " AND (created_at, id) > (?, ?)" : "")
                + " ORDER BY created_at, id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, ownerUserId);
            if (after.isPresent()) {
                Sql.bind(ps, i++, after.get().at());
                ps.setObject(i++, after.get().id());
            }
            ps.setInt(i, max);
            List<Partner> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(partner(rs));
                }
            }
            return out;
        }
    }

    private static Partner partner(ResultSet rs) throws SQLException {
        return new Partner(Sql.uuid(rs, "id"), rs.getString("name"), rs.getString("contact_email"),
                Sql.instant(rs, "created_at"));
    }
}
