package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class OriginalsExportTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private record Entry(int method, byte[] bytes) {}

    private static Map<String, Entry> unzip(byte[] zip) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), new Entry(e.getMethod(), in.readAllBytes()));
            }
        }
        return entries;
    }

    @Test
    @DisplayName("I.2i the originals download holds every version of every item byte for byte, stored, with its sidecar")
    void originalsAreTheUploadedFiles() throws IOException {
        String token = Users.signedIn(server(), Users.newEmail());
        // Several chunks, so the file is read back in pieces.
        byte[] first = Content.random(3_000_000, System.nanoTime());
        byte[] second = Content.random(1_000, System.nanoTime());
        String id = Content.upload(server(), token, "beach photo.bin", first).path("id").asString();
        server().http().patch("/api/v1/items/" + id, Map.of("title", "Evening at the beach", "tags", List.of("sea")),
                token);
        Map<String, byte[]> file = new LinkedHashMap<>();
        file.put("beach photo, edited.bin", second);
        assertThat(Content.post(server(), "/api/v1/items/" + id + "/versions", token, Content.multipart(file)).status())
                .isEqualTo(201);
        String empty = Content.upload(server(), token, "empty.txt", new byte[0]).path("id").asString();
        String others = Content.upload(server(), Users.signedIn(server(), Users.newEmail()), "theirs.bin",
                Content.random(100, System.nanoTime())).path("id").asString();

        Http.Response download = server().http().get("/api/v1/me/export/originals", token);

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("attachment"));
        Map<String, Entry> entries = unzip(download.bytes());
        Entry current = entries.get("originals/" + id + "-beach photo, edited.bin");
        Entry earlier = entries.get("originals/" + id + "-v1-beach photo.bin");
        assertThat(current).as("current version, in " + entries.keySet()).isNotNull();
        assertThat(current.bytes()).isEqualTo(second);
        assertThat(current.method()).as("media are stored, not compressed").isEqualTo(ZipEntry.STORED);
        assertThat(earlier).as("earlier version, in " + entries.keySet()).isNotNull();
        assertThat(earlier.bytes()).isEqualTo(first);
        assertThat(earlier.method()).isEqualTo(ZipEntry.STORED);
        assertThat(new String(entries.get("originals/" + id + "-beach photo, edited.bin.xmp").bytes(),
                StandardCharsets.UTF_8)).contains("Evening at the beach").contains("sea");
        assertThat(entries.get("originals/" + empty + "-empty.txt").bytes()).isEmpty();
        assertThat(entries).containsKey("README.txt");
        assertThat(entries.keySet()).as("another account's items").noneMatch(name -> name.contains(others));
    }

    @Test
    @DisplayName("I.2i the account page and the privacy center offer the originals, and the link works in a web session")
    void pagesOfferTheDownload() throws Exception {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        byte[] bytes = Content.random(2_000, System.nanoTime());
        String id = Content.upload(server(), token, "song.flac", bytes).path("id").asString();
        java.net.http.HttpClient browser = Users.webSession(server(), email, Users.PASSWORD, null);

        for (String page : List.of("/account", "/account/privacy")) {
            String html = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server().baseUrl + page))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(html).as(page).contains("href=\"/api/v1/me/export/originals\"");
        }
        var download = browser.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server().baseUrl + "/api/v1/me/export/originals")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(unzip(download.body()).get("originals/" + id + "-song.flac").bytes()).isEqualTo(bytes);
    }

    @Test
    @DisplayName("I.2i an entry is named by the item id and one plain file name, never a path")
    void entryNamesAreSafe() {
        assertThat(OriginalsExport.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(OriginalsExport.safeName("C:\\Users\\ada\\..\\Urlaub: Strand?.jpg")).isEqualTo("Urlaub_ Strand_.jpg");
        assertThat(OriginalsExport.safeName("..")).isEqualTo("file");
        assertThat(OriginalsExport.safeName("Photo (1), edited+.jpg")).isEqualTo("Photo (1), edited+.jpg");
        assertThat(OriginalsExport.safeName(".hidden")).isEqualTo("hidden");
        assertThat(OriginalsExport.safeName(null)).isEqualTo("file");
        assertThat(OriginalsExport.safeName("Fête d'été.heic")).isEqualTo("Fête d_été.heic");
        assertThat(OriginalsExport.safeName("x".repeat(300) + ".jpeg")).hasSize(120).endsWith(".jpeg");
        assertThat(OriginalsExport.safeName("a\u0000b\nc.jpg")).isEqualTo("a_b_c.jpg");
    }
}
