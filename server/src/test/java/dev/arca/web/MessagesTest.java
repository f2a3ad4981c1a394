package dev.arca.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Days and months are written the way each language writes them. */
class MessagesTest {

    @Test
    void daysAndMonthsInEachLanguage() {
        Messages english = new Messages(null, Locale.ENGLISH);
        Messages german = new Messages(null, Locale.GERMAN);
        assertThat(english.day("2024-05-17")).isEqualTo("May 17, 2024");
        assertThat(german.day("2024-05-17")).isEqualTo("17. Mai 2024");
        assertThat(english.month("2024-03")).isEqualTo("March 2024");
        assertThat(german.month("2024-03")).isEqualTo("März 2024");
    }
}
