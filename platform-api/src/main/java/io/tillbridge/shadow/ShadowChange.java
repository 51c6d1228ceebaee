package io.tillbridge.shadow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** What a shadow run would have done to one record of the target. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What a shadow run would have written for one record, against the target's current row")
public record ShadowChange(
        String sourceKey,
        @Schema(allowableValues = {"create", "update", "unchanged"}) String action,
        @Schema(description = "The target's current row; absent for a create, and for a record the ledger shows"
                + " unchanged (not asked of the target)") Map<String, Object> before,
        @Schema(description = "What the run would write") Map<String, Object> after,
        @Schema(description = "Fields whose value would change (every field for a create)") List<String> changedFields) {

    public static final List<String> ACTIONS = List.of("create", "update", "unchanged");
}
