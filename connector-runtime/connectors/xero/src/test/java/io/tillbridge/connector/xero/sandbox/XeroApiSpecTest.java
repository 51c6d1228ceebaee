package io.tillbridge.connector.xero.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XeroApiSpecTest {

    @Test
    void the_spec_check_rejects_a_field_the_schema_does_not_declare() {
        assertThatThrownBy(() -> XeroApiSpec.get().assertConforms("Accounts",
                XeroHttp.json("{\"Accounts\":[{\"Code\":\"200\",\"Colour\":\"red\"}]}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Colour");
    }

    @Test
    void the_spec_check_rejects_a_page_count_that_is_not_a_number() {
        assertThatThrownBy(() -> XeroApiSpec.get().assertConforms("Contacts",
                XeroHttp.json("{\"pagination\":{\"page\":1,\"pageCount\":\"many\"},\"Contacts\":[]}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("pageCount");
    }

    @Test
    void the_spec_check_rejects_an_event_without_a_tenant() {
        assertThatThrownBy(() -> XeroApiSpec.get().assertWebhookConforms("WebhookEvent",
                XeroHttp.json("{\"events\":[{\"resourceUrl\":\"https://api.xero.com/x\",\"resourceId\":\"a\","
                        + "\"eventDateUtc\":\"2026-12-01T00:00:00Z\",\"eventType\":\"CREATE\",\"eventCategory\":\"CONTACT\","
                        + "\"tenantType\":\"ORGANISATION\"}],\"firstEventSequence\":1,\"lastEventSequence\":1,"
                        + "\"entropy\":\"X\"}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("tenantId");
    }
}
