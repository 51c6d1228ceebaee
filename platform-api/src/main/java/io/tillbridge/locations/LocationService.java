package io.tillbridge.locations;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.locations.internal.LocationRepository;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.Versions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's locations. Changes name the version they were based on and are audited with the
 * location before and after, in the same transaction.
 */
@Singleton
public class LocationService {

    private final TenantTransactions transactions;
    private final LocationRepository repository;
    private final AuditLog audit;

    public LocationService(TenantTransactions transactions, LocationRepository repository, AuditLog audit) {
        this.transactions = transactions;
        this.repository = repository;
        this.audit = audit;
    }

    /** One page of the tenant's locations in creation order; {@code cursor} is a previous page's nextCursor. */
    public Page<Location> list(TenantScope scope, Optional<String> cursor, int limit) {
        scope.require(Permission.READ);
        Optional<Cursor> after = cursor.map(LocationService::decode);
        List<Location> fetched = transactions.read(scope.tenant(), c -> repository.list(scope.tenant(), c, after, limit + 1));
        return Page.of(fetched, limit, l -> Cursor.of(l.createdAt(), l.id()));
    }

    public Location get(TenantScope scope, UUID id) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> repository.find(scope.tenant(), c, id, false))
                .orElseThrow(LocationService::notFound);
    }

    public Location create(TenantScope scope, LocationDraft draft) {
        scope.require(Permission.CONFIGURE);
        return transactions.write(scope.tenant(), c -> {
            Location created = repository.insert(scope.tenant(), c, UUID.randomUUID(), draft);
            record(c, scope, "location.created", created.id(), null, created);
            return created;
        });
    }

    /** Replaces the location's settings; 412 unless it is still at {@code expectedVersion}. */
    public Location update(TenantScope scope, UUID id, int expectedVersion, LocationDraft draft) {
        scope.require(Permission.CONFIGURE);
        return transactions.write(scope.tenant(), c -> {
            Location before = repository.find(scope.tenant(), c, id, true).orElseThrow(LocationService::notFound);
            Versions.requireCurrent(expectedVersion, before.version());
            Location after = repository.update(scope.tenant(), c, id, expectedVersion, draft).orElseThrow();
            record(c, scope, "location.changed", id, before, after);
            return after;
        });
    }

    /** Deletes the location; 412 unless it is still at {@code expectedVersion}. */
    public void delete(TenantScope scope, UUID id, int expectedVersion) {
        scope.require(Permission.CONFIGURE);
        transactions.write(scope.tenant(), c -> {
            Location before = repository.find(scope.tenant(), c, id, true).orElseThrow(LocationService::notFound);
            Versions.requireCurrent(expectedVersion, before.version());
            repository.delete(scope.tenant(), c, id, expectedVersion);
            record(c, scope, "location.deleted", id, before, null);
            return null;
        });
    }

    private void record(Connection c, TenantScope scope, String action, UUID id, Location before, Location after)
            throws SQLException {
        audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of(action, "location", id)
                .before(before == null ? null : before.auditState())
                .after(after == null ? null : after.auditState()));
    }

    private static Cursor decode(String text) {
        Cursor cursor = Cursor.decode(text, 2);
        try {
            Instant.parse(cursor.get(0));
            UUID.fromString(cursor.get(1));
            return cursor;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The cursor is not one this API issued: pass back nextCursor unchanged.");
        }
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such location.");
    }
}
