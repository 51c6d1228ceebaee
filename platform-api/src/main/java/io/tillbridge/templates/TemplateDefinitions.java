package io.tillbridge.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.ConfigSchema;
import io.tillbridge.connector.ConnectorRegistry;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.FieldError;
import io.tillbridge.connector.mapping.MappingCompiler;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.connector.mapping.MappingValidator;
import io.tillbridge.connector.pos.PosStreamDescriptors;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.ConnectorSpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Reads one template file and checks it (DD-039): the format (no unknown member, the types and
 * bounds of each), the id (lower case with dashes, the file's name), every mapping compiles with
 * the mapping engine and maps the canonical stream's sample records without an error, every stream
 * is a canonical POS stream, every connector id is installed and
 * plays its role, every cron expression is a Quartz expression, and the target config hint names
 * only settings of the target connectors. A template that fails any check is refused whole, with
 * every problem named by file and path.
 */
final class TemplateDefinitions {

    static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_ID = 80;
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2_000;
    static final int MAX_OBJECT = 200;
    static final int MAX_INTEGRATIONS = 20;
    static final String KIND_POS = "pos";

    private static final Set<String> TOP = Set.of("id", "version", "name", "description", "source", "target",
            "targetConfig", "integrations");
    private static final Set<String> INTEGRATION = Set.of("key", "name", "sourceStream", "targetObject", "mapping",
            "schedule", "mode");

    /** A template that passed every check, with each integration's mapping by key. */
    record Loaded(Template template, Map<String, MappingSpec> specs) {
    }

    /** A template file that failed a check: every problem, each naming the file and the path in it. */
    static final class InvalidTemplate extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        InvalidTemplate(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    private final String file;
    private final ConnectorRegistry connectors;
    private final List<String> problems = new ArrayList<>();

    private TemplateDefinitions(String file, ConnectorRegistry connectors) {
        this.file = file;
        this.connectors = connectors;
    }

    /**
     * Reads {@code json}, the text of the template file {@code fileName} ({@code <id>.json}), against
     * the installed {@code connectors}.
     *
     * @throws InvalidTemplate naming every problem found
     */
    static Loaded read(String fileName, String json, ConnectorRegistry connectors) {
        return new TemplateDefinitions(TemplateFiles.FOLDER + "/" + fileName, connectors).read(fileName, json);
    }

    private Loaded read(String fileName, String json) {
        JsonNode root;
        try {
            root = MappingSpecJson.parseTree(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidTemplate(List.of(file + ": " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTemplate(List.of(file + ": a template is a JSON object"));
        }
        members(root, "", TOP);
        String id = text(root, "id", MAX_ID, true);
        if (id != null && !ID.matcher(id).matches()) {
            problem("id", "'" + id + "' is not lower case letters and digits joined by dashes");
        } else if (id != null && !fileName.equals(id + ".json")) {
            problem("id", "'" + id + "' differs from the file's name: name the file " + id + ".json");
        }
        int version = 0;
        JsonNode v = root.get("version");
        if (v == null || !v.canConvertToExactIntegral() || v.asLong() < 1 || v.asLong() > Integer.MAX_VALUE) {
            problem("version", "must be a whole number from 1 up");
        } else {
            version = v.intValue();
        }
        String name = text(root, "name", MAX_NAME, true);
        String description = text(root, "description", MAX_DESCRIPTION, true);
        Set<String> streams = new LinkedHashSet<>();
        String kind = source(root.get("source"));
        List<String> targets = target(root.get("target"));
        Map<String, Object> targetConfig = targetConfig(root.get("targetConfig"), targets);
        List<Template.Integration> integrations = new ArrayList<>();
        Map<String, MappingSpec> specs = new LinkedHashMap<>();
        JsonNode list = root.get("integrations");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_INTEGRATIONS) {
            problem("integrations", "must be a list of 1 to " + MAX_INTEGRATIONS + " integrations");
        } else {
            for (int i = 0; i < list.size(); i++) {
                integration(list.get(i), "integrations[" + i + "]", integrations, specs, streams);
            }
        }
        List<String> sources = connectors.specs().stream()
                .filter(s -> s.roles().contains(ConnectorSpec.Role.SOURCE) && s.streams().containsAll(streams))
                .map(ConnectorSpec::id).toList();
        if (problems.isEmpty() && sources.isEmpty()) {
            problem("source", "no installed connector emits every one of " + streams);
        }
        if (!problems.isEmpty()) {
            throw new InvalidTemplate(problems);
        }
        return new Loaded(new Template(id, version, name, description,
                new Template.Source(kind, List.copyOf(streams), sources), new Template.Target(targets), targetConfig,
                integrations), specs);
    }

    private String source(JsonNode source) {
        if (source == null || !source.isObject()) {
            problem("source", "must be an object such as {\"kind\": \"pos\"}");
            return null;
        }
        members(source, "source.", Set.of("kind"));
        String kind = text(source, "kind", 20, true, "source.");
        if (kind != null && !KIND_POS.equals(kind)) {
            problem("source.kind", "'" + kind + "' is not a kind of source; the one kind is pos (a connection whose"
                    + " connector emits the canonical POS streams)");
        }
        return kind;
    }

    private List<String> target(JsonNode target) {
        if (target == null || !target.isObject()) {
            problem("target", "must be an object such as {\"connectors\": [\"postgres-warehouse\"]}");
            return List.of();
        }
        members(target, "target.", Set.of("connectors"));
        JsonNode list = target.get("connectors");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problem("target.connectors", "must be a list of one or more connector ids");
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode id = list.get(i);
            String path = "target.connectors[" + i + "]";
            if (!id.isTextual()) {
                problem(path, "must be a connector id");
                continue;
            }
            var spec = connectors.spec(id.asText());
            if (spec.isEmpty()) {
                problem(path, "no installed connector has the id '" + id.asText() + "'");
            } else if (!spec.get().roles().contains(ConnectorSpec.Role.TARGET)) {
                problem(path, "the connector '" + id.asText() + "' cannot be a target");
            } else if (ids.contains(id.asText())) {
                problem(path, "'" + id.asText() + "' is named twice");
            } else {
                ids.add(id.asText());
            }
        }
        return List.copyOf(ids);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> targetConfig(JsonNode config, List<String> targets) {
        if (config == null || config.isNull()) {
            return null;
        }
        if (!config.isObject()) {
            problem("targetConfig", "must be an object of config settings");
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = config.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                problem("targetConfig." + field.getKey(), "must be a text, number or boolean");
            }
            for (String target : targets) {
                ConnectorSpec<?> spec = connectors.spec(target).orElseThrow();
                JsonNode property = ConfigSchema.of(spec.configType()).path("properties").path(field.getKey());
                if (property.isMissingNode()) {
                    problem("targetConfig." + field.getKey(), "the connector '" + target + "' has no such setting");
                } else if (property.path(ConfigSchema.SECRET).asBoolean(false)) {
                    problem("targetConfig." + field.getKey(), "is a secret of '" + target + "': a template holds none");
                }
            }
        }
        return (Map<String, Object>) MappingSpecJson.valueModel(config);
    }

    @SuppressWarnings("unchecked")
    private void integration(JsonNode node, String at, List<Template.Integration> out, Map<String, MappingSpec> specs,
            Set<String> streams) {
        if (node == null || !node.isObject()) {
            problem(at, "must be an object");
            return;
        }
        String prefix = at + ".";
        members(node, prefix, INTEGRATION);
        String key = text(node, "key", MAX_ID, true, prefix);
        if (key != null && !ID.matcher(key).matches()) {
            problem(prefix + "key", "'" + key + "' is not lower case letters and digits joined by dashes");
        } else if (key != null && specs.containsKey(key)) {
            problem(prefix + "key", "'" + key + "' is the key of an earlier integration");
        }
        String name = text(node, "name", MAX_NAME, true, prefix);
        String stream = text(node, "sourceStream", MAX_OBJECT, true, prefix);
        if (stream != null && !PosStreams.ALL.contains(stream)) {
            problem(prefix + "sourceStream", "'" + stream + "' is not a canonical POS stream " + PosStreams.ALL);
        } else if (stream != null) {
            streams.add(stream);
        }
        String object = text(node, "targetObject", MAX_OBJECT, true, prefix);
        String mode = text(node, "mode", 10, false, prefix);
        if (mode == null) {
            mode = "shadow";
        } else if (!mode.equals("shadow") && !mode.equals("live")) {
            problem(prefix + "mode", "must be shadow or live");
        }
        Template.Schedule schedule = schedule(node.get("schedule"), prefix + "schedule");
        JsonNode mapping = node.get("mapping");
        MappingSpec spec = null;
        if (mapping == null || !mapping.isObject()) {
            problem(prefix + "mapping", "must be a mapping object (steps, fields, valueMaps, rates, aggregate)");
        } else {
            MappingSpecJson.Parsed parsed = MappingSpecJson.read(mapping);
            if (!parsed.ok()) {
                parsed.errors().forEach(e -> problem(prefix + "mapping" + dotted(e.path()), describe(e)));
            } else {
                MappingCompiler.Compilation compiled = MappingCompiler.compile(parsed.spec());
                if (!compiled.ok()) {
                    compiled.errors().forEach(e -> problem(prefix + "mapping" + dotted(e.path()), describe(e)));
                } else if (parsed.spec().fields().isEmpty()) {
                    problem(prefix + "mapping.fields", "a template's mapping names its fields");
                } else {
                    boolean canonical = stream != null && PosStreams.ALL.contains(stream);
                    if (!canonical || dryRun(parsed.spec(), compiled.mapping(), stream, prefix + "mapping")) {
                        spec = parsed.spec();
                    }
                }
            }
        }
        if (key != null && spec != null) {
            specs.put(key, spec);
            out.add(new Template.Integration(key, name, stream, object,
                    (Map<String, Object>) MappingSpecJson.valueModel(MappingSpecJson.tree(spec)), schedule, mode));
        }
    }

    /**
     * Maps the canonical stream's sample records ({@link PosStreamDescriptors}: whole records with
     * nested lines and tenders, of every state) as a saved mapping is dry-run, and groups them when
     * the mapping aggregates: a source path the stream does not have, or a sample that does not map,
     * is a problem. A value a value map holds for the merchant to map (an empty map of location pairs
     * that waits for the merchant's entries) is not: it is what the template means. Answers whether
     * there was no problem.
     */
    private boolean dryRun(MappingSpec spec, CompiledMapping mapping, String stream, String at) {
        int before = problems.size();
        List<Map<String, Object>> samples = PosStreamDescriptors.samples(stream);
        MappingValidator.validate(spec, PosStreamDescriptors.stream(stream, "template", ""), null, samples).stream()
                .filter(e -> e.category() != FieldError.Category.UNMAPPED_VALUE)
                .forEach(e -> problem(at + dotted(e.path()), describe(e)));
        if (problems.size() == before && mapping.aggregates()) {
            // Grouped as if the merchant had mapped every value a map holds: an account map that is
            // empty as installed holds every journal, which is what it means, not a problem.
            MappingCompiler.Compilation mapped = MappingCompiler.compile(asIfMapped(spec));
            CompiledMapping grouped = mapped.ok() ? mapped.mapping() : mapping;
            grouped.preview(samples).aggregateErrors().forEach(e -> problem(at + dotted(e.path()), describe(e)));
        }
        return problems.size() == before;
    }

    /** {@code spec} with every value map that holds unmapped values passing them through instead. */
    private static MappingSpec asIfMapped(MappingSpec spec) {
        if (spec.valueMaps() == null) {
            return spec;
        }
        Map<String, MappingSpec.ValueMap> maps = new java.util.LinkedHashMap<>();
        spec.valueMaps().forEach((name, map) -> maps.put(name, map.unmapped() == null
                || "hold".equalsIgnoreCase(map.unmapped())
                ? new MappingSpec.ValueMap(map.entries(), "pass_through", null) : map));
        return new MappingSpec(spec.steps(), spec.fields(), maps, spec.rates(), spec.aggregate());
    }

    private Template.Schedule schedule(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problem(at, "must be an object such as {\"cron\": \"0 0/15 * * * ?\"}");
            return null;
        }
        members(node, at + ".", Set.of("cron"));
        String cron = text(node, "cron", 120, true, at + ".");
        if (cron == null) {
            return null;
        }
        try {
            CronExpression expression = new CronExpression(cron);
            if (expression.getNextValidTimeAfter(new java.util.Date()) == null) {
                problem(at + ".cron", "never fires");
            }
        } catch (ParseException | RuntimeException e) {
            problem(at + ".cron", "is not a Quartz cron expression (seconds minutes hours day-of-month month"
                    + " day-of-week [year]): " + e.getMessage());
            return null;
        }
        return new Template.Schedule(cron);
    }

    private void members(JsonNode node, String prefix, Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                problem(prefix + name, "is not a member of a template here; the members are " + new java.util.TreeSet<>(allowed));
            }
        });
    }

    private String text(JsonNode node, String member, int max, boolean required) {
        return text(node, member, max, required, "");
    }

    private String text(JsonNode node, String member, int max, boolean required, String prefix) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            if (required) {
                problem(prefix + member, "is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problem(prefix + member, "must be a text that is not blank");
            return null;
        }
        if (value.asText().length() > max) {
            problem(prefix + member, "must be at most " + max + " characters");
            return null;
        }
        return value.asText();
    }

    private static String dotted(String path) {
        return path == null || path.isEmpty() ? "" : path.startsWith("[") ? path : "." + path;
    }

    private static String describe(FieldError e) {
        return e.message() + (e.hint() == null || e.hint().isEmpty() ? "" : " (" + e.hint() + ")");
    }

    private void problem(String path, String message) {
        problems.add(file + ": " + path + ": " + message);
    }
}
