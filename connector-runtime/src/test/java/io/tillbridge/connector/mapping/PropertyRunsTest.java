package io.tillbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PropertyRunsTest {

    @Test
    void a_failing_property_names_the_seed_that_makes_the_failing_input_first() {
        Throwable failure = catchThrowable(() -> PropertyRuns.forAll(1000, random -> random.nextInt(100),
                n -> assertThat(n).isLessThan(90)));
        assertThat(failure).isInstanceOf(AssertionError.class);

        Matcher seed = Pattern.compile("seed (-?\\d+) ").matcher(failure.getMessage());
        assertThat(seed.find()).as(failure.getMessage()).isTrue();
        int failing = Integer.parseInt(failure.getMessage().replaceAll("(?s).*\\): (\\d+)$", "$1"));
        assertThat(failing).isGreaterThanOrEqualTo(90);
        assertThat(new Random(Long.parseLong(seed.group(1))).nextInt(100)).isEqualTo(failing);
    }

    @Test
    void every_try_gets_its_own_input() {
        List<Integer> seen = new ArrayList<>();
        PropertyRuns.forAll(50, random -> random.nextInt(1_000_000), seen::add);

        assertThat(seen).hasSize(50);
        assertThat(seen.stream().distinct().count()).isGreaterThan(45);
    }
}
