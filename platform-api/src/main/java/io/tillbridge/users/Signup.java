package io.tillbridge.users;

import io.tillbridge.mail.EmailAddress;
import java.util.Objects;

/**
 * A self-signup: the business becomes a tenant and the person its owner.
 *
 * @param businessName the business (tenant) name
 * @param email the owner's email address
 * @param password the owner's password, checked against the policy already
 * @param name the owner's display name
 * @param currency the business's ISO 4217 currency; null for USD
 */
public record Signup(String businessName, String email, String password, String name, String currency) {

    public static final String DEFAULT_CURRENCY = "USD";

    public Signup {
        Objects.requireNonNull(businessName, "businessName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(name, "name");
        businessName = businessName.trim();
        email = EmailAddress.normalise(email);
        name = name.trim();
        currency = currency == null || currency.isBlank() ? DEFAULT_CURRENCY : currency.trim();
    }

    @Override
    public String toString() {
        return "Signup[businessName=" + businessName + ", email=" + email + ", name=" + name + ", currency=" + currency + "]";
    }
}
