package io.tillbridge.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.ledger.Ledger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    /** How the canonical form was written before it walked the value model: the ledger holds hashes of this text. */
    private static final ObjectMapper JACKSON = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    @Test
    void canonical_json_is_the_text_jackson_writes_with_map_entries_sorted_by_key() throws Exception {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", "FLA-2041-R");
        line.put("Name", "Café \"au lait\"\n\t\u0001 日本 😀 \\ </script>");
        line.put("quantity", new BigDecimal("0.750"));
        line.put("net", new BigDecimal("1E+3"));
        line.put("discount", new BigDecimal("-0.00"));
        line.put("modifiers", List.of());
        line.put("note", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("zeta", true);
        data.put("a10", "x");
        data.put("a9", "y");
        data.put("_id", "k");
        data.put("A", false);
        data.put("lines", List.of(line, Map.of(), Arrays.asList(null, "b", new BigDecimal("12.30"))));
        data.put("totals", new HashMap<>(Map.of("total", new BigDecimal("13.36"), "fees", BigDecimal.ZERO)));
        data.put("count", 3);
        data.put("big", 12_345_678_901L);
        data.put("ratio", 0.5d);
        data.put("numbered", Map.of(1, "one"));
        data.put("empty", "");

        assertThat(RecordJson.write(data)).isEqualTo(JACKSON.writeValueAsString(data));
        assertThat(RecordJson.write("just text")).isEqualTo(JACKSON.writeValueAsString("just text"));
        assertThat(RecordJson.write(null)).isEqualTo("null");
    }

    @Test
    void random_records_in_the_value_model_give_jacksons_text_and_the_same_version_hash() throws Exception {
        Random random = new Random(4);
        for (int i = 0; i < 300; i++) {
            Map<String, Object> data = randomMap(random, 0);
            String canonical = RecordJson.write(data);
            assertThat(canonical).isEqualTo(JACKSON.writeValueAsString(data));
            assertThat(Ledger.versionHash("m1", "c/orders", data))
                    .isEqualTo(Ledger.versionHashOfCanonical("m1", "c/orders", JACKSON.writeValueAsString(data)));
        }
    }

    @Test
    void a_stored_record_written_from_its_canonical_data_is_the_record_written_whole() throws Exception {
        Map<String, Object> data = randomMap(new Random(9), 0);
        SourceRecord record = new SourceRecord("pos.orders", "K\u00e9y-1", null, data);
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("stream", record.stream());
        stored.put("key", record.key());
        stored.put("version", record.version());
        stored.put("data", record.data());

        String whole = RecordJson.writeRecord(record);

        assertThat(whole).isEqualTo(JACKSON.writeValueAsString(stored));
        assertThat(RecordJson.writeRecord(record, RecordJson.write(data))).isEqualTo(whole);
        assertThat(RecordJson.readRecord(whole)).isEqualTo(new SourceRecord("pos.orders", "K\u00e9y-1", null,
                RecordJson.readMap(RecordJson.write(data))));
    }

    private static Map<String, Object> randomMap(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(depth == 0 ? 12 : 5);
        for (int i = 0; i < size; i++) {
            map.put(randomText(random, 1 + random.nextInt(8)), randomValue(random, depth + 1));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> randomText(random, random.nextInt(20));
            case 3 -> BigDecimal.valueOf(random.nextLong() % 1_000_000_000L, random.nextInt(5));
            case 4 -> new BigDecimal(random.nextInt(1000)).scaleByPowerOfTen(random.nextInt(8) - 4);
            case 5 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
            default -> randomMap(random, depth);
        };
    }

    private static String randomText(Random random, int length) {
        String alphabet = "abcXYZ_09 -é日\"\\\n\t\u0000\u001f/😀";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return out.toString();
    }
}
