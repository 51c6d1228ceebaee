package io.tillbridge.users.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TenantSlugsTest {

    /** The schema's check on tenants.slug. */
    private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    @Test
    void accents_are_dropped_and_other_characters_become_dashes() {
        assertThat(TenantSlugs.base("Café Zoë & Sons")).isEqualTo("cafe-zoe-sons");
    }

    @Test
    void leading_and_trailing_punctuation_is_dropped() {
        assertThat(TenantSlugs.base("  --The Corner Shop!! ")).isEqualTo("the-corner-shop");
    }

    @Test
    void a_long_name_is_cut_short_enough_for_a_suffix() {
        String slug = TenantSlugs.base("A very long business name ".repeat(10));

        assertThat(slug.length()).isLessThanOrEqualTo(TenantSlugs.MAX_BASE);
        assertThat(TenantSlugs.withRandomSuffix(slug)).matches(VALID);
        assertThat(slug).doesNotEndWith("-");
    }

    @Test
    void a_name_without_latin_letters_or_digits_gets_a_fallback() {
        assertThat(TenantSlugs.base("東京ラーメン")).isEqualTo("tenant");
    }

    @Test
    void a_one_character_name_is_made_long_enough() {
        assertThat(TenantSlugs.base("Q")).isEqualTo("tenant-q").matches(VALID);
    }

    @Test
    void a_random_suffix_keeps_the_slug_valid() {
        assertThat(TenantSlugs.withRandomSuffix("harbour-coffee")).matches("harbour-coffee-[0-9a-f]{6}");
    }
}
