package io.tillbridge.users.internal;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Derives a tenant's slug from its business name: "Café Zoë &amp; Sons" becomes
 * {@code cafe-zoe-sons}. Slugs match {@code ^[a-z0-9][a-z0-9-]{1,62}$} (the schema's check); the
 * base is kept to {@value #MAX_BASE} characters so that a suffix for uniqueness still fits.
 */
public final class TenantSlugs {

    static final int MAX_BASE = 48;
    static final String FALLBACK = "tenant";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TenantSlugs() {
    }

    /** The slug a business name suggests, before making it unique. */
    public static String base(String businessName) {
        String ascii = Normalizer.normalize(businessName, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_BASE) {
            slug = slug.substring(0, MAX_BASE).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            return FALLBACK;
        }
        return slug.length() < 2 ? FALLBACK + "-" + slug : slug;
    }

    static String withRandomSuffix(String base) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return base + "-" + HexFormat.of().formatHex(suffix);
    }
}
