package io.tillbridge.ui.locations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocationFormTest {

    @Test
    void the_close_out_hour_field_names_its_bounds_in_words_when_the_browser_refuses_a_value() {
        LocationForm form = new LocationForm();

        assertThat(form.closeOutHour.getI18n().getMaxErrorMessage()).isEqualTo("Must be 0 to 23");
        assertThat(form.closeOutHour.getI18n().getMinErrorMessage()).isEqualTo("Must be 0 to 23");
        assertThat(form.closeOutHour.getI18n().getBadInputErrorMessage()).isNotBlank();
        assertThat(form.closeOutHour.getHelperText()).contains("0 to 23");
    }
}
