package io.tillbridge.files;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.spi.ConnectionFiles;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files uploaded to a connection (DD-038) through the API against the real database: raw and
 * multipart uploads, names, the size cap, the storage cap, duplicates, paging, downloads, deletion,
 * tenant isolation, and a connector reading a file of several chunks through its context.
 */
@MicronautTest(transactional = false)
class ConnectionFilesIT extends TestDatabaseProperties {

    /** The upload cap of this test's platform: 3 MiB. */
    static final long CAP = 3L * 1024 * 1024;

    @Inject
    ApiClient api;

    @Inject
    JsonMapper json;

    @Inject
    ConnectionFileStores stores;

    private Uploads uploads;
    private UUID tenant;
    private User owner;
    private User operator;
    private User viewer;
    private String connection;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.files.max-upload-bytes", Long.toString(CAP),
                "tillbridge.files.upload-connectors", "test-upload-source",
                "tillbridge.files.output-connectors", "test-file-target");
    }

    @BeforeEach
    void a_tenant_with_an_upload_source() {
        uploads = new Uploads(api, json);
        tenant = newTenant("Files Bakery");
        owner = newMember(tenant, TenantRole.OWNER);
        operator = newMember(tenant, TenantRole.OPERATOR);
        viewer = newMember(tenant, TenantRole.VIEWER);
        connection = source(tenant, owner);
    }

    @Test
    void a_raw_upload_is_stored_with_its_size_digest_and_sequence_and_downloads_as_it_was() {
        byte[] csv = "id,total\n1,12.50\n2,3.00\n".getBytes(StandardCharsets.UTF_8);
        Uploads.Answer answer = uploads.raw(operator, files(), "sales-2026-12.csv", csv, "Content-Type", "text/csv");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        Map<String, Object> file = answer.map();
        assertThat(file).containsEntry("name", "sales-2026-12.csv").containsEntry("size", csv.length)
                .containsEntry("sha256", Uploads.sha256(csv)).containsEntry("sequence", 1)
                .containsEntry("contentType", "text/csv").containsEntry("connectionId", connection)
                .containsEntry("uploadedBy", "user:" + operator.id()).doesNotContainKey("duplicateOf");
        assertThat(answer.headers().firstValue("Location")).hasValue(files() + "/" + file.get("id"));

        Uploads.Answer detail = uploads.get(viewer, files() + "/" + file.get("id"));
        assertThat(detail.map()).containsEntry("sha256", Uploads.sha256(csv)).containsKey("uploadedAt");
        Uploads.Answer content = uploads.get(operator, files() + "/" + file.get("id") + "/content");
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(csv);
        assertThat(content.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(content.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("filename=\"sales-2026-12.csv\"");
        assertThat(TenantFixture.audit(tenant, "connection-file.uploaded")).hasSize(1);
    }

    @Test
    void a_multipart_upload_takes_the_part_named_file_with_its_file_name() {
        byte[] csv = "id,total\n7,1.00\n".getBytes(StandardCharsets.UTF_8);
        Uploads.Answer answer = uploads.multipart(operator, files(), "file", "week 49.csv", csv);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.map()).containsEntry("name", "week 49.csv").containsEntry("size", csv.length)
                .containsEntry("sha256", Uploads.sha256(csv));
        assertThat(uploads.get(operator, files() + "/" + answer.map().get("id") + "/content").body()).isEqualTo(csv);

        Uploads.Answer noPart = uploads.multipart(operator, files(), "attachment", "week 49.csv", csv);
        assertThat(noPart.status()).as(noPart.toString()).isEqualTo(400);
        assertThat(listed()).hasSize(1);
    }

    @Test
    void the_name_comes_from_content_disposition_and_loses_directories_and_control_characters() {
        Uploads.Answer plain = uploads.raw(operator, files(), null, bytes("a"), "Content-Disposition",
                "attachment; filename=\"../../etc/pass\twd.csv\"");
        assertThat(plain.map()).as(plain.toString()).containsEntry("name", "pass wd.csv");
        Uploads.Answer encoded = uploads.raw(operator, files(), null, bytes("b"), "Content-Disposition",
                "attachment; filename*=UTF-8''caf%C3%A9%20ventes.csv");
        assertThat(encoded.map()).as(encoded.toString()).containsEntry("name", "café ventes.csv");
        Uploads.Answer longName = uploads.raw(operator, files(), "x".repeat(400) + ".xlsx", bytes("c"));
        assertThat((String) longName.map().get("name")).hasSize(255).endsWith("x.xlsx");

        Uploads.Answer nameless = uploads.raw(operator, files(), null, bytes("d"));
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(nameless.type()).isEqualTo("/problems/validation-failed");
        assertThat(nameless.text()).contains("\"field\":\"name\"");
        Uploads.Answer onlyDirectories = uploads.raw(operator, files(), "../..", bytes("e"));
        assertThat(onlyDirectories.status()).isEqualTo(400);
        Uploads.Answer empty = uploads.raw(operator, files(), "empty.csv", new byte[0]);
        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        assertThat(listed()).hasSize(3);
    }

    @Test
    void an_upload_over_the_cap_answers_413_and_stores_nothing() {
        long storedBefore = storedBytes();
        byte[] tooLarge = random((int) CAP + 1, 1);

        Uploads.Answer declared = uploads.raw(operator, files(), "big.csv", tooLarge);
        assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
        assertThat(declared.type()).isEqualTo("/problems/payload-too-large");
        Uploads.Answer chunked = uploads.chunked(operator, files(), "big.csv", tooLarge);
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(413);
        Uploads.Answer form = uploads.multipart(operator, files(), "file", "big.csv", tooLarge);
        assertThat(form.status()).as(form.toString()).isEqualTo(413);

        assertThat(listed()).isEmpty();
        assertThat(storedBytes()).isEqualTo(storedBefore);
        assertThat(chunkRows()).isZero();
        Uploads.Answer atTheCap = uploads.chunked(operator, files(), "exact.bin", random((int) CAP, 2));
        assertThat(atTheCap.status()).as("exactly the cap is allowed: " + atTheCap).isEqualTo(201);
    }

    @Test
    void an_upload_that_would_pass_the_storage_cap_answers_507_and_stores_nothing() {
        long used = storedBytes();
        capStorage(used + 1_000);

        Uploads.Answer refused = uploads.raw(operator, files(), "big.csv", random(1_500, 3));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(507);
        assertThat(refused.type()).isEqualTo("/problems/storage-quota-exceeded");
        assertThat((String) refused.map().get("detail")).contains("1500 bytes").contains("nothing was stored");
        assertThat(listed()).isEmpty();
        assertThat(storedBytes()).isEqualTo(used);

        Uploads.Answer fits = uploads.raw(operator, files(), "small.csv", random(900, 4));
        assertThat(fits.status()).as(fits.toString()).isEqualTo(201);
        assertThat(storedBytes()).as("an upload counts its size").isEqualTo(used + 900);
        Uploads.Answer full = uploads.raw(operator, files(), "more.csv", random(200, 5));
        assertThat(full.status()).isEqualTo(507);
        assertThat(api.get(viewer, "/api/v1/tenants/" + tenant + "/storage").json())
                .containsEntry("usedBytes", (int) (used + 900));
    }

    @Test
    void a_json_body_elsewhere_is_still_refused_above_10_mebibytes() {
        String big = "{\"name\":\"" + "x".repeat(11 * 1024 * 1024) + "\",\"timeZone\":\"Europe/Paris\"}";
        ApiClient.Response refused = api.post(owner, "/api/v1/tenants/" + tenant + "/locations", big);
        assertThat(refused.status()).as("the server buffers at most 10 MiB of a body: " + refused.status())
                .isEqualTo(413);
    }

    @Test
    void the_same_bytes_uploaded_again_are_stored_and_named_a_duplicate_of_the_first() {
        byte[] csv = bytes("id,total\n1,1.00\n");
        Map<String, Object> first = uploads.raw(operator, files(), "monday.csv", csv).map();
        uploads.raw(operator, files(), "other.csv", bytes("id,total\n2,2.00\n"));
        Uploads.Answer again = uploads.raw(operator, files(), "monday (copy).csv", csv);
        assertThat(again.status()).isEqualTo(201);
        Map<String, Object> duplicate = again.map();
        assertThat(duplicate).containsEntry("sequence", 3);
        assertThat(duplicate.get("duplicateOf")).isEqualTo(Map.of("id", first.get("id"), "name", "monday.csv",
                "uploadedAt", first.get("uploadedAt")));
        assertThat((String) duplicate.get("note")).contains("monday.csv").contains("writes nothing new");
        assertThat(listed().get(0)).containsKey("duplicateOf");
        assertThat(listed().get(1)).doesNotContainKey("duplicateOf");
    }

    @Test
    void uploads_are_listed_newest_first_a_page_at_a_time() {
        for (int i = 1; i <= 3; i++) {
            uploads.raw(operator, files(), "day-" + i + ".csv", bytes("id,total\n" + i + ",1\n"));
        }
        Response first = list("?limit=2");
        assertThat(first.items()).extracting(f -> f.get("name")).containsExactly("day-3.csv", "day-2.csv");
        Response second = list("?limit=2&cursor=" + first.json().get("nextCursor"));
        assertThat(second.items()).extracting(f -> f.get("name")).containsExactly("day-1.csv");
        assertThat(second.json()).doesNotContainKey("nextCursor");
        assertThat(list("?cursor=not-a-cursor").status()).isEqualTo(400);
    }

    @Test
    void a_deleted_upload_is_gone_its_storage_freed_and_the_deletion_audited() {
        long before = storedBytes();
        Map<String, Object> file = uploads.raw(operator, files(), "wrong.csv", random(2_000, 6)).map();
        assertThat(storedBytes()).isEqualTo(before + 2_000);
        String path = files() + "/" + file.get("id");
        assertThat(uploads.delete(viewer, path).status()).isEqualTo(403);

        assertThat(uploads.delete(operator, path).status()).isEqualTo(204);
        assertThat(uploads.get(operator, path).status()).isEqualTo(404);
        assertThat(uploads.get(operator, path + "/content").status()).isEqualTo(404);
        assertThat(uploads.delete(operator, path).status()).isEqualTo(404);
        assertThat(storedBytes()).isEqualTo(before);
        assertThat(chunkRows()).isZero();
        assertThat(TenantFixture.audit(tenant, "connection-file.deleted")).singleElement()
                .satisfies(e -> assertThat((String) e.get("before")).contains("wrong.csv"));
    }

    @Test
    void deleting_the_connection_deletes_its_files_and_frees_their_storage() {
        long before = storedBytes();
        uploads.raw(operator, files(), "a.csv", random(1_234, 7));
        ApiClient.Response current = api.get(owner, "/api/v1/tenants/" + tenant + "/connections/" + connection);
        assertThat(api.delete(owner, "/api/v1/tenants/" + tenant + "/connections/" + connection, "If-Match",
                current.header("ETag").orElseThrow()).status()).isEqualTo(204);
        List<Map<String, Object>> left = inTenant(tenant, c -> rows(c, "SELECT id FROM connection_files"));
        assertThat(left).isEmpty();
        assertThat(chunkRows()).isZero();
        assertThat(storedBytes()).isEqualTo(before);
    }

    @Test
    void a_viewer_may_read_the_list_but_not_upload() {
        Uploads.Answer refused = uploads.raw(viewer, files(), "a.csv", bytes("x"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(uploads.get(viewer, files()).status()).isEqualTo(200);
    }

    @Test
    void a_connection_whose_connector_reads_no_uploads_refuses_them_with_422() {
        String target = created(api.post(owner, "/api/v1/tenants/" + tenant + "/connections", Map.of("connectorId",
                "test-recording-target", "name", "Recording", "config", Map.of("name", "files-" + UUID.randomUUID()))));
        Uploads.Answer refused = uploads.raw(operator, Uploads.files(tenant, target), "a.csv", bytes("x"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text()).contains("test-recording-target").contains("test-upload-source");
    }

    @Test
    void another_tenants_connection_and_files_answer_404() {
        Map<String, Object> file = uploads.raw(operator, files(), "mine.csv", bytes("id,total\n1,1\n")).map();
        UUID other = newTenant("Other Bakery");
        User stranger = newMember(other, TenantRole.OWNER);
        String theirs = "/api/v1/tenants/" + other + "/connections/" + connection + "/files";
        String mine = files();
        assertThat(uploads.raw(stranger, theirs, "x.csv", bytes("x")).status()).isEqualTo(404);
        assertThat(uploads.get(stranger, theirs).status()).isEqualTo(404);
        assertThat(uploads.get(stranger, theirs + "/" + file.get("id")).status()).isEqualTo(404);
        assertThat(uploads.get(stranger, theirs + "/" + file.get("id") + "/content").status()).isEqualTo(404);
        assertThat(uploads.delete(stranger, theirs + "/" + file.get("id")).status()).isEqualTo(404);
        assertThat(uploads.get(stranger, mine).status()).as("the other tenant in the path").isEqualTo(404);
        assertThat(uploads.raw(stranger, mine, "x.csv", bytes("x")).status()).isEqualTo(404);
        assertThat(listed()).hasSize(1);
    }

    @Test
    void a_connector_reads_a_file_of_several_chunks_through_its_context_with_its_exact_bytes() throws Exception {
        byte[] large = random(2 * 1024 * 1024 + 512 * 1024 + 7, 8);
        uploads.chunked(operator, files(), "large.bin", large);
        assertThat(chunkRows()).isEqualTo(3);

        ConnectionFiles files = stores.of(new TenantId(tenant), UUID.fromString(connection));
        List<ConnectionFiles.UploadedFile> found = files.uploadedAfter(0, 10);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.size()).isEqualTo(large.length);
            assertThat(f.sha256()).isEqualTo(Uploads.sha256(large));
        });
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        long read = 0;
        try (InputStream in = files.open(found.get(0))) {
            byte[] buffer = new byte[100_000];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                read += n;
            }
        }
        assertThat(read).isEqualTo(large.length);
        assertThat(java.util.HexFormat.of().formatHex(digest.digest())).isEqualTo(Uploads.sha256(large));
        assertThat(files.uploadedAfter(found.get(0).sequence(), 10)).isEmpty();

        ConnectionFiles strangers = stores.of(new TenantId(newTenant("Nosy")), UUID.fromString(connection));
        assertThat(strangers.uploadedAfter(0, 10)).as("another tenant's context sees nothing").isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strangers.open(found.get(0)))
                .isInstanceOf(java.io.IOException.class);
    }

    // --- helpers -----------------------------------------------------------------------------

    private record Response(int status, Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json.get("items");
        }
    }

    static String source(UUID tenant, User owner, ApiClient api) {
        return created(api.post(owner, "/api/v1/tenants/" + tenant + "/connections", Map.of("connectorId",
                "test-upload-source", "name", "Uploads", "config", Map.of("label", "sales"))));
    }

    private String source(UUID tenant, User owner) {
        return source(tenant, owner, api);
    }

    private String files() {
        return Uploads.files(tenant, connection);
    }

    private Response list(String query) {
        Uploads.Answer answer = uploads.get(viewer, files() + query);
        return new Response(answer.status(), answer.map());
    }

    private List<Map<String, Object>> listed() {
        return list("").items();
    }

    private long storedBytes() {
        return inTenant(tenant, c -> {
            List<Map<String, Object>> found = rows(c, "SELECT bytes FROM tenant_storage WHERE tenant_id = ?", tenant);
            return found.isEmpty() ? 0L : (Long) found.get(0).get("bytes");
        });
    }

    private long chunkRows() {
        return inTenant(tenant, c -> (Long) rows(c, "SELECT count(*) AS n FROM connection_file_chunks").get(0).get("n"));
    }

    private void capStorage(long bytes) {
        inTenant(tenant, c -> TenantFixture.update(c, "INSERT INTO tenant_storage (tenant_id, max_bytes) VALUES (?, ?)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET max_bytes = EXCLUDED.max_bytes", tenant, bytes));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
