package io.tillbridge.support;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.util.Locale;

/**
 * What the support console searches for.
 *
 * @param text part of the tenant's name or slug, or of a member's e-mail address, in any case;
 *     null for every tenant
 * @param status active or suspended; null for both
 */
public record TenantSearch(String text, String status) {

    public TenantSearch {
        text = text == null || text.isBlank() ? null : text.trim();
        status = status == null || status.isBlank() ? null : status.trim().toLowerCase(Locale.ROOT);
        if (text != null && text.length() > 200) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "q must be at most 200 characters.");
        }
        if (status != null && !TenantState.ACTIVE.equals(status) && !TenantState.SUSPENDED.equals(status)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "status must be active or suspended.");
        }
    }
}
