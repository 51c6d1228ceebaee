package io.tillbridge.partners;

/**
 * A key just created: its listing and the full key, which is shown to the partner once and
 * never stored.
 */
public record IssuedPartnerKey(PartnerKey key, PartnerKeyToken token) {
}
