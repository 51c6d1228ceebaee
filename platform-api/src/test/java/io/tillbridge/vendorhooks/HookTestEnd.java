package io.tillbridge.vendorhooks;

import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.tenants.TenantFixture.User;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a vendor hook test leaves when it ends. Its sandbox closes, so a change still open (a refund
 * waiting for its order, a delivery not drained) would be queued again by the sweep of every later
 * test class and its run would spend half a minute retrying a closed port on the shared worker,
 * holding back the next test's runs. Open changes are set aside and queued runs cancelled, through
 * the API as the tenant's owner.
 */
final class HookTestEnd {

    private HookTestEnd() {
    }

    static void leaveNothingOpen(ApiClient api, User owner, UUID tenant) {
        inTenant(tenant, c -> update(c, "UPDATE vendor_hook_changes SET status = 'skipped', note = 'the test ended',"
                + " done_at = now() WHERE status IN ('pending', 'waiting')"));
        String runs = "/api/v1/tenants/" + tenant + "/runs";
        Response queued = api.get(owner, runs + "?status=queued");
        assertThat(queued.status()).as(queued.toString()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) queued.json().get("items");
        for (Map<String, Object> run : items) {
            Response cancelled = api.post(owner, runs + "/" + run.get("id") + "/cancel", null);
            assertThat(cancelled.status()).as(cancelled.toString()).isLessThan(300);
        }
    }
}
