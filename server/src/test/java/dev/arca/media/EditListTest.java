package dev.arca.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EditListTest {

    @Test
    void canonicalText() {
        assertThat(EditList.NONE.toText()).isEmpty();
        assertThat(EditList.parse("")).isEqualTo(EditList.NONE);
        EditList all = new EditList(1, true, true, new EditList.Crop(0.1, 0.2, 0.5, 0.25));
        assertThat(all.toText()).isEqualTo("r1;h;v;c0.1,0.2,0.5,0.25");
        assertThat(EditList.parse("r1;h;v;c0.1,0.2,0.5,0.25")).isEqualTo(all);
        assertThat(new EditList(0, false, true, null).toText()).isEqualTo("v");
        assertThat(new EditList(0, false, false, new EditList.Crop(0, 0, 1, 1)).toText()).isEqualTo("c0,0,1,1");
        // Non-canonical numbers read the same and write canonically.
        assertThat(EditList.parse("c0.100,0.2,0.50,0.25").toText()).isEqualTo("c0.1,0.2,0.5,0.25");
    }

    @Test
    void randomEditsSurviveTheirTextForm() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            EditList.Crop crop = null;
            if (random.nextBoolean()) {
                double x = random.nextDouble() * 0.9;
                double y = random.nextDouble() * 0.9;
                crop = new EditList.Crop(x, y, 0.000001 + random.nextDouble() * (0.999 - x),
                        0.000001 + random.nextDouble() * (0.999 - y));
            }
            EditList edits = new EditList(random.nextInt(4), random.nextBoolean(), random.nextBoolean(), crop);
            assertThat(EditList.parse(edits.toText())).isEqualTo(edits);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"r0", "r4", "h;r1", "v;h", "r1;", ";h", "r1;;h", "h;h", "x", "c0.5,0.5,0.6,0.1",
        "c0,0,0,1", "c0,0,1", "c0,0,1,1,1", "c-0.1,0,0.5,0.5", "c1e-3,0,0.5,0.5", "cNaN,0,1,1", "r1h", " r1",
        "c0.1234567,0,0.5,0.5"})
    void malformedTextIsRefused(String text) {
        assertThatThrownBy(() -> EditList.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidEditsAreRefused() {
        assertThatThrownBy(() -> new EditList(4, false, false, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EditList(-1, false, false, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EditList.Crop(0.5, 0, 0.6, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EditList.Crop(0, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EditList.Crop(Double.NaN, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EditList.Crop(0, 0, 1, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EditList.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void cropFractionsKeepSixDecimals() {
        EditList.Crop crop = new EditList.Crop(1.0 / 3, 0, 0.5, 0.5);
        assertThat(crop.x()).isEqualTo(0.333333);
        assertThat(new EditList(0, false, false, crop).isNone()).isFalse();
        assertThat(EditList.NONE.isNone()).isTrue();
    }
}
