package io.tillbridge.ui.integrations.mapping;

import io.tillbridge.access.TenantScope;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.mappings.MappingPreviewRequest;
import io.tillbridge.mappings.MappingPreviewResult;
import io.tillbridge.mappings.MappingPreviews;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.FlatValues;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The values a value map lists for a rule: what its samples yield, then what its open errors hold. */
final class SeenValues {

    /** Most values of open errors listed in a value map. */
    static final int HELD_VALUES = 200;

    private SeenValues() {
    }

    /**
     * The values the rule yields for the sample records before its value map and cast, then the
     * values that open errors of the field hold because its value map has no entry for them.
     */
    static List<String> of(MappingPreviews previews, ErrorInbox inbox, TenantScope scope, UUID integrationId,
            MappingWorkspace workspace, RuleDraft draft) {
        RuleDraft plain = RuleDraft.of(draft.toRule());
        plain.valueMap = "";
        plain.type = "";
        MappingSpec spec = new MappingSpec(workspace.spec().steps(), List.of(plain.toRule()), null, null, null);
        Set<String> seen = new LinkedHashSet<>();
        try {
            MappingPreviewResult result = previews.preview(scope, integrationId,
                    new MappingPreviewRequest(spec, null, workspace.records()));
            result.records().forEach(r -> r.outputs().forEach(o -> {
                Object v = FlatValues.of(o).get(draft.target);
                if (v != null) {
                    seen.add(String.valueOf(v));
                }
            }));
        } catch (ProblemException e) {
            // The rule does not map yet: no values to list; the preview says why.
        }
        // The values its open errors hold, which the samples may not show.
        inbox.heldValues(scope, integrationId, draft.target, HELD_VALUES).forEach(v -> seen.add(v.value()));
        return List.copyOf(seen);
    }
}
