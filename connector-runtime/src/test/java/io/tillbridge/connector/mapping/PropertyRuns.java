package io.tillbridge.connector.mapping;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property checks over seeded generators: a property is tried on {@code tries} inputs, each drawn
 * from its own {@link Random} seeded from one base seed. The base seed is new for every run (so
 * runs explore different inputs) unless {@code -Dproperties.seed=N} fixes it; a failure names the
 * seed of the failing input and its value, so that the run can be repeated exactly.
 */
public final class PropertyRuns {

    public static final String SEED_PROPERTY = "properties.seed";

    private PropertyRuns() {
    }

    /** Checks {@code property} for {@code tries} inputs made by {@code generator}. */
    public static <T> void forAll(int tries, Function<Random, T> generator, Consumer<T> property) {
        long base = Long.getLong(SEED_PROPERTY, new Random().nextLong());
        for (int i = 0; i < tries; i++) {
            long seed = base + i;
            T input = generator.apply(new Random(seed));
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property failed on try " + (i + 1) + " of " + tries + ", seed " + seed
                        + " (with -D" + SEED_PROPERTY + "=" + seed + " it is the first input): " + input, e);
            }
        }
    }
}
