package io.tillbridge.connector.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one component of a connector's config record, for the JSON Schema and the portal form
 * that the runtime derives from it (after Kestra's {@code @PluginProperty} and Camel's
 * {@code @UriParam(secret = true)}). Constraints come from jakarta.validation on the same component:
 * {@code @NotNull}/{@code @NotBlank} make it required, {@code @Min}/{@code @Max}/{@code @Size}/
 * {@code @Pattern} bound it; an enum type gives the choices.
 *
 * <pre>{@code
 * record ShopConfig(
 *     @ConfigProperty(title = "Shop URL", order = 1) @NotNull URI url,
 *     @ConfigProperty(title = "Access token", secret = true, order = 2) @NotBlank String token) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface ConfigProperty {

    /** Label of the form field; defaults to the component name. */
    String title() default "";

    /** Help text under the field: what it is and where the merchant finds it. */
    String description() default "";

    /**
     * A credential: stored encrypted, never returned by the API ({@code writeOnly}), masked in
     * logs and in the form.
     */
    boolean secret() default false;

    /**
     * Where the connector connects: a URL, host or endpoint that the connection's secrets are sent
     * to. The platform refuses to change such a field unless every stored secret is given again in
     * the same change (and drops the OAuth2 tokens it kept), so that whoever can edit a connection
     * cannot point it at their own server and have the stored credentials sent there. A component
     * of type {@code URI} or {@code URL}, or whose name ends in {@code url}, {@code uri},
     * {@code host} or {@code endpoint}, counts as a target even when not marked; mark any other.
     */
    boolean target() default false;

    /** Position in the form; lower first, then declaration order. */
    int order() default Integer.MAX_VALUE;

    /**
     * The default value as text, read as the component's type ({@code "30"}, {@code "GET"},
     * {@code "true"}, an enum constant's name); empty for none.
     */
    String defaultValue() default "";

    /** A placeholder or example value shown in the empty field. */
    String example() default "";

    /** Grouping in the form ({@code Authentication}, {@code Pagination}); empty for the main group. */
    String group() default "";
}
