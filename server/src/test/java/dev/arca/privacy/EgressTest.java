package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.arca.storage.BlobStore;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.Processors;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The egress gate on a server that mails through a real SMTP relay (GreenMail) and stores content
 * in a real bucket (s3proxy), both on loopback: neither is used unless registered, each message
 * and object written leaves a transfer record that names the person by pseudonym and holds no
 * contents, the person sees their transfers, and a suspended processor receives nothing more.
 */
@ParameterizedClass
@EnumSource(Db.class)
class EgressTest {

    private static final String ACCESS_KEY = "arca-egress-access";
    private static final String SECRET_KEY = "arca-egress-secret-0123456789";
    private static final String BUCKET = "arca-egress";

    @Parameter
    Db db;

    private GreenMail smtp;
    private S3Proxy s3;
    private String relay;
    private String bucket;

    @BeforeEach
    void startServices() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        relay = "127.0.0.1:" + smtp.getSmtp().getPort();
        s3 = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        s3.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(s3.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        bucket = "127.0.0.1:" + s3.getPort();
        try (S3Client client = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create("http://" + bucket)).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build()) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @AfterEach
    void stopServices() throws Exception {
        smtp.stop();
        s3.stop();
    }

    private List<String> services() {
        return new ArrayList<>(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--arca.storage.type=s3", "--arca.storage.s3.endpoint=http://" + bucket,
                "--arca.storage.s3.region=us-east-1", "--arca.storage.s3.bucket=" + BUCKET,
                "--arca.storage.s3.access-key=" + ACCESS_KEY, "--arca.storage.s3.secret-key=" + SECRET_KEY));
    }

    @Test
    @DisplayName("a relay and a bucket that are not registered processors stop the server, which says what to register")
    void unregisteredDestinationsAreRefusedAtStartUp() {
        List<String> args = services();
        // The bucket is registered, the relay is not.
        args.addAll(Processors.asArguments(0, Processors.bucket(bucket)));
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> TestServer.fresh(db, args));
        while (refused != null && refused.getCause() != null) {
            refused = refused.getCause();
        }
        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The SMTP relay at " + relay + " is not a registered processor")
                .hasMessageContaining("arca.processors[n].name, .service=SMTP, .destination=" + relay)
                .hasMessageNotContaining("S3 storage service");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("each mail and each object written is recorded without contents, the person sees it, and suspension stops it")
    void transfersAreRecordedAndShownAndStopWithTheProcessor() throws Exception {
        List<String> args = services();
        args.addAll(Processors.asArguments(0, Processors.relay(relay)));
        args.addAll(Processors.asArguments(1, Processors.bucket(bucket)));
        TestServer server = TestServer.fresh(db, args);
        try {
            assertThat(server.bean(BlobStore.class).getClass().getSimpleName()).isEqualTo("S3BlobStore");
            String email = Users.newEmail();
            String token = Users.signedIn(server, email);
            String accountId = Users.accountId(server, email);
            assertThat(smtp.waitForIncomingEmail(5_000, 1)).as("the verification mail went through the relay").isTrue();

            byte[] photo = ("holiday photo " + email).getBytes();
            assertThat(Content.post(server, "/api/v1/items", token, Content.multipart(Map.of("beach.jpg", photo)))
                    .status()).isEqualTo(201);

            List<Map<String, Object>> rows = server.jdbc().sql("SELECT t.* FROM processor_transfers t "
                    + "JOIN processors p ON p.id = t.processor_id ORDER BY t.occurred_at").query().listOfRows();
            assertThat(rows).extracting(r -> r.get("purpose")).contains("ACCOUNT", "CONTENT_STORAGE");
            for (Map<String, Object> row : rows) {
                assertThat(((Number) row.get("bytes")).longValue()).isPositive();
                assertThat(row.values()).as("no id, address or content in a transfer record")
                        .noneMatch(v -> v != null && (v.toString().contains(accountId) || v.toString().contains(email)
                                || v.toString().contains("holiday photo")));
            }

            Http.Response mine = server.http().get("/api/v1/me/transfers", token);
            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.json().findValuesAsString("processor"))
                    .contains("Relay " + relay, "Bucket " + bucket);
            assertThat(mine.json().findValuesAsString("purpose")).contains("ACCOUNT", "CONTENT_STORAGE");
            java.util.Map<String, byte[]> export = new java.util.TreeMap<>();
            try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(
                    server.http().get("/api/v1/me/export", token).bytes()))) {
                for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    export.put(e.getName(), zip.readAllBytes());
                }
            }
            assertThat(new String(export.get("transfers/summary.json"), java.nio.charset.StandardCharsets.UTF_8))
                    .as("the export says who received what, and when").contains("Relay " + relay).contains("CONTENT_STORAGE");
            assertThat(Http.JSON.readTree(export.get("data/processor_transfers.json")).size()).isEqualTo(
                    server.jdbc().sql("SELECT COUNT(*) FROM processor_transfers WHERE subject = ?")
                            .param(rows.stream().filter(r -> "ACCOUNT".equals(r.get("purpose"))).findFirst().orElseThrow()
                                    .get("subject")).query(Integer.class).single());
            JsonNode policy = server.http().get("/api/v1/policy", null).json();
            assertThat(policy.path("processors").findValuesAsString("name")).contains("Relay " + relay, "Bucket " + bucket);
            assertThat(policy.path("processors").findValues("destination")).as("the public list names no destination")
                    .isEmpty();
            assertThat(policy.path("processors").toString()).doesNotContain("DPA-2026");
            assertThat(policy.path("dataMap").findParents("field").stream()
                    .filter(f -> f.path("table").asString().equals("accounts") && f.path("field").asString().equals("email"))
                    .findFirst().orElseThrow().path("processors").asString()).contains("Relay " + relay);
            String other = Users.signedIn(server, Users.newEmail());
            assertThat(server.http().get("/api/v1/me/transfers", other).json().findValuesAsString("purpose"))
                    .as("another person sees only their own").containsOnly("ACCOUNT");

            // The operator suspends the relay: the next message is kept back, not sent.
            String admin = Users.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
            Http.Response list = server.http().get("/api/v1/admin/processors", admin);
            String relayId = list.json().findParents("service").stream()
                    .filter(p -> p.path("service").asString().equals("SMTP")).findFirst().orElseThrow()
                    .path("id").asString();
            Map<String, Object> suspended = new java.util.HashMap<>(Map.of("name", "Relay " + relay, "service", "SMTP",
                    "destination", relay, "contractReference", "DPA-2026-" + relay.hashCode(),
                    "contractDate", "2026-01-15", "country", "DE", "adequacy", "EEA",
                    "purposes", Processors.MAIL_PURPOSES, "categories", Processors.MAIL_CATEGORIES));
            suspended.put("status", "SUSPENDED");
            assertThat(server.http().send("PUT", "/api/v1/admin/processors/" + relayId, suspended, admin).status())
                    .isEqualTo(200);
            int received = smtp.getReceivedMessages().length;
            Users.register(server, Users.newEmail());
            assertThat(smtp.getReceivedMessages()).hasSize(received);
            assertThat(server.jdbc().sql("SELECT last_error FROM mail_queue").query(String.class).list())
                    .contains("UnregisteredProcessorException");
        } finally {
            server.stop();
        }
    }
}
