package io.tillbridge.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.theme.Theme;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page shell shared by every view: the Lumo theme and the product name as the default
 * title. No application theme folder on purpose: the portal runs on Vaadin's prebuilt production
 * bundle, which any frontend addition (npm package, theme folder) would invalidate.
 */
@PageTitle("Tillbridge")
@Theme(themeClass = Lumo.class)
public class PortalShell implements AppShellConfigurator {
}
