package io.tillbridge.onboarding.internal;

import io.tillbridge.onboarding.OnboardingStep;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL of {@code onboarding_progress}: one row per tenant, made on its first confirmation. */
@Singleton
public class OnboardingRows {

    /** What is stored of a tenant's onboarding. */
    public record Row(Set<OnboardingStep> confirmed, UUID integrationId, UUID shadowRunId) {

        public static final Row NONE = new Row(EnumSet.noneOf(OnboardingStep.class), null, null);
    }

    public Optional<Row> find(TenantId tenant, Connection c) throws SQLException {
        return Sql.first(c, "SELECT confirmed_steps, integration_id, shadow_run_id FROM onboarding_progress"
                + " WHERE tenant_id = ?", OnboardingRows::map, tenant.value());
    }

    /** Adds {@code step} to the confirmed steps. */
    public void confirm(TenantId tenant, Connection c, OnboardingStep step) throws SQLException {
        Sql.update(c, "INSERT INTO onboarding_progress AS p (tenant_id, confirmed_steps) VALUES (?, ARRAY[?::text])"
                + " ON CONFLICT (tenant_id) DO UPDATE SET confirmed_steps = CASE WHEN ?::text = ANY (p.confirmed_steps)"
                + " THEN p.confirmed_steps ELSE array_append(p.confirmed_steps, ?::text) END, updated_at = now()",
                tenant.value(), step.name(), step.name(), step.name());
    }

    /** Removes {@code step} from the confirmed steps (a new integration needs its mapping reviewed again). */
    public void unconfirm(TenantId tenant, Connection c, OnboardingStep step) throws SQLException {
        Sql.update(c, "UPDATE onboarding_progress SET confirmed_steps = array_remove(confirmed_steps, ?::text),"
                + " updated_at = now() WHERE tenant_id = ?", step.name(), tenant.value());
    }

    public void integration(TenantId tenant, Connection c, UUID integrationId) throws SQLException {
        Sql.update(c, "INSERT INTO onboarding_progress AS p (tenant_id, integration_id) VALUES (?, ?)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET integration_id = EXCLUDED.integration_id,"
                + " shadow_run_id = NULL, updated_at = now()", tenant.value(), integrationId);
    }

    public void shadowRun(TenantId tenant, Connection c, UUID runId) throws SQLException {
        Sql.update(c, "INSERT INTO onboarding_progress AS p (tenant_id, shadow_run_id) VALUES (?, ?)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET shadow_run_id = EXCLUDED.shadow_run_id, updated_at = now()",
                tenant.value(), runId);
    }

    /** Records the OAuth authorization the wizard started last. */
    public void oauthStarted(TenantId tenant, Connection c, UUID authorizationId) throws SQLException {
        Sql.update(c, "INSERT INTO onboarding_progress AS p (tenant_id, oauth_authorization_id) VALUES (?, ?)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET oauth_authorization_id = EXCLUDED.oauth_authorization_id,"
                + " updated_at = now()", tenant.value(), authorizationId);
    }

    /** Whether the wizard started this OAuth authorization (the last one it started). */
    public boolean startedOAuth(TenantId tenant, Connection c, UUID authorizationId) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM onboarding_progress WHERE tenant_id = ? AND oauth_authorization_id = ?",
                rs -> true, tenant.value(), authorizationId).orElse(false);
    }

    private static Row map(ResultSet rs) throws SQLException {
        Array array = rs.getArray("confirmed_steps");
        Set<OnboardingStep> confirmed = EnumSet.noneOf(OnboardingStep.class);
        Arrays.stream((String[]) array.getArray()).forEach(name -> {
            try {
                confirmed.add(OnboardingStep.valueOf(name));
            } catch (IllegalArgumentException e) {
                // A step a later version removed: nothing to resume.
            }
        });
        return new Row(confirmed, Sql.uuid(rs, "integration_id"), Sql.uuid(rs, "shadow_run_id"));
    }
}
