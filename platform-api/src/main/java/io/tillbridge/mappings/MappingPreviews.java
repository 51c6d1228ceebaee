package io.tillbridge.mappings;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.InteractiveCalls;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.CompiledMappingCache;
import io.tillbridge.connector.mapping.FieldSuggestions;
import io.tillbridge.connector.mapping.MappingCompiler;
import io.tillbridge.connector.mapping.MappingPreview;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.connector.mapping.MappingValidator;
import io.tillbridge.connector.mapping.RecordOutcome;
import io.tillbridge.connector.mapping.ValueSize;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.StreamDescriptor;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A mapping tried out without saving it: a draft or a saved version applied to a few records, and
 * source-to-target field pairs proposed for a new mapping. Drafts are compiled once per spec.
 */
@Singleton
public class MappingPreviews {

    /** The most the outputs of a preview may weigh together (estimated; DD-018). */
    public static final long MAX_PREVIEW_BYTES = 4L << 20;

    private final IntegrationService integrations;
    private final MappingVersions versions;
    private final DiscoveredStreams discovered;
    private final InteractiveCalls interactive;
    private final CompiledMappingCache<String> drafts = new CompiledMappingCache<>(200);

    MappingPreviews(IntegrationService integrations, MappingVersions versions, DiscoveredStreams discovered,
            InteractiveCalls interactive) {
        this.integrations = integrations;
        this.versions = versions;
        this.discovered = discovered;
        this.interactive = interactive;
    }

    /**
     * Applies a mapping to a few records: the request's draft {@code spec}, else its {@code version},
     * else the pinned version; to the request's {@code records}, else the source's discovered samples.
     * Previewing a saved version is reading; previewing a draft {@code spec} runs the caller's own
     * expressions on the platform, so it needs the permission to configure (DD-018): a viewer or
     * operator previewing a draft answers 403. A draft that does not compile answers 422
     * ({@link InvalidMappingException}).
     */
    public MappingPreviewResult preview(TenantScope scope, UUID integrationId, MappingPreviewRequest request) {
        scope.require(Permission.READ);
        if (request.spec() != null) {
            scope.require(Permission.CONFIGURE);
        }
        Integration integration = integrations.get(scope, integrationId);
        String which;
        CompiledMapping mapping;
        if (request.spec() != null) {
            MappingCompiler.Compilation compilation = MappingCompiler.compile(request.spec());
            if (!compilation.ok()) {
                throw new InvalidMappingException(compilation.errors());
            }
            mapping = drafts.get(MappingSpecJson.write(request.spec()), request::spec);
            which = "draft";
        } else {
            MappingVersions.Pinned saved = versions.savedOrPinned(scope, integrationId, request.version());
            mapping = saved.mapping();
            which = String.valueOf(saved.version());
        }
        List<Map<String, Object>> records = request.records() != null ? request.records() : samples(scope, integration);
        CompiledMapping chosen = mapping;
        // The caller's expressions run on the platform: bounded in time (DD-018), stopped past it.
        MappingPreview preview = interactive.call(scope.tenant(), interactive.previewTimeout(), () -> chosen.preview(records),
                () -> {
                    throw new ProblemException(ProblemType.UNPROCESSABLE, "The preview took longer than "
                            + InteractiveCalls.readable(interactive.previewTimeout()) + " and was stopped: preview fewer"
                            + " records or simplify the expressions.");
                });
        long size = ValueSize.of(preview.aggregated(), MAX_PREVIEW_BYTES);
        for (RecordOutcome outcome : preview.records()) {
            size += ValueSize.of(outcome.outputs(), MAX_PREVIEW_BYTES);
            if (size > MAX_PREVIEW_BYTES) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "The preview's outputs are larger than "
                        + MAX_PREVIEW_BYTES / (1024 * 1024) + " MiB: preview fewer records.");
            }
        }
        List<MappingPreviewResult.RecordResult> results = new ArrayList<>(records.size());
        for (int i = 0; i < preview.records().size(); i++) {
            RecordOutcome outcome = preview.records().get(i);
            results.add(new MappingPreviewResult.RecordResult(i, outcome.outputs(),
                    outcome.errors().stream().map(MappingError::of).toList()));
        }
        return new MappingPreviewResult(which, results, preview.aggregated(),
                preview.aggregateErrors().stream().map(MappingError::of).toList());
    }

    /**
     * Proposes field pairs: from the request's {@code source} and {@code target} fields, else from
     * what discovery finds behind the integration's connections (422 when it finds nothing).
     */
    public List<FieldPair> suggest(TenantScope scope, UUID integrationId, FieldSuggestionRequest request) {
        scope.require(Permission.READ);
        Integration integration = integrations.get(scope, integrationId);
        List<FieldDescriptor> source = request.source() != null ? descriptors(request.source())
                : discovered.find(scope, integration.sourceConnectionId(), integration.sourceStream())
                        .map(StreamDescriptor::fields).orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                                "The source's fields could not be discovered: send them as source."));
        List<FieldDescriptor> target = request.target() != null ? descriptors(request.target())
                : discovered.find(scope, integration.targetConnectionId(), integration.targetObject())
                        .map(StreamDescriptor::fields).orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                                "The target's fields could not be discovered: send them as target."));
        return FieldSuggestions.suggest(source, target).stream()
                .map(s -> new FieldPair(s.source(), s.target(), s.confidence(), s.reason())).toList();
    }

    private List<Map<String, Object>> samples(TenantScope scope, Integration integration) {
        return discovered.find(scope, integration.sourceConnectionId(), integration.sourceStream())
                .map(MappingValidator::sampleRecords)
                .filter(r -> !r.isEmpty())
                .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                        "No sample records could be discovered from the source: send records to preview."));
    }

    private static List<FieldDescriptor> descriptors(List<FieldSuggestionRequest.Field> fields) {
        return fields.stream().map(FieldSuggestionRequest.Field::descriptor).toList();
    }
}
