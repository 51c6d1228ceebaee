package io.tillbridge.files.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Content-Disposition of downloads and the names uploads declare. */
class DownloadNamesTest {

    @Test
    void an_attachment_has_a_safe_ascii_name_and_the_exact_one_encoded() {
        assertThat(DownloadNames.attachment("orders 2026-12-06.csv"))
                .isEqualTo("attachment; filename=\"orders 2026-12-06.csv\"; filename*=UTF-8''orders%202026-12-06.csv");
        assertThat(DownloadNames.attachment("a\"b\\c/d;é*\r\n.csv"))
                .isEqualTo("attachment; filename=\"a_b_c_d__*__.csv\"; filename*=UTF-8''a%22b%5Cc%2Fd%3B%C3%A9%2A%0D%0A.csv");
    }

    @Test
    void a_content_disposition_names_the_file_plainly_or_encoded() {
        assertThat(UploadRequests.dispositionName("attachment; filename=\"sales.csv\"")).isEqualTo("sales.csv");
        assertThat(UploadRequests.dispositionName("attachment; filename*=UTF-8''caf%C3%A9.csv")).isEqualTo("café.csv");
        assertThat(UploadRequests.dispositionName("inline")).isNull();
        assertThat(UploadRequests.dispositionName("attachment; filename=\"unterminated")).isNull();
        assertThat(UploadRequests.dispositionName(null)).isNull();
    }
}
