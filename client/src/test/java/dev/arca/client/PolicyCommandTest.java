package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.privacy.PolicyVersion;
import dev.arca.privacy.PolicyVersions;
import dev.arca.privacy.Purpose;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** III: the command-line client announces a new policy version on its next run, until acknowledged. */
class PolicyCommandTest {

    private static final String PASSWORD = "policy password 123";

    @TempDir
    static Path temp;

    static Cli.Server server;

    @BeforeAll
    static void start() throws Exception {
        server = Cli.startServer(temp.resolve("data"), "policy@example.test", PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("III a changed policy is announced by the next command, shown by arca policy, and quiet once accepted")
    void newVersionIsAnnouncedUntilAccepted() throws Exception {
        Path config = temp.resolve("config");
        Path folder = Files.createDirectories(temp.resolve("photos"));
        assertThat(Cli.arcaAs(config, PASSWORD + "\n", "login", server.baseUrl(), "--email", "policy@example.test",
                "--password-stdin").exitCode()).isZero();
        assertThat(Cli.arcaAs(config, "", "policy").out()).contains("You have acknowledged");

        PolicyVersions policies = server.context().getBean(PolicyVersions.class);
        PolicyVersion current = policies.current();
        int version = policies.adopt(current.release().successor("The newsletter comes monthly now.",
                current.snapshot().withNotice(Purpose.NEWSLETTER, "Send me the monthly newsletter."))).version();

        Cli.Run sync = Cli.arcaAs(config, "", "sync", folder.toString(), "photos", "--settle", "0s");
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.err()).contains("privacy policy of " + server.baseUrl() + " changed: version " + version,
                "The newsletter comes monthly now.", "Changed purpose NEWSLETTER",
                server.baseUrl() + "/privacy/versions/" + version, "arca policy --accept " + version);

        Cli.Run shown = Cli.arcaAs(config, "", "policy");
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).contains("version " + version);
        Cli.Run stale = Cli.arcaAs(config, "", "policy", "--accept", String.valueOf(version - 1));
        assertThat(stale.exitCode()).as("a version other than the one in force").isEqualTo(2);
        assertThat(stale.err()).contains("version " + version + " is in force");
        Cli.Run accepted = Cli.arcaAs(config, "", "policy", "--accept", String.valueOf(version));
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("Acknowledged version " + version);

        Cli.Run quiet = Cli.arcaAs(config, "", "sync", folder.toString(), "photos", "--settle", "0s");
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.err()).doesNotContain("privacy policy");
        assertThat(Cli.arcaAs(config, "", "policy").out()).contains("You have acknowledged");
    }
}
