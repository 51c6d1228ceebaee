package io.tillbridge.ui;

import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletService;
import io.micronaut.context.ApplicationContext;

/** The portal's Vaadin servlet; it hands the Micronaut context to the {@link PortalService}. */
class PortalServlet extends VaadinServlet {

    private final transient ApplicationContext context;

    PortalServlet(ApplicationContext context) {
        this.context = context;
    }

    @Override
    protected VaadinServletService createServletService(DeploymentConfiguration configuration)
            throws ServiceException {
        PortalService service = new PortalService(this, configuration, context);
        service.init();
        return service;
    }
}
