package io.tillbridge.connector.xero.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class XeroSandboxIT {

    private static final String JOURNAL = "{\"ManualJournals\":[{\"Narration\":\"TB1 day\",\"Date\":\"2026-12-01\","
            + "\"JournalLines\":[{\"LineAmount\":12.50,\"AccountCode\":\"091\"},{\"LineAmount\":-12.50,\"AccountCode\":\"200\"}]}]}";
    private static final String UNBALANCED = "{\"ManualJournals\":[{\"Narration\":\"TB2 day\",\"Date\":\"2026-12-01\","
            + "\"JournalLines\":[{\"LineAmount\":12.50,\"AccountCode\":\"091\"},{\"LineAmount\":-10.00,\"AccountCode\":\"200\"}]}]}";

    private final XeroSandbox xero = XeroSandbox.start(XeroSandboxOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-12-07T15:00:00Z"), ZoneOffset.UTC)).withContacts(150));
    private final XeroHttp http = new XeroHttp(xero);
    private final XeroApiSpec spec = XeroApiSpec.get();

    @AfterEach
    void close() {
        xero.close();
    }

    @Test
    void a_call_without_the_tenant_header_answers_403_and_one_without_a_token_401() {
        XeroHttp.Answer noTenant = http.api("GET", "Accounts", null, xero.issueToken(), null, Map.of());
        XeroHttp.Answer otherTenant = http.api("GET", "Accounts", null, xero.issueToken(),
                "00000000-0000-0000-0000-000000000000", Map.of());
        XeroHttp.Answer noToken = http.api("GET", "Accounts", null, null, xero.tenantId(), Map.of());

        assertThat(noTenant.status()).isEqualTo(403);
        assertThat(noTenant.body().path("Title").asText()).isEqualTo("Forbidden");
        assertThat(otherTenant.status()).isEqualTo(403);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.body().path("Detail").asText()).isEqualTo("AuthenticationUnsuccessful");
    }

    @Test
    void every_answer_carries_the_remaining_limits() {
        XeroHttp.Answer answer = http.get("Accounts");

        assertThat(answer.header("X-DayLimit-Remaining")).isEqualTo("4999");
        assertThat(answer.header("X-MinLimit-Remaining")).isEqualTo("59");
        assertThat(answer.header("X-AppMinLimit-Remaining")).isEqualTo("9999");
    }

    @Test
    void the_read_answers_conform_to_xeros_schemas() {
        spec.assertConforms("Organisations", http.get("Organisation").body());
        spec.assertConforms("Accounts", http.get("Accounts").body());
        spec.assertConforms("TaxRates", http.get("TaxRates").body());
        spec.assertConforms("Items", http.get("Items").body());
        JsonNode contacts = http.get("Contacts?page=2&pageSize=100").body();
        spec.assertConforms("Contacts", contacts);
        assertThat(contacts.path("pagination").path("pageCount").asInt()).isEqualTo(2);
        assertThat(contacts.path("pagination").path("itemCount").asInt()).isEqualTo(150);
        assertThat(contacts.path("Contacts")).hasSize(50);
    }

    @Test
    void the_write_answers_conform_to_xeros_schemas() {
        JsonNode journals = http.api("PUT", "ManualJournals", JOURNAL, Map.of()).body();
        spec.assertConforms("ManualJournals", journals);
        spec.assertConforms("ManualJournals", http.get("ManualJournals?where="
                + java.net.URLEncoder.encode("Narration.StartsWith(\"TB1\")", java.nio.charset.StandardCharsets.UTF_8)
                + "&page=1").body());
        JsonNode invoices = http.api("PUT", "Invoices", "{\"Invoices\":[{\"Type\":\"ACCREC\",\"Contact\":{\"Name\":\"Walk-in\"},"
                + "\"Date\":\"2026-12-01\",\"InvoiceNumber\":\"TB9\",\"LineItems\":[{\"Description\":\"Bread\",\"Quantity\":1,"
                + "\"UnitAmount\":10.00,\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT2\"}]}]}", Map.of()).body();
        spec.assertConforms("Invoices", invoices);
        assertThat(invoices.path("Invoices").get(0).path("Total").decimalValue()).isEqualByComparingTo("12.00");
        JsonNode payments = http.api("PUT", "Payments", "{\"Payments\":[{\"Invoice\":{\"InvoiceNumber\":\"TB9\"},"
                + "\"Account\":{\"Code\":\"091\"},\"Date\":\"2026-12-01\",\"Amount\":12.00}]}", Map.of()).body();
        spec.assertConforms("Payments", payments);
        JsonNode notes = http.api("PUT", "CreditNotes", "{\"CreditNotes\":[{\"Type\":\"ACCRECCREDIT\",\"Contact\":"
                + "{\"Name\":\"Walk-in\"},\"Date\":\"2026-12-01\",\"LineItems\":[{\"Description\":\"Bread\",\"Quantity\":1,"
                + "\"UnitAmount\":5.00,\"AccountCode\":\"215\",\"TaxType\":\"OUTPUT2\"}]}]}", Map.of()).body();
        spec.assertConforms("CreditNotes", notes);
    }

    @Test
    void a_repeated_idempotency_key_answers_the_same_response_and_creates_nothing() {
        XeroHttp.Answer first = http.api("PUT", "ManualJournals", JOURNAL, Map.of("Idempotency-Key", "key-1"));
        XeroHttp.Answer second = http.api("PUT", "ManualJournals", JOURNAL, Map.of("Idempotency-Key", "key-1"));
        XeroHttp.Answer other = http.api("PUT", "ManualJournals", UNBALANCED, Map.of("Idempotency-Key", "key-1"));
        XeroHttp.Answer tooLong = http.api("PUT", "ManualJournals", JOURNAL, Map.of("Idempotency-Key", "k".repeat(129)));

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(xero.manualJournals()).hasSize(1);
        assertThat(other.status()).isEqualTo(400);
        assertThat(tooLong.status()).isEqualTo(400);
        spec.assertConforms("Error", tooLong.body());
    }

    @Test
    void an_unbalanced_journal_answers_200_with_its_validation_errors_when_errors_are_not_summarized() {
        XeroHttp.Answer answer = http.api("PUT", "ManualJournals?summarizeErrors=false", UNBALANCED, Map.of());

        assertThat(answer.status()).isEqualTo(200);
        JsonNode item = answer.body().path("ManualJournals").get(0);
        assertThat(item.path("ValidationErrors").get(0).path("Message").asText())
                .isEqualTo("The total debits (12.50) must equal total credits (10.00)");
        assertThat(xero.manualJournals()).isEmpty();
    }

    @Test
    void with_summarized_errors_one_refused_item_refuses_the_request_with_a_validation_exception() {
        String both = "{\"ManualJournals\":[" + JOURNAL.substring(19, JOURNAL.length() - 2) + ","
                + UNBALANCED.substring(19, UNBALANCED.length() - 2) + "]}";

        XeroHttp.Answer answer = http.api("PUT", "ManualJournals?summarizeErrors=true", both, Map.of());

        assertThat(answer.status()).isEqualTo(400);
        spec.assertConforms("Error", answer.body());
        assertThat(answer.body().path("Type").asText()).isEqualTo("ValidationException");
        assertThat(answer.body().path("Elements").get(0).path("ValidationErrors").get(0).path("Message").asText())
                .contains("total debits");
        assertThat(xero.manualJournals()).isEmpty();
    }

    @Test
    void over_the_minute_limit_answers_429_with_retry_after_and_the_problem() {
        try (XeroSandbox limited = XeroSandbox.start(XeroSandboxOptions.defaults().withLimits(5, 2, 100)
                .withClock(Clock.fixed(Instant.parse("2026-12-07T15:00:00Z"), ZoneOffset.UTC)))) {
            XeroHttp limitedHttp = new XeroHttp(limited);
            limitedHttp.get("Accounts");
            limitedHttp.get("Accounts");

            XeroHttp.Answer third = limitedHttp.get("Accounts");

            assertThat(third.status()).isEqualTo(429);
            assertThat(third.header("Retry-After")).isEqualTo("60");
            assertThat(third.header("X-Rate-Limit-Problem")).isEqualTo("minute");
            assertThat(third.header("X-MinLimit-Remaining")).isEqualTo("0");
        }
    }

    @Test
    void a_second_call_while_the_only_allowed_one_is_in_flight_answers_429_concurrent() throws Exception {
        try (XeroSandbox limited = XeroSandbox.start(XeroSandboxOptions.defaults().withLimits(1, 60, 100)
                .withClock(Clock.fixed(Instant.parse("2026-12-07T15:00:00Z"), ZoneOffset.UTC)))) {
            limited.faults().latency(java.time.Duration.ofMillis(300));
            XeroHttp limitedHttp = new XeroHttp(limited);
            List<java.util.concurrent.CompletableFuture<XeroHttp.Answer>> calls = java.util.stream.IntStream.range(0, 3)
                    .mapToObj(n -> java.util.concurrent.CompletableFuture.supplyAsync(() -> limitedHttp.get("Accounts")))
                    .toList();
            List<XeroHttp.Answer> answers = calls.stream().map(java.util.concurrent.CompletableFuture::join).toList();

            assertThat(answers).extracting(XeroHttp.Answer::status).contains(200, 429);
            assertThat(answers).filteredOn(a -> a.status() == 429)
                    .allMatch(a -> "concurrent".equals(a.header("X-Rate-Limit-Problem")));
        }
    }

    @Test
    void a_journal_line_on_an_archived_account_is_refused() {
        String archived = JOURNAL.replace("\"200\"", "\"499\"");

        XeroHttp.Answer answer = http.api("PUT", "ManualJournals", archived, Map.of());

        assertThat(answer.body().path("ManualJournals").get(0).path("ValidationErrors").get(0).path("Message").asText())
                .isEqualTo("Account code '499' is not a valid code for this document.");
        assertThat(xero.manualJournals()).isEmpty();
    }

    @Test
    void the_oauth_code_flow_gives_tokens_that_reach_the_tenant_and_a_refresh_token_works_once() {
        java.net.URI redirect = xero.approve(java.net.URI.create(xero.baseUri() + "/identity/connect/authorize?"
                + "response_type=code&client_id=" + xero.options().clientId()
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&scope=offline_access&state=s1"));
        String code = redirect.getQuery().replaceAll(".*code=([^&]*).*", "$1");
        String basic = java.util.Base64.getEncoder().encodeToString((xero.options().clientId() + ":"
                + xero.options().clientSecret()).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        JsonNode tokens = token(basic, "grant_type=authorization_code&code=" + code
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb").body();
        String refresh = tokens.path("refresh_token").asText();
        XeroHttp.Answer refreshed = token(basic, "grant_type=refresh_token&refresh_token=" + refresh);
        XeroHttp.Answer reused = token(basic, "grant_type=refresh_token&refresh_token=" + refresh);
        XeroHttp.Answer connections = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(xero.baseUri() + "/connections"))
                .header("Authorization", "Bearer " + tokens.path("access_token").asText()).build());

        assertThat(redirect.getQuery()).contains("state=s1");
        assertThat(tokens.path("expires_in").asInt()).isEqualTo(1800);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().path("refresh_token").asText()).isNotEqualTo(refresh);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.body().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(connections.body().get(0).path("tenantId").asText()).isEqualTo(xero.tenantId());
    }

    private XeroHttp.Answer token(String basic, String form) {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(xero.baseUri() + "/connect/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build());
    }
}
