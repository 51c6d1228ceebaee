/**
 * Journals an accounting integration would post: a preview of one business day's journals, read in
 * full from the integration's source, mapped and aggregated with its mapping without writing
 * anything ({@link io.tillbridge.journals.JournalPreviews}), so that a merchant can check the account
 * map before the integration is enabled (DD-042).
 */
package io.tillbridge.journals;
