package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private static final PasswordHasher HASHER = new PasswordHasher();

    @Test
    void a_hash_is_argon2id_with_the_stated_parameters() {
        Argon2Function used = Argon2Function.getInstanceFromHash(HASHER.hash("correct horse battery staple"));

        assertThat(used.getVariant()).isEqualTo(Argon2.ID);
        assertThat(used.getMemory()).isEqualTo(PasswordHasher.MEMORY_KIB);
        assertThat(used.getIterations()).isEqualTo(PasswordHasher.ITERATIONS);
        assertThat(used.getParallelism()).isEqualTo(PasswordHasher.PARALLELISM);
        assertThat(used.getOutputLength()).isEqualTo(PasswordHasher.TAG_BYTES);
        assertThat(used.getVersion()).isEqualTo(Argon2Function.ARGON2_VERSION_13);
    }

    @Test
    void the_right_password_verifies() {
        assertThat(HASHER.verify("correct horse battery staple", HASHER.hash("correct horse battery staple"))).isTrue();
    }

    @Test
    void a_wrong_password_does_not_verify() {
        assertThat(HASHER.verify("correct horse battery stapler", HASHER.hash("correct horse battery staple"))).isFalse();
    }

    @Test
    void passwords_beyond_ascii_verify() {
        assertThat(HASHER.verify("Zoë's café pässwörd", HASHER.hash("Zoë's café pässwörd"))).isTrue();
    }

    @Test
    void every_hash_has_its_own_salt() {
        assertThat(HASHER.hash("correct horse battery staple")).isNotEqualTo(HASHER.hash("correct horse battery staple"));
    }

    @Test
    void a_malformed_stored_hash_verifies_nothing() {
        assertThat(HASHER.verify("anything at all", "not-a-hash")).isFalse();
    }

    @Test
    void a_hash_made_with_older_parameters_still_verifies_and_asks_for_a_rehash() {
        String older = Argon2Function.getInstance(4096, 3, 1, 32, Argon2.ID, Argon2Function.ARGON2_VERSION_13)
                .hash("correct horse battery staple").getResult();

        assertThat(HASHER.verify("correct horse battery staple", older)).isTrue();
        assertThat(HASHER.needsRehash(older)).isTrue();
        assertThat(HASHER.needsRehash(HASHER.hash("correct horse battery staple"))).isFalse();
    }

    @Test
    void a_fingerprint_is_stable_for_the_same_context_and_differs_for_another() {
        String first = HASHER.fingerprint("correct horse battery staple", "key-1");

        assertThat(HASHER.fingerprint("correct horse battery staple", "key-1")).isEqualTo(first);
        assertThat(HASHER.fingerprint("correct horse battery staple", "key-2")).isNotEqualTo(first);
        assertThat(first).startsWith("$argon2id$");
    }
}
