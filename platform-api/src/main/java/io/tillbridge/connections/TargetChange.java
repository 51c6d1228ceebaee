package io.tillbridge.connections;

import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an update of a connection does to where the connector connects: the target fields (URL,
 * host, endpoint; {@link ConnectorConfigs#targetFields}) whose value it sets to something new.
 * A field that is set where it was empty counts as changed (for example a token endpoint added to
 * a connection with stored secrets); a field that is emptied does not, since nothing is then sent
 * to a new address.
 *
 * <p>A re-targeted connection must get every stored secret again in the same update, and loses
 * the OAuth2 tokens the platform kept for it: otherwise whoever may edit the connection (or holds
 * a stolen session) could point it at a server of their own and have the platform send the
 * merchant's stored credentials there.
 *
 * @param changed the target fields given a new value, in schema order
 */
record TargetChange(Set<String> changed) {

    /** Compares the stored plain config with the new one, over the connector's target fields. */
    static TargetChange of(Set<String> targetFields, Map<String, Object> before, Map<String, Object> after) {
        Set<String> changed = new LinkedHashSet<>();
        for (String field : targetFields) {
            Object now = after.get(field);
            if (now != null && !Objects.equals(text(before.get(field)), text(now))) {
                changed.add(field);
            }
        }
        return new TargetChange(Collections.unmodifiableSet(changed));
    }

    boolean retargets() {
        return !changed.isEmpty();
    }

    /**
     * 422 {@code secrets-required} unless every stored secret is given again.
     *
     * @param stored the secret fields stored for the connection
     * @param given the secret fields the update gives a new value
     */
    void requireSecretsGiven(Set<String> stored, Set<String> given) {
        if (!retargets()) {
            return;
        }
        List<String> missing = stored.stream().filter(f -> !given.contains(f)).sorted().toList();
        if (missing.isEmpty()) {
            return;
        }
        String what = String.join(", ", changed) + " changed";
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String field : missing) {
            errors.add(new Problem.FieldError("config." + field,
                    "must be given again because " + what + " (stored secrets are never sent to a new address)"));
        }
        throw new ProblemException(ProblemType.SECRETS_REQUIRED,
                what + ": give " + String.join(", ", missing) + " again", errors);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
