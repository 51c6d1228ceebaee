package io.tillbridge.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.audit.AuditEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChangesTest {

    @Test
    void an_action_reads_as_words() {
        assertThat(AuditChanges.action("tenant.settings-changed")).isEqualTo("Tenant: settings changed");
        assertThat(AuditChanges.action("support.tenant.suspended")).isEqualTo("Support: tenant suspended");
    }

    @Test
    void only_the_fields_that_changed_are_listed_with_old_and_new_values_nested_ones_by_path() {
        Map<String, Object> before = state("Harbour Coffee", "USD", null, 3);
        Map<String, Object> after = state("Harbour Coffee", "EUR", new BigDecimal("0.010"), 4);

        assertThat(AuditChanges.changes(before, after)).containsExactly(
                new AuditChanges.Change("Currency", "USD", "EUR"),
                new AuditChanges.Change("KPI targets › target error rate", AuditChanges.NONE, "0.01"));
    }

    @Test
    void equal_numbers_of_different_scale_are_no_change() {
        Map<String, Object> before = state("A", "EUR", new BigDecimal("0.01"), 1);
        Map<String, Object> after = state("A", "EUR", new BigDecimal("0.010"), 2);

        assertThat(AuditChanges.changes(before, after)).isEmpty();
    }

    @Test
    void a_creation_lists_every_field_as_new() {
        assertThat(AuditChanges.changes(null, Map.of("name", "Harbour Street")))
                .containsExactly(new AuditChanges.Change("Name", AuditChanges.NONE, "Harbour Street"));
    }

    @Test
    void the_target_is_named_by_the_name_its_entry_carries_and_an_id_is_shortened_otherwise() {
        AuditEntry named = entry("location", "6f1c2d3e-aaaa-bbbb-cccc-000000000000", Map.of("name", "Harbour Street"));
        AuditEntry unnamed = entry("connection", "6f1c2d3e-aaaa-bbbb-cccc-000000000000", Map.of("connectorId", "square"));

        assertThat(AuditChanges.target(named)).isEqualTo("Location Harbour Street");
        assertThat(AuditChanges.target(unnamed)).isEqualTo("Connection 6f1c2d3e…");
    }

    private static AuditEntry entry(String type, String id, Map<String, Object> after) {
        return new AuditEntry(1, null, Instant.EPOCH, new AuditEntry.ActorInfo("user", "u", "a@b.example", null),
                type + ".created", type, id, null, after);
    }

    private static Map<String, Object> state(String name, String currency, BigDecimal errorRate, int version) {
        Map<String, Object> kpi = new HashMap<>();
        kpi.put("targetErrorRate", errorRate);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("businessName", name);
        state.put("currency", currency);
        state.put("kpiTargets", kpi);
        state.put("version", version);
        return state;
    }
}
