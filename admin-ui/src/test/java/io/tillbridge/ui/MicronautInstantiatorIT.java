package io.tillbridge.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.server.VaadinService;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicronautInstantiatorIT {

    static final class Greeter {
        String greet(String name) {
            return "Hello, " + name;
        }
    }

    static final class GreetingView {
        final String text;

        GreetingView(Greeter greeter) {
            this.text = greeter.greet("tenant");
        }
    }

    public static class TwoConstructorView {
        final Greeter greeter;

        public TwoConstructorView() {
            this.greeter = null;
        }

        TwoConstructorView(Greeter greeter) {
            this.greeter = greeter;
        }
    }

    static final class NeedsUnknownService {
        NeedsUnknownService(StringBuilder unknown) {
        }
    }

    private final Greeter greeter = new Greeter();
    private ApplicationContext context;
    private MicronautInstantiator instantiator;

    @BeforeEach
    void setUp() {
        context = TestContexts.run();
        context.registerSingleton(Greeter.class, greeter);
        MockPortal.setUp(context);
        instantiator = new MicronautInstantiator(VaadinService.getCurrent(), context);
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
        context.close();
    }

    @Test
    void returns_the_context_bean_for_a_type_the_context_knows() {
        assertSame(greeter, instantiator.getOrCreate(Greeter.class));
    }

    @Test
    void constructs_other_classes_with_constructor_arguments_from_the_context() {
        assertEquals("Hello, tenant", instantiator.getOrCreate(GreetingView.class).text);
    }

    @Test
    void names_the_missing_bean_when_a_constructor_argument_is_unknown() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> instantiator.getOrCreate(NeedsUnknownService.class));

        assertTrue(failure.getMessage().contains(StringBuilder.class.getName()), failure.getMessage());
    }

    @Test
    void leaves_a_class_with_several_constructors_to_vaadin_which_uses_the_no_argument_one() {
        assertNull(instantiator.getOrCreate(TwoConstructorView.class).greeter);
    }
}
