package io.tillbridge.ui;

import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Answers the first load of an address that no portal page has with HTTP 404 instead of 200. Vaadin
 * serves its application page for every path and shows the not-found view only after the client
 * has started, so without this a mistyped link, a crawler or a monitor would see a success. The
 * page itself still loads: the browser shows the portal's not-found view.
 */
final class UnknownPageStatus implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (isPageLoad(request) && !isKnownPage(request)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            chain.doFilter(req, new HttpServletResponseWrapper(response) {
                @Override
                public void setStatus(int status) {
                    if (status != SC_OK) {
                        super.setStatus(status);
                    }
                }
            });
            return;
        }
        chain.doFilter(req, res);
    }

    /** A browser's GET of a page: not a UI request, heartbeat, upload or static file. */
    private static boolean isPageLoad(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || request.getParameter("v-r") != null) {
            return false;
        }
        String path = path(request);
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !path.startsWith("VAADIN/") && !last.contains(".");
    }

    private boolean isKnownPage(HttpServletRequest request) {
        ApplicationRouteRegistry routes = ApplicationRouteRegistry.getInstance(
                new VaadinServletContext(request.getServletContext()));
        return routes.getNavigationTarget(path(request)).isPresent();
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        return uri.startsWith("/") ? uri.substring(1) : uri;
    }
}
