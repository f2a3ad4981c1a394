package dev.arca.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.platform.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/** Binding of {@code arca.storage.*}, the one store bean, checks at start and the scrub schedule. */
class StorageConfigTest {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    static class Platform {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {}

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Platform.class, StorageConfig.class, StorageScrubber.class)
                .withBean(DataDirectory.class, () -> new DataDirectory(dataDir));
    }

    @Test
    void byDefaultOneLocalStoreInTheDataDirectory() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(BlobStore.class);
            assertThat(context.getBean(BlobStore.class)).isInstanceOf(LocalBlobStore.class);
            assertThat(context.getBean(BlobStore.class).health().locations()).singleElement()
                    .satisfies(l -> assertThat(l.name()).isEqualTo(dataDir.resolve("blobs").toString()));
            assertThat(dataDir.resolve("blobs").resolve(LocalLayout.ID_FILE)).exists();
        });
    }

    @Test
    void directoriesAndReplicasAreBound(@TempDir Path a, @TempDir Path b) {
        runner().withPropertyValues("arca.storage.type=local", "arca.storage.dirs=" + a + "," + b,
                "arca.storage.replicas=2").run(context -> {
                    BlobStore store = context.getBean(BlobStore.class);
                    store.put("acct1/x", new byte[] {1});
                    assertThat(LocalFiles.replica(a, "acct1/x")).exists();
                    assertThat(LocalFiles.replica(b, "acct1/x")).exists();
                });
    }

    /** That S3 settings select the S3 store, through the egress gate, is EgressTest's. */
    @Test
    void s3SettingsAreBoundAndKeepTheirSecretsOutOfTheirText() {
        runner().withPropertyValues("arca.storage.s3.endpoint=http://127.0.0.1:9",
                "arca.storage.s3.bucket=media", "arca.storage.s3.access-key=AKIDEXAMPLE",
                "arca.storage.s3.secret-key=wJalrXUtnFEMI", "arca.storage.s3.prefix=arca")
                .run(context -> {
                    StorageProperties properties = context.getBean(StorageProperties.class);
                    assertThat(properties.s3().bucket()).isEqualTo("media");
                    assertThat(properties.s3().toString()).contains("media")
                            .doesNotContain("wJalrXUtnFEMI", "AKIDEXAMPLE");
                });
    }

    @Test
    void moreReplicasThanDirectoriesStopTheStart() {
        runner().withPropertyValues("arca.storage.replicas=2").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("arca.storage.replicas is 2 but must be between 1 and the number of"
                        + " directories in arca.storage.dirs (1)"));
    }

    @Test
    void aFileAsDirectoryStopsTheStart() throws IOException {
        Path file = Files.writeString(dataDir.resolve("file"), "x");
        runner().withPropertyValues("arca.storage.dirs=" + file).run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("IllegalStateException: arca.storage.dirs: " + file + " is not a directory"));
    }

    @Test
    void overlappingDirectoriesStopTheStart() {
        runner().withPropertyValues("arca.storage.dirs=" + dataDir + "," + dataDir.resolve("inner"))
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("overlap"));
    }

    @Test
    void s3WithoutABucketStopsTheStart() {
        runner().withPropertyValues("arca.storage.type=s3").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("arca.storage.type=s3 needs arca.storage.s3.bucket"));
    }

    @Test
    void halfTheCredentialsStopTheStartWithoutRepeatingThem() {
        runner().withPropertyValues("arca.storage.type=s3", "arca.storage.s3.bucket=media",
                "arca.storage.s3.secret-key=wJalrXUtnFEMI").run(context -> assertThat(context).getFailure()
                        .rootCause().hasMessageContaining("must be set together")
                        .hasMessageNotContaining("wJalrXUtnFEMI"));
    }

    @Test
    void anEndpointWithCredentialsStopsTheStartWithoutRepeatingIt() {
        runner().withPropertyValues("arca.storage.type=s3", "arca.storage.s3.bucket=media",
                "arca.storage.s3.endpoint=https://user:hunter2@s3.example.net").run(context -> assertThat(context)
                        .getFailure().rootCause().hasMessageContaining("arca.storage.s3.endpoint")
                        .hasMessageNotContaining("hunter2"));
    }

    @Test
    void anInvalidScheduleStopsTheStart() {
        runner().withPropertyValues("arca.storage.scrub-cron=every night").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("arca.storage.scrub-cron"));
    }

    @Test
    void theScrubIsScheduledWhenSchedulingIsEnabledAndKeepsItsLastReport() {
        runner().withUserConfiguration(Scheduling.class).run(context -> {
            assertThat(context.getBean(ScheduledTaskHolder.class).getScheduledTasks())
                    .anySatisfy(task -> assertThat(task.getTask()).isInstanceOfSatisfying(CronTask.class,
                            cron -> assertThat(cron.getExpression()).isEqualTo("0 30 3 * * *")));
            StorageScrubber scrubber = context.getBean(StorageScrubber.class);
            assertThat(scrubber.lastReport()).isEmpty();
            context.getBean(BlobStore.class).put("acct1/a", new byte[] {1, 2, 3});

            ScrubReport report = scrubber.runNow();
            assertThat(report.repair()).isTrue();
            assertThat(report.blobsChecked()).isEqualTo(1);
            assertThat(scrubber.lastReport()).contains(report);
        });
        runner().withUserConfiguration(Scheduling.class).withPropertyValues("arca.storage.scrub-cron=-")
                .run(context -> assertThat(context.getBean(ScheduledTaskHolder.class).getScheduledTasks())
                        .noneSatisfy(task -> assertThat(task.getTask()).isInstanceOf(CronTask.class)));
    }
}
