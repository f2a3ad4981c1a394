package dev.arca.client.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void aLineSaysFilesBytesRateAndTimeLeft() {
        Meter meter = new Meter();
        try (ProgressBar bar = ProgressBar.start(new PrintWriter(new StringWriter()), "sync", meter)) {
            assertThat(bar.line(new Meter.Reading(5, 50L << 20, 10, 100L << 20), 10))
                    .isEqualTo("sync: 5/10 files, 50.0 MiB/100.0 MiB, 5.0 MiB/s, 0:10 left");
            assertThat(bar.line(new Meter.Reading(3, 1536, -1, -1), 2))
                    .isEqualTo("sync: 3 files, 1.5 KiB, 768 B/s");
            assertThat(bar.line(new Meter.Reading(10, 100L << 20, 10, 100L << 20), 20))
                    .as("no time left once done").isEqualTo("sync: 10/10 files, 100.0 MiB/100.0 MiB, 5.0 MiB/s");
        }
    }

    @Test
    void withoutATerminalNothingIsRedrawnInPlace() {
        StringWriter out = new StringWriter();
        Meter meter = new Meter();
        meter.reset(2, 100);
        try (ProgressBar bar = ProgressBar.start(new PrintWriter(out), "backup", meter)) {
            meter.addFiles(1);
        }
        assertThat(out.toString()).doesNotContain("\r");
    }
}
