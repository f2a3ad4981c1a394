package dev.arca.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arca.media.internal.Iso6709;
import org.junit.jupiter.api.Test;

class Iso6709Test {

    @Test
    void degreesWithHeight() {
        Iso6709.Location l = Iso6709.parse("+48.8584+002.2945+035.000/").orElseThrow();
        assertThat(l.latitude()).isEqualTo(48.8584);
        assertThat(l.longitude()).isEqualTo(2.2945);
        assertThat(l.altitude()).isEqualTo(35.0);
        Iso6709.Location south = Iso6709.parse("-33.8568+151.2153/").orElseThrow();
        assertThat(south.latitude()).isEqualTo(-33.8568);
        assertThat(south.altitude()).isNull();
    }

    @Test
    void degreesMinutesAndSeconds() {
        Iso6709.Location minutes = Iso6709.parse("+4851.504+00217.670/").orElseThrow();
        assertThat(minutes.latitude()).isCloseTo(48.8584, within(1e-6));
        assertThat(minutes.longitude()).isCloseTo(2.29450, within(1e-5));
        Iso6709.Location seconds = Iso6709.parse("-335124.48+1511255.08CRSWGS_84/").orElseThrow();
        assertThat(seconds.latitude()).isCloseTo(-33.8568, within(1e-6));
        assertThat(seconds.longitude()).isCloseTo(151.2153, within(1e-6));
    }

    @Test
    void nonsenseIsNoLocation() {
        assertThat(Iso6709.parse(null)).isEmpty();
        assertThat(Iso6709.parse("")).isEmpty();
        assertThat(Iso6709.parse("48.8584, 2.2945")).isEmpty();
        assertThat(Iso6709.parse("+98.0000+002.0000/")).isEmpty();
        assertThat(Iso6709.parse("+4875.000+00217.670/")).isEmpty();
        assertThat(Iso6709.parse("+1".repeat(200))).isEmpty();
    }
}
