package io.tillbridge.connector.rest;

import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code Link} header of RFC 8288 ({@code <https://...>; rel="next"}), as Shopify and
 * GitHub paginate: no {@code next} link means the last page.
 */
public final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";]+)\"?");

    private LinkHeader() {
    }

    /** The target of the first link whose relation types include {@code rel}. */
    public static Optional<String> find(HttpHeaders headers, String rel) {
        for (String value : headers.allValues("Link")) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher relation = REL.matcher(link.group(2));
                if (relation.find() && java.util.Arrays.asList(relation.group(1).trim().split("\\s+")).contains(rel)) {
                    return Optional.of(link.group(1));
                }
            }
        }
        return Optional.empty();
    }
}
