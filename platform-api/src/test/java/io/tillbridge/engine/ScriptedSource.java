package io.tillbridge.engine;

import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConfigProperty;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.SourceRecord;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test source whose records a test scripts: every read emits all pages of its script (a full
 * refresh, whatever the checkpoint), each followed by a checkpoint naming the page. A script
 * marked endless repeats its pages with new keys forever (a pagination that never ends); one
 * marked stalling, after its pages, waits until the runtime asks it to stop (at most a minute).
 */
public final class ScriptedSource extends TestConnector<ScriptedSource.Config> implements SourceConnector<ScriptedSource.Config> {

    public ScriptedSource() {
        super(SPEC);
    }

    /** Names the script to read. */
    public record Config(@ConfigProperty(title = "Script") @NotBlank String script) {
    }

    static final ConnectorSpec<Config> SPEC = new ConnectorSpec<>("test-scripted-source", "Scripted source (tests)",
            "1.0.0", Set.of(ConnectorSpec.Role.SOURCE), Config.class);

    /** The pages of each script, by name. */
    static final Map<String, List<List<Map<String, Object>>>> SCRIPTS = new ConcurrentHashMap<>();
    static final Set<String> ENDLESS = ConcurrentHashMap.newKeySet();
    static final Set<String> STALLING = ConcurrentHashMap.newKeySet();

    /** Sets what reads of the script {@code name} emit: these pages, each followed by a checkpoint. */
    public static void script(String name, List<List<Map<String, Object>>> pages) {
        SCRIPTS.put(name, new CopyOnWriteArrayList<>(pages));
    }

    /** Reads of the script {@code name} repeat its pages forever, each round with new keys. */
    public static void endless(String name) {
        ENDLESS.add(name);
    }

    /** Reads of the script {@code name} wait after its pages until asked to stop. */
    public static void stalling(String name) {
        STALLING.add(name);
    }

    @Override
    public void read(Config config, String stream, Checkpoint checkpoint, RecordSink sink) {
        List<List<Map<String, Object>>> pages = SCRIPTS.getOrDefault(config.script(), List.of());
        boolean endless = ENDLESS.contains(config.script()) && !pages.isEmpty();
        for (int round = 0; round == 0 || endless; round++) {
            for (int page = 0; page < pages.size(); page++) {
                for (Map<String, Object> data : pages.get(page)) {
                    String key = round == 0 ? String.valueOf(data.get("id")) : data.get("id") + "-" + round;
                    sink.record(new SourceRecord(stream, key, "", data));
                    if (sink.stopRequested()) {
                        return;
                    }
                }
                sink.checkpoint(new Checkpoint("page-" + (round * pages.size() + page + 1)));
                if (endless && sink.stopRequested()) {
                    return;
                }
            }
        }
        if (pages.isEmpty()) {
            sink.checkpoint(new Checkpoint("page-0"));
        }
        long giveUp = System.nanoTime() + 60_000_000_000L;
        while (STALLING.contains(config.script()) && !sink.stopRequested() && System.nanoTime() < giveUp) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
