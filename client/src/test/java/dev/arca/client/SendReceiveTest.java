package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.client.net.ServerApi;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The real {@code arca send} and {@code arca receive} between two devices of one account. */
class SendReceiveTest {

    private static final String PASSWORD = "send password 123";

    @TempDir
    Path temp;

    private Path device(Cli.Server server, String name) {
        Path config = temp.resolve("config-" + name);
        Cli.Run login = Cli.arcaAs(config, PASSWORD + "\n", "login", server.baseUrl(), "--email", "send@example.test",
                "--password-stdin", "--device-name", name);
        assertThat(login.exitCode()).as(login.err()).isZero();
        return config;
    }

    @Test
    @DisplayName("I.2f files sent to a device arrive intact on its next receive, images fitted when asked, then leave the server")
    void sendAndReceive() throws Exception {
        try (Cli.Server server = Cli.startServer(temp.resolve("server"), "send@example.test", PASSWORD)) {
            Path laptop = device(server, "laptop");
            Path phone = device(server, "Phone");
            byte[] video = new byte[3_000_000];
            new Random(4).nextBytes(video);
            Path clip = Files.write(temp.resolve("clip.mp4"), video);
            Path photo = temp.resolve("photo.png");
            ImageIO.write(new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());

            Cli.Run sent = Cli.arcaAs(laptop, "", "send", clip.toString(), "--to", "phone", "--json");
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            Cli.Run fitted = Cli.arcaAs(laptop, "", "send", photo.toString(), "--to", "phone", "--fit", "100");
            assertThat(fitted.exitCode()).as(fitted.err()).isZero();
            assertThat(Cli.arcaAs(laptop, "", "send", clip.toString(), "--to", "toaster").exitCode()).isEqualTo(2);

            Path inbox = Files.createDirectories(temp.resolve("inbox"));
            Files.writeString(inbox.resolve("clip.mp4"), "already here");
            Cli.Run received = Cli.arcaAs(phone, "", "receive", "--to", inbox.toString(), "--json");
            assertThat(received.exitCode()).as(received.err()).isZero();
            JsonNode files = ServerApi.JSON.readTree(received.out());
            assertThat(files).hasSize(2);
            assertThat(Files.readAllBytes(inbox.resolve("clip (2).mp4"))).isEqualTo(video);
            assertThat(Files.readString(inbox.resolve("clip.mp4"))).isEqualTo("already here");
            BufferedImage small = ImageIO.read(inbox.resolve("photo.jpg").toFile());
            assertThat(small.getWidth()).isEqualTo(100);
            assertThat(small.getHeight()).isEqualTo(50);

            Cli.Run again = Cli.arcaAs(phone, "", "receive", "--to", inbox.toString());
            assertThat(again.out()).contains("Nothing waiting");
            try (var listed = Files.list(inbox)) {
                assertThat(listed.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".arca-tmp"))).isEmpty();
            }
        }
    }
}
