package dev.arca.media;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The media components log types, counts and reasons, never file names or tag values. */
class MediaLogTest {

    @TempDir
    Path dir;

    @Test
    void failuresAreLoggedWithoutPersonalValues() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.arca.media");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        try {
            byte[] noise = new byte[4096];
            new Random(11).nextBytes(noise);
            Path named = Files.write(dir.resolve("Ada Lovelace at home.jpg"), noise);
            MetadataExtractor extractor = new MetadataExtractor();
            extractor.extract(named, MediaTypes.detect(noise, named.getFileName().toString()));
            new MetadataExtractor(Duration.ofNanos(1), 1000).extract(Fixtures.path("photo.jpg"), Fixtures.type("photo.jpg"));
            new Thumbnailer(extractor).thumbnail(named, MediaTypes.of(MediaTypes.JPEG), ThumbnailSize.SMALL, EditList.NONE);
            Path tagged = Files.copy(Fixtures.path("song.mp3"), dir.resolve("Private song.mp3"));
            extractor.extract(tagged, MediaTypes.detect(Fixtures.head(tagged), null));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        assertThat(appender.list).hasSizeGreaterThanOrEqualTo(3);
        for (ILoggingEvent event : appender.list) {
            assertThat(event.getFormattedMessage()).doesNotContain("Ada", "Lovelace", "Private", "Night Train",
                    "Gate at dusk", dir.toString());
        }
    }
}
