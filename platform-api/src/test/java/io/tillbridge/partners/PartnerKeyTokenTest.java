package io.tillbridge.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The form of partner API keys. */
class PartnerKeyTokenTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void a_generated_key_reads_back_as_the_same_key() {
        PartnerKeyToken token = PartnerKeyToken.generate(random);
        assertThat(PartnerKeyToken.parse(token.reveal())).contains(token);
        assertThat(token.reveal()).matches("tbk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}");
    }

    @Test
    void underscores_inside_the_prefix_and_the_secret_do_not_confuse_the_reader() {
        String text = "tbk_a_b_c_d_e_f__" + "_".repeat(43);
        assertThat(PartnerKeyToken.parse(text)).hasValueSatisfying(t -> assertThat(t.prefix()).isEqualTo("a_b_c_d_e_f_"));
    }

    @Test
    void text_of_the_wrong_length_or_alphabet_is_not_a_key() {
        String good = PartnerKeyToken.generate(random).reveal();
        assertThat(PartnerKeyToken.parse(good.substring(0, good.length() - 1))).isEmpty();
        assertThat(PartnerKeyToken.parse(good + "x")).isEmpty();
        assertThat(PartnerKeyToken.parse(good.substring(0, 20) + "+" + good.substring(21))).isEmpty();
        assertThat(PartnerKeyToken.parse("tbx_" + good.substring(4))).isEmpty();
        assertThat(PartnerKeyToken.parse(null)).isEmpty();
    }

    @Test
    void only_the_hash_of_the_right_secret_matches() {
        PartnerKeyToken token = PartnerKeyToken.generate(random);
        assertThat(token.matches(token.secretHash())).isTrue();
        assertThat(token.matches(PartnerKeyToken.generate(random).secretHash())).isFalse();
    }

    @Test
    void printing_a_key_never_shows_its_secret() {
        PartnerKeyToken token = PartnerKeyToken.generate(random);
        assertThat(token.toString()).isEqualTo("tbk_" + token.prefix() + "_***");
    }
}
