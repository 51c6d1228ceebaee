package io.tillbridge.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.problems.ProblemException;
import org.junit.jupiter.api.Test;

/** The names uploads are kept under. */
class UploadNamesTest {

    @Test
    void a_plain_name_is_kept() {
        assertThat(UploadNames.sanitise("sales-2026-12.csv")).isEqualTo("sales-2026-12.csv");
        assertThat(UploadNames.sanitise("Ventes été.xlsx")).isEqualTo("Ventes été.xlsx");
    }

    @Test
    void directories_of_either_kind_are_dropped() {
        assertThat(UploadNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(UploadNames.sanitise("C:\\Users\\me\\week 49.csv")).isEqualTo("week 49.csv");
    }

    @Test
    void control_and_formatting_characters_go_and_white_space_collapses() {
        assertThat(UploadNames.sanitise("a\u0000b\r\nc\u202e.csv")).isEqualTo("ab c.csv");
        assertThat(UploadNames.sanitise("  two   spaces\t.csv ")).isEqualTo("two spaces .csv");
    }

    @Test
    void a_long_name_is_cut_to_255_characters_keeping_its_extension_and_whole_code_points() {
        String cut = UploadNames.sanitise("y".repeat(300) + ".xlsx");
        assertThat(cut).hasSize(255).endsWith("y.xlsx");
        String emoji = UploadNames.sanitise("\uD83D\uDCCA".repeat(200) + ".csv");
        assertThat(emoji.length()).isLessThanOrEqualTo(255);
        assertThat(emoji).endsWith(".csv");
        assertThat(Character.isHighSurrogate(emoji.charAt(emoji.length() - 5))).isFalse();
    }

    @Test
    void nothing_usable_is_refused_at_the_name_field() {
        for (String bad : new String[] {null, "", "   ", "../", "..", "\u0000\u0001", "dir/"}) {
            assertThatThrownBy(() -> UploadNames.sanitise(bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors())
                            .singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("name")));
        }
    }
}
