package io.tillbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceVersionsTest {

    @Test
    void decimal_versions_are_ordered_as_numbers_not_as_text() {
        assertThat(SourceVersions.older("9", "10")).isTrue();
        assertThat(SourceVersions.older("10", "9")).isFalse();
        assertThat(SourceVersions.older("10", "10")).isFalse();
    }

    @Test
    void instants_are_ordered_as_times() {
        assertThat(SourceVersions.older("2026-12-07T10:01:00Z", "2026-12-07T10:05:00Z")).isTrue();
        assertThat(SourceVersions.older("2026-12-07T10:05:00.5Z", "2026-12-07T10:05:00Z")).isFalse();
    }

    @Test
    void missing_or_mixed_versions_are_not_ordered() {
        assertThat(SourceVersions.older(null, "3")).isFalse();
        assertThat(SourceVersions.older("3", null)).isFalse();
        assertThat(SourceVersions.older("", "3")).isFalse();
        assertThat(SourceVersions.older("3", "2026-12-07T10:05:00Z")).isFalse();
        assertThat(SourceVersions.older("abc", "abd")).isFalse();
    }
}
