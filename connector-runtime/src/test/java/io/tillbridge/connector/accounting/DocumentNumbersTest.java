package io.tillbridge.connector.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentNumbersTest {

    static final String KEY = "q3m9X_ab-Zk1LmN0pQrStUvWxYz0123456789abcdEF";

    @Test
    void a_document_number_is_stable_short_and_alphanumeric() {
        assertThat(DocumentNumbers.of(KEY)).isEqualTo(DocumentNumbers.of(KEY)).hasSize(16).matches("TB[A-Za-z0-9]{14}");
        assertThat(DocumentNumbers.of(KEY)).isNotEqualTo(DocumentNumbers.of(KEY.replace('q', 'r')));
    }

    @Test
    void adjustments_belong_to_their_document_and_fit_a_quickbooks_doc_number() {
        String number = DocumentNumbers.of(KEY);
        String adj = DocumentNumbers.adjustment(number, 12);
        assertThat(adj).hasSizeLessThanOrEqualTo(21);
        assertThat(DocumentNumbers.belongsTo(adj, number)).isTrue();
        assertThat(DocumentNumbers.belongsTo(number, number)).isTrue();
        assertThat(DocumentNumbers.belongsTo("TBother-A1", number)).isFalse();
    }

    @Test
    void write_keys_fit_quickbooks_requestid_and_differ_by_content() {
        assertThat(DocumentNumbers.writeKey(KEY, "")).isEqualTo(KEY);
        String a = DocumentNumbers.writeKey(KEY, "adjustment 1: 4000 -20.00");
        String b = DocumentNumbers.writeKey(KEY, "adjustment 1: 4000 -21.00");
        assertThat(a).hasSizeLessThanOrEqualTo(50).isNotEqualTo(b);
    }
}
