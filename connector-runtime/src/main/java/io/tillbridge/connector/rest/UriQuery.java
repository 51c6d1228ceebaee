package io.tillbridge.connector.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Sets query parameters on a URI, keeping the others. */
public final class UriQuery {

    private UriQuery() {
    }

    /** {@code uri} with {@code name=value} replacing any earlier value of {@code name}. */
    public static URI with(URI uri, String name, String value) {
        String encodedName = URLEncoder.encode(name, StandardCharsets.UTF_8);
        String kept = uri.getRawQuery() == null ? "" : Arrays.stream(uri.getRawQuery().split("&"))
                .filter(part -> !part.isEmpty() && !part.split("=", 2)[0].equals(encodedName))
                .collect(Collectors.joining("&"));
        String query = (kept.isEmpty() ? "" : kept + "&") + encodedName + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8);
        String text = uri.toString();
        int cut = text.indexOf('?') >= 0 ? text.indexOf('?') : text.indexOf('#') >= 0 ? text.indexOf('#') : text.length();
        String fragment = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
        return URI.create(text.substring(0, cut) + "?" + query + fragment);
    }
}
