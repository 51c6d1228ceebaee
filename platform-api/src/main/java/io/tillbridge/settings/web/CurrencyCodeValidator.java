package io.tillbridge.settings.web;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;
import java.util.Currency;

/** Checks {@link CurrencyCode}: the exact code of a currency that {@link Currency} knows. */
@Singleton
class CurrencyCodeValidator implements ConstraintValidator<CurrencyCode, String> {

    @Override
    public boolean isValid(String value, AnnotationValue<CurrencyCode> annotation, ConstraintValidatorContext context) {
        return value == null || isCurrency(value);
    }

    static boolean isCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
