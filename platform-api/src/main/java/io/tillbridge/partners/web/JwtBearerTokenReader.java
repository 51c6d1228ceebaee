package io.tillbridge.partners.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.bearer.BearerTokenConfiguration;
import io.micronaut.security.token.bearer.BearerTokenConfigurationProperties;
import io.micronaut.security.token.bearer.BearerTokenReader;
import io.tillbridge.partners.PartnerKeyToken;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Micronaut's bearer token reader, blind to partner API keys: a {@code tbk_} credential is for
 * {@link PartnerKeyAuthenticationFetcher} alone and never reaches the JWT validator.
 */
@Singleton
@Replaces(BearerTokenReader.class)
@Requires(property = BearerTokenConfigurationProperties.PREFIX + ".enabled", notEquals = StringUtils.FALSE)
public class JwtBearerTokenReader extends BearerTokenReader {

    public JwtBearerTokenReader(BearerTokenConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return super.findToken(request).filter(token -> !PartnerKeyToken.isPartnerKey(token));
    }
}
