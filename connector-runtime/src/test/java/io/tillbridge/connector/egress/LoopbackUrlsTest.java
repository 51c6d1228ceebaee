package io.tillbridge.connector.egress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoopbackUrlsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "http://127.0.0.1:8080/hooks, true",
        "https://127.9.8.7/hooks, true",
        "http://[::1]:9000/hooks, true",
        "http://localhost/hooks, true",
        "http://10.20.30.40/hooks, false",
        "http://169.254.169.254/latest, false",
        "http://[fe80::1]/hooks, false",
        // A name other than localhost is refused without being looked up.
        "http://hooks.example.test/in, false",
        "http://127.0.0.1.example.test/in, false",
        "ftp://127.0.0.1/hooks, false",
        "not a url, false"
    })
    void only_loopback_literals_and_localhost_count_as_loopback(String url, boolean loopback) {
        assertThat(LoopbackUrls.isLoopback(url)).isEqualTo(loopback);
    }
}
