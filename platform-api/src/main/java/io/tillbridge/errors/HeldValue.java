package io.tillbridge.errors;

/**
 * A value that open errors of a field hold: an unmapped value of its value map, and how many open
 * errors hold it.
 */
public record HeldValue(String value, long errors) {
}
