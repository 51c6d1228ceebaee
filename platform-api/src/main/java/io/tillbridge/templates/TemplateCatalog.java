package io.tillbridge.templates;

import io.tillbridge.connector.ConnectorRegistry;
import io.tillbridge.connector.mapping.MappingSpec;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The templates this platform offers (DD-039): every {@code templates/<id>.json} on the class path,
 * read and checked once at start-up ({@link TemplateDefinitions}). A file that fails a check is left
 * out of the catalog and logged with every problem; the build's tests check every shipped file, so
 * a release never offers a broken template to a merchant. The catalog holds no tenant data.
 */
@Singleton
public class TemplateCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateCatalog.class);

    private final Map<String, TemplateDefinitions.Loaded> byId = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    @jakarta.inject.Inject
    public TemplateCatalog(ConnectorRegistry connectors) {
        this(TemplateFiles.onClassPath(TemplateCatalog.class.getClassLoader()), connectors);
    }

    /** A catalog of the given files (name to text), checked against {@code connectors}. */
    TemplateCatalog(Map<String, String> files, ConnectorRegistry connectors) {
        files.forEach((name, text) -> {
            try {
                TemplateDefinitions.Loaded loaded = TemplateDefinitions.read(name, text, connectors);
                byId.put(loaded.template().id(), loaded);
            } catch (TemplateDefinitions.InvalidTemplate e) {
                problems.addAll(e.problems());
                LOG.error("The template file {}/{} is not offered: {}", TemplateFiles.FOLDER, name, e.getMessage());
            }
        });
        LOG.info("Templates offered: {}", byId.keySet());
    }

    /** Every template offered, by id. */
    public List<Template> list() {
        return byId.values().stream().map(TemplateDefinitions.Loaded::template)
                .sorted(java.util.Comparator.comparing(Template::id)).toList();
    }

    public Optional<Template> find(String id) {
        return Optional.ofNullable(byId.get(id)).map(TemplateDefinitions.Loaded::template);
    }

    /** The compiled-checked mapping of the template's integration {@code key}. */
    MappingSpec spec(String templateId, String key) {
        return byId.get(templateId).specs().get(key);
    }

    /** Why template files were left out: one line per problem, naming the file and the path in it. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
