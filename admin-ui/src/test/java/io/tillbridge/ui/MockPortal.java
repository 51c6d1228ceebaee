package io.tillbridge.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockService;
import com.github.mvysny.kaributesting.v10.mock.MockVaadinServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinServletService;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.ui.notfound.NotFoundView;

import java.util.HashSet;
import java.util.Set;

/**
 * The portal in a Karibu-Testing mock environment: every {@code @Route} view of the portal (public or
 * not), created by the same {@link MicronautInstantiator} as in production, from the given context.
 * An address no page answers, or a page that reroutes to the not-found error, shows {@link NotFoundView}.
 * Call {@link #tearDown()} after each test.
 */
public final class MockPortal {

    private MockPortal() {
    }

    /** Sets up a mock UI at the root route, with views taking their services from {@code context}. */
    public static void setUp(ApplicationContext context) {
        Routes routes = new Routes(portalRoutes(), new HashSet<>(Set.of(NotFoundView.class)), true);
        MockVaadin.setup(UI::new, new MockVaadinServlet(routes, UI::new) {
            @Override
            protected VaadinServletService createServletService(DeploymentConfiguration configuration)
                    throws ServiceException {
                MockService service = new MockService(this, configuration, getUiFactory()) {
                    @Override
                    protected Instantiator createInstantiator() {
                        return new MicronautInstantiator(this, context);
                    }
                };
                service.init();
                getRoutes().register(service.getContext());
                return service;
            }
        });
    }

    public static void tearDown() {
        MockVaadin.tearDown();
    }

    private static Set<Class<? extends Component>> portalRoutes() {
        try (ScanResult scan = new ClassGraph()
                .acceptPackages(MockPortal.class.getPackageName())
                .enableAnnotationInfo()
                .ignoreClassVisibility()
                .scan()) {
            Set<Class<? extends Component>> routes = new HashSet<>();
            scan.getClassesWithAnnotation(Route.class)
                    .loadClasses(Component.class)
                    .forEach(routes::add);
            return routes;
        }
    }
}
