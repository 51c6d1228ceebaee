package io.tillbridge.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.InMemoryConnectionFiles;
import io.tillbridge.connector.spi.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads of uploads: pages, checkpoints, resuming, keys across reads. */
class SpreadsheetReadTest {

    private final InMemoryConnectionFiles files = new InMemoryConnectionFiles();
    private final SpreadsheetSourceConfig keyed = Sheets.config("order_id", null, null, null, null, null);

    private static List<String> keys(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::key).toList();
    }

    @Test
    void a_large_file_is_read_in_pages_of_a_thousand_rows_with_a_checkpoint_after_each() {
        files.upload("big.csv", Sheets.orders(1, 10_500));

        CollectingSink sink = Sheets.read(Sheets.source(files), keyed, null);

        assertThat(sink.committed()).hasSize(10_500);
        List<String> checkpoints = sink.events().stream().filter(e -> e instanceof Checkpoint)
                .map(e -> ((Checkpoint) e).value()).toList();
        assertThat(checkpoints).hasSize(11);
        assertThat(checkpoints.get(0)).isEqualTo("{\"file\":1,\"rows\":1000,\"done\":false}");
        assertThat(checkpoints.get(10)).isEqualTo("{\"file\":1,\"rows\":10500,\"done\":true}");
        assertThat(sink.events().indexOf(sink.events().stream().filter(e -> e instanceof Checkpoint).findFirst().get()))
                .as("the first checkpoint comes right after the first thousand records").isEqualTo(1000);
        assertThat(keys(sink.committed())).doesNotHaveDuplicates().startsWith("ord-1", "ord-2");
    }

    @Test
    void a_read_stopped_mid_file_resumes_from_its_last_checkpoint_without_loss_or_duplicates() {
        files.upload("a.csv", Sheets.orders(1, 2_500));
        files.upload("b.csv", Sheets.orders(2_501, 3_000));
        SpreadsheetSourceConnector source = Sheets.source(files);

        CollectingSink first = Sheets.read(source, keyed, null, 1_700);
        assertThat(first.committed()).hasSize(1_000);
        assertThat(first.uncommitted()).hasSize(700);
        CollectingSink second = Sheets.read(Sheets.source(files), keyed, first.lastCheckpoint());
        CollectingSink third = Sheets.read(Sheets.source(files), keyed, second.lastCheckpoint());

        List<String> all = new ArrayList<>(keys(first.committed()));
        all.addAll(keys(second.committed()));
        assertThat(all).hasSize(3_000).doesNotHaveDuplicates();
        assertThat(all.get(1_000)).isEqualTo("ord-1001");
        assertThat(second.lastCheckpoint().value()).isEqualTo("{\"file\":2,\"rows\":500,\"done\":true}");
        assertThat(third.received()).as("a read from the final checkpoint yields nothing").isZero();
        assertThat(third.lastCheckpoint()).isEqualTo(second.lastCheckpoint());
    }

    @Test
    void a_file_uploaded_after_a_finished_read_is_read_next_time_and_nothing_else() {
        files.upload("a.csv", Sheets.orders(1, 10));
        CollectingSink first = Sheets.read(Sheets.source(files), keyed, null);
        files.upload("b.csv", Sheets.orders(11, 15));

        CollectingSink second = Sheets.read(Sheets.source(files), keyed, first.lastCheckpoint());

        assertThat(keys(second.committed())).containsExactly("ord-11", "ord-12", "ord-13", "ord-14", "ord-15");
    }

    @Test
    void rows_without_key_columns_get_the_same_key_and_version_when_the_same_file_is_uploaded_again() {
        String csv = "item,amount\ncoffee,2.50\ntea,1.80\n";
        files.upload("day1.csv", csv);
        files.upload("day1 (copy).csv", csv);

        List<SourceRecord> records = Sheets.read(Sheets.source(files), SpreadsheetSourceConfig.uploads(), null).committed();

        assertThat(records).hasSize(4);
        assertThat(records.get(2).key()).isEqualTo(records.get(0).key());
        assertThat(records.get(2).version()).isEqualTo(records.get(0).version());
        assertThat(records.get(0).key()).isNotEqualTo(records.get(1).key()).hasSize(32);
    }

    @Test
    void identical_rows_in_one_file_stay_separate_records() {
        files.upload("sales.csv", "item,amount\ncoffee,2.50\ncoffee,2.50\ntea,1.80\ncoffee,2.50\n");

        List<SourceRecord> records = Sheets.read(Sheets.source(files), SpreadsheetSourceConfig.uploads(), null).committed();

        String coffee = records.get(0).key();
        assertThat(keys(records)).containsExactly(coffee, coffee + "#2", records.get(2).key(), coffee + "#3");
    }

    @Test
    void identical_rows_keep_their_keys_when_a_read_resumes_between_them() {
        files.upload("sales.csv", "item,amount\ncoffee,2.50\ncoffee,2.50\ncoffee,2.50\ncoffee,2.50\n");
        SpreadsheetSourceConnector source = Sheets.source(files, 2);

        CollectingSink first = Sheets.read(source, SpreadsheetSourceConfig.uploads(), null, 3);
        CollectingSink rest = Sheets.read(Sheets.source(files, 2), SpreadsheetSourceConfig.uploads(), first.lastCheckpoint());

        String coffee = first.committed().get(0).key();
        assertThat(keys(rest.committed())).containsExactly(coffee + "#3", coffee + "#4");
    }

    @Test
    void several_key_columns_make_one_key() {
        files.upload("lines.csv", "order,line,qty\nA|1,1,2\nA|1,2,1\n");

        List<SourceRecord> records = Sheets.read(Sheets.source(files), Sheets.config("order, line", null, null, null, null,
                null), null).committed();

        assertThat(keys(records)).containsExactly("A\\|1|1", "A\\|1|2");
    }

    @Test
    void the_version_changes_when_a_cell_changes() {
        files.upload("v1.csv", "order_id,amount\nA1,2.50\n");
        files.upload("v2.csv", "order_id,amount\nA1,2.60\n");

        List<SourceRecord> records = Sheets.read(Sheets.source(files), keyed, null).committed();

        assertThat(records.get(0).key()).isEqualTo(records.get(1).key());
        assertThat(records.get(0).version()).isNotEqualTo(records.get(1).version());
    }

    @Test
    void a_read_without_uploads_yields_a_checkpoint_and_check_says_nothing_is_uploaded_yet() {
        CollectingSink sink = Sheets.read(Sheets.source(files), keyed, null);
        CheckResult check = Sheets.source(files).check(keyed);

        assertThat(sink.received()).isZero();
        assertThat(sink.lastCheckpoint()).isNotNull();
        assertThat(check.isOk()).isTrue();
        assertThat(check.message()).contains("no file has been uploaded");
        assertThat(Sheets.source(files).discover(keyed).streams().get(0).fields()).isEmpty();
    }

    @Test
    void another_stream_name_is_a_config_failure() {
        files.upload("a.csv", Sheets.orders(1, 2));

        assertThatThrownBy(() -> Sheets.source(files).read(keyed, "orders", null, new CollectingSink()))
                .isInstanceOf(ConnectorException.class).hasMessage("no stream orders; this connection has rows");
    }

    @Test
    void without_the_platforms_file_storage_check_fails_config() {
        SpreadsheetSourceConnector source = new SpreadsheetSourceConnector();

        CheckResult check = source.check(keyed);

        assertThat(check.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(check.message()).contains("file storage");
    }
}
