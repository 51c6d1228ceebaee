package io.tillbridge.audit;

import io.tillbridge.audit.internal.AuditEntries;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the audit log, one tenant's or (for staff) all of it, newest first in cursor pages; and
 * records the notes that merchants and support staff add to a tenant's log.
 *
 * <p>Callers are checked before they get here: a tenant's log through tenant admission (READ to
 * read, CONFIGURE to add a note), the log across tenants only for support staff.
 */
@Singleton
public class AuditTrail {

    /** The action of a note added by a person. */
    public static final String NOTE_ADDED = "note.added";

    private final TenantTransactions transactions;
    private final AuditEntries entries;
    private final AuditLog log;

    public AuditTrail(TenantTransactions transactions, AuditEntries entries, AuditLog log) {
        this.transactions = transactions;
        this.entries = entries;
        this.log = log;
    }

    /** One page of {@code tenant}'s entries that match {@code filter}. */
    public Page<AuditEntry> inTenant(TenantId tenant, AuditFilter filter, Integer limit, String cursor) {
        int size = Page.limit(limit);
        Optional<AuditEntries.Position> after = position(cursor);
        List<AuditEntry> fetched = transactions.read(tenant,
                c -> entries.find(c, filter.inTenant(tenant.value()), after, size + 1));
        return Page.of(fetched, size, AuditTrail::cursorOf);
    }

    /** One page of entries across all tenants (and platform-wide ones) that match {@code filter}. */
    public Page<AuditEntry> acrossTenants(AuditFilter filter, Integer limit, String cursor) {
        int size = Page.limit(limit);
        Optional<AuditEntries.Position> after = position(cursor);
        List<AuditEntry> fetched = transactions.withoutTenant(c -> entries.find(c, filter, after, size + 1));
        return Page.of(fetched, size, AuditTrail::cursorOf);
    }

    /** One of {@code tenant}'s entries; 404 when it has none with this id. */
    public AuditEntry entry(TenantId tenant, long id) {
        return transactions.read(tenant, c -> entries.one(c, tenant, id))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No audit entry " + id + " in this tenant."));
    }

    /** Adds a note by {@code actor} to {@code tenant}'s log and returns it as recorded. */
    public AuditEntry addNote(TenantId tenant, Actor actor, String text) {
        return transactions.write(tenant, c -> {
            long id = log.append(c, tenant, actor, AuditLog.Entry.of(NOTE_ADDED, "note", null).after(Map.of("text", text)));
            return entries.one(c, tenant, id).orElseThrow();
        });
    }

    private static Cursor cursorOf(AuditEntry entry) {
        return Cursor.of(entry.occurredAt(), entry.id());
    }

    private static Optional<AuditEntries.Position> position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        Cursor decoded = Cursor.decode(cursor, 2);
        try {
            return Optional.of(new AuditEntries.Position(Instant.parse(decoded.get(0)), Long.parseLong(decoded.get(1))));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "The cursor is not one this API issued: pass back nextCursor unchanged.");
        }
    }
}
