package io.tillbridge.connector.quickbooks.sandbox;

import static io.tillbridge.connector.quickbooks.sandbox.SandboxFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Queries, reads by id, minor versions, auth and the intuit_tid header, over real HTTP. */
class QuickBooksSandboxQueryIT {

    private static QuickBooksSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.start();
        client = new SandboxClient(sandbox, sandbox.issueToken());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void the_chart_of_accounts_pages_past_the_default_page_of_100() {
        SandboxClient.Answer first = client.query("SELECT * FROM Account");
        SandboxClient.Answer second = client.query("select * from Account startposition 101 maxresults 100");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("QueryResponse").path("Account")).hasSize(100);
        assertThat(first.body().path("QueryResponse").path("startPosition").asInt()).isEqualTo(1);
        assertThat(second.body().path("QueryResponse").path("startPosition").asInt()).isEqualTo(101);
        Set<String> ids = new HashSet<>();
        first.body().path("QueryResponse").path("Account").forEach(a -> ids.add(a.path("Id").asText()));
        second.body().path("QueryResponse").path("Account").forEach(a -> ids.add(a.path("Id").asText()));
        assertThat(ids).hasSize(sandbox.entities("Account").size()).hasSizeGreaterThan(100);
        assertThat(first.body().path("time").asText()).startsWith("2026-03-02T15:00:00");
    }

    @Test
    void the_chart_of_accounts_is_a_retailers() {
        Set<String> types = new HashSet<>();
        Set<String> names = new HashSet<>();
        sandbox.entities("Account").forEach(a -> {
            types.add(a.path("AccountSubType").asText());
            names.add(a.path("Name").asText());
        });
        assertThat(types).contains("Checking", "UndepositedFunds", "SalesTaxPayable", "DiscountsRefundsGiven",
                "BankCharges", "SalesOfProductIncome");
        assertThat(names).contains("Card Clearing", "Cash Clearing", "Gift Card Clearing", "Tips Payable",
                "Gift Card Liability", "Merchant Fees", "Cash Over/Short", "Rounding", "Sales Returns and Allowances",
                "Sales Tax Payable - Multnomah County", "Sales - Footwear - Seattle");
        assertThat(sandbox.entities("TaxRate")).hasSize(3);
        assertThat(sandbox.entities("TaxCode")).extracting(c -> c.path("Id").asText()).contains("TAX", "NON");
        assertThat(sandbox.entities("Customer")).hasSize(150);
    }

    @Test
    void an_empty_result_leaves_the_entity_array_out() {
        SandboxClient.Answer answer = client.query("SELECT * FROM JournalEntry WHERE DocNumber = 'nothing'");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("QueryResponse").isObject()).isTrue();
        assertThat(answer.body().path("QueryResponse").has("JournalEntry")).isFalse();
    }

    @Test
    void a_where_clause_filters_by_equality_and_by_prefix() {
        JsonNode equal = client.query("SELECT * FROM Account WHERE AcctNum = '1210'").body().path("QueryResponse");
        JsonNode prefix = client.query("SELECT * FROM Account WHERE Name LIKE 'Card Clearing%'").body()
                .path("QueryResponse");
        assertThat(equal.path("Account")).hasSize(1);
        assertThat(equal.path("Account").path(0).path("Name").asText()).isEqualTo("Card Clearing");
        assertThat(prefix.path("Account")).hasSize(9).allMatch(a -> a.path("Name").asText().startsWith("Card Clearing"));
    }

    @Test
    void maxresults_above_1000_is_a_query_fault() {
        SandboxClient.Answer answer = client.query("SELECT * FROM Customer MAXRESULTS 1001");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(error(answer).path("code").asText()).isEqualTo("4000");
        assertThat(answer.body().path("Fault").path("type").asText()).isEqualTo("ValidationFault");
    }

    @Test
    void an_unsupported_statement_is_a_query_fault() {
        SandboxClient.Answer answer = client.query("DELETE FROM Customer");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(error(answer).path("Message").asText()).isEqualTo("Error parsing query");
    }

    @Test
    void a_missing_minor_version_is_served_and_a_discontinued_one_is_refused() {
        SandboxClient.Answer none = client.raw(HttpRequest.newBuilder(sandbox.baseUri().resolve("/v3/company/"
                + sandbox.realmId() + "/companyinfo/" + sandbox.realmId())).header("Authorization", "Bearer "
                + sandbox.issueToken()));
        SandboxClient.Answer old = client.get("companyinfo/" + sandbox.realmId() + "?minorversion=65");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().path("CompanyInfo").path("CompanyName").asText()).isNotBlank();
        assertThat(old.status()).isEqualTo(400);
        assertThat(error(old).path("element").asText()).isEqualTo("minorversion");
        assertThat(error(old).path("Detail").asText()).contains("discontinued");
    }

    @Test
    void a_request_without_a_valid_bearer_token_answers_401_with_code_120() {
        SandboxClient.Answer none = client.raw(HttpRequest.newBuilder(client.uri("query?query=SELECT%20*%20FROM%20Item")));
        SandboxClient.Answer wrong = new SandboxClient(sandbox, "not-a-token").query("SELECT * FROM Item");
        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(error(wrong).path("code").asText()).isEqualTo("120");
    }

    @Test
    void every_answer_carries_an_intuit_tid() {
        SandboxClient.Answer ok = client.get("companyinfo/" + sandbox.realmId());
        SandboxClient.Answer fault = client.get("account/999999");
        assertThat(ok.headers().firstValue("intuit_tid")).isPresent();
        assertThat(fault.headers().firstValue("intuit_tid")).isPresent();
        assertThat(ok.headers().firstValue("intuit_tid")).isNotEqualTo(fault.headers().firstValue("intuit_tid"));
    }

    @Test
    void an_entity_is_read_by_id_and_an_unknown_id_answers_610() {
        String id = SandboxFixture.account(sandbox, "1000");
        SandboxClient.Answer found = client.get("account/" + id);
        SandboxClient.Answer missing = client.get("account/999999");
        assertThat(found.body().path("Account").path("Name").asText()).isEqualTo("Business Checking");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(error(missing).path("code").asText()).isEqualTo("610");
    }
}
