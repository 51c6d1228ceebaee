package io.tillbridge.journals;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The journals an integration would post for one business day, computed from the source as it is
 * now with a mapping version, whether or not the days are final yet. Nothing of it is stored.
 *
 * @param integrationId the integration
 * @param day the business day
 * @param mappingVersion the mapping version used
 * @param recordsRead how many records the source stream holds
 * @param recordsOfDay how many of them belong to the day
 * @param journals one per journal of the day (location and currency), in first-seen order
 * @param errors errors of the day's records that name no journal (their journal cannot be told)
 */
@Serdeable
@Schema(description = "The journals an integration would post for one business day; nothing is stored")
public record JournalPreview(UUID integrationId, String day, int mappingVersion, long recordsRead, long recordsOfDay,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Journal> journals,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> errors) {

    public JournalPreview {
        journals = List.copyOf(journals);
        errors = List.copyOf(errors);
    }

    /**
     * One journal as it would be posted.
     *
     * @param date the journal's date
     * @param locationId the POS location
     * @param currency the ISO 4217 currency
     * @param lines its lines, as the aggregation makes them
     * @param debits the sum of the lines' debits
     * @param credits the sum of the lines' credits
     * @param balances whether debits equal credits
     * @param difference debits minus credits
     * @param isFinal whether the day is final now; a run posts only final days
     * @param finalAt when it is (was) final: the day's end plus settle and late window; null when the
     *     mapping does not wait for final days
     * @param posts whether a run would post it once final: balanced, nothing held, not all zero
     * @param held the value-map keys (or other values) its records carry that did not map; the journal
     *     is held until they are fixed
     */
    @Serdeable
    @Schema(description = "One journal (per date, location and currency) as it would be posted")
    public record Journal(String date, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String locationId,
            String currency, @JsonInclude(JsonInclude.Include.ALWAYS) List<Line> lines, BigDecimal debits,
            BigDecimal credits, boolean balances, BigDecimal difference, boolean isFinal, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant finalAt,
            boolean posts, @JsonInclude(JsonInclude.Include.ALWAYS) List<HeldValue> held) {

        public Journal {
            lines = List.copyOf(lines);
            held = List.copyOf(held);
        }
    }

    /** One line of a journal. */
    @Serdeable
    public record Line(@Nullable String account, @Nullable String description, BigDecimal debit, BigDecimal credit) {
    }

    /**
     * A value that did not map, with what the rows carrying it would have posted.
     *
     * @param field the target field that did not map, such as {@code account}
     * @param value the value that did not map, such as the account key {@code sales:Tea}; null when the
     *     error names no value
     * @param records how many records of the day carry it
     * @param debit the debits of the rows that carry it
     * @param credit the credits of the rows that carry it
     * @param message the error, as the error inbox shows it
     * @param hint how to fix it
     */
    @Serdeable
    @Schema(description = "A value that did not map (an account key missing from the value map), with its amounts")
    public record HeldValue(String field, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String value, long records,
            BigDecimal debit, BigDecimal credit, String message, @Nullable String hint) {
    }
}
