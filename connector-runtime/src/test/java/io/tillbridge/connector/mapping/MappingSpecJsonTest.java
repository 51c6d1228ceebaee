package io.tillbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MappingSpecJsonTest {

    @Test
    void a_spec_survives_writing_and_reading() {
        MappingSpec spec = Specs.spec(StepsTest.JOURNAL);
        assertThat(MappingSpecJson.read(MappingSpecJson.write(spec)).spec()).isEqualTo(spec);
    }

    @Test
    void an_unknown_property_is_an_error_naming_its_path() {
        MappingSpecJson.Parsed parsed = MappingSpecJson.read("{\"fields\": [{\"target\": \"a\", \"sorce\": \"b\"}]}");
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("fields[0].sorce");
            assertThat(e.category()).isEqualTo(FieldError.Category.MAPPING);
        });
    }

    @Test
    void broken_json_is_an_error_not_an_exception() {
        assertThat(MappingSpecJson.read("{\"fields\": [").ok()).isFalse();
    }

    @Test
    void the_cache_compiles_a_version_once() {
        CompiledMappingCache<String> cache = new CompiledMappingCache<>(2);
        int[] parsed = {0};
        java.util.function.Supplier<MappingSpec> spec = () -> {
            parsed[0]++;
            return Specs.spec("{'fields': [{'target': 'a', 'source': 'a'}]}");
        };
        CompiledMapping first = cache.get("i1:1", spec);
        assertThat(cache.get("i1:1", spec)).isSameAs(first);
        assertThat(parsed[0]).isEqualTo(1);
        cache.get("i1:2", spec);
        cache.get("i1:3", spec);
        assertThat(cache.size()).isEqualTo(2);
    }
}
