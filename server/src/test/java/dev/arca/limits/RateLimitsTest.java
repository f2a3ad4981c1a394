package dev.arca.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Limits hold under parallel requests, and mail cannot be used to flood an address. */
@ParameterizedClass
@EnumSource(Db.class)
class RateLimitsTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    @Test
    @DisplayName("I.5 parallel wrong passwords get no more tries than sequential ones")
    void parallelSignInsStayWithinTheLimit() throws Exception {
        String email = Users.newEmail();
        Users.register(server(), email);

        List<Integer> statuses = parallel(20, () -> server().http().post("/api/v1/tokens",
                Map.of("email", email, "password", "wrong password"), null).status());

        assertThat(statuses).filteredOn(s -> s == 401).as(statuses.toString()).hasSizeLessThanOrEqualTo(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    @DisplayName("I.5 parallel guesses at a share's password get no more tries than the limit")
    void parallelSharePasswordGuessesStayWithinTheLimit() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        String item = dev.arca.support.Content.upload(server(), token, "photo.bin",
                dev.arca.support.Content.random(100, System.nanoTime())).path("id").asString();
        Http.Response share = server().http().post("/api/v1/shares",
                Map.of("itemIds", List.of(item), "password", "open sesame"), token);
        String link = java.net.URI.create(share.json().path("url").asString()).getPath().substring(3);

        List<Integer> statuses = parallel(20, () -> dev.arca.support.Content.get(server(),
                "/api/v1/public/shares/" + link, null, Map.of("Arca-Share-Password", "wrong")).status());

        assertThat(statuses).filteredOn(s -> s == 401).as(statuses.toString()).hasSizeLessThanOrEqualTo(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    @DisplayName("I.5 anonymous requests cannot flood one address with mail; the answer does not tell accounts apart")
    void mailPerRecipientIsLimited() {
        String known = Users.newEmail();
        Users.register(server(), known);
        Users.verify(server(), known);
        String unknown = Users.newEmail();
        int known429 = 0;
        int unknown429 = 0;
        for (int i = 0; i < 12; i++) {
            Http.Response a = server().http().post("/api/v1/password-resets", Map.of("email", known), null);
            Http.Response b = server().http().post("/api/v1/password-resets", Map.of("email", unknown), null);
            known429 += a.status() == 429 ? 1 : 0;
            unknown429 += b.status() == 429 ? 1 : 0;
            if (a.status() == 429) {
                assertThat(a.headers().firstValue("Retry-After")).isPresent();
                assertThat(a.json().path("type").asString()).isEqualTo("urn:arca:problem:rate-limited");
            }
        }
        // Ten per hour for each address: the registration mail counted once for the known one.
        assertThat(known429).isEqualTo(3);
        assertThat(unknown429).isEqualTo(2);
        assertThat(server().http().post("/api/v1/accounts", Users.registration(unknown), null).status())
                .as("registering counts too").isEqualTo(429);
    }

    @Test
    @DisplayName("I.5 a signed-in user cannot send mail without limit")
    void mailPerSenderIsLimited() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        int refused = 0;
        for (int i = 0; i < 62; i++) {
            int status = server().http().patch("/api/v1/me",
                    Map.of("email", Users.newEmail(), "currentPassword", Users.PASSWORD), token).status();
            refused += status == 429 ? 1 : 0;
        }
        // Sixty per hour for each sending account.
        assertThat(refused).isEqualTo(2);
    }

    @Test
    @DisplayName("I.5 sharing by mail is limited per sender, whether or not the addresses have accounts")
    void shareMailIsLimited() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        Users.verify(server(), email);
        String item = dev.arca.support.Content.upload(server(), token, "photo.bin",
                dev.arca.support.Content.random(100, System.nanoTime())).path("id").asString();
        String share = server().http().post("/api/v1/shares", Map.of("itemIds", List.of(item)), token).json()
                .path("id").asString();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 65; i++) {
            String path = i % 2 == 0 ? "/members" : "/recipients";
            Object body = i % 2 == 0 ? Map.of("email", Users.newEmail()) : Map.of("emails", List.of(Users.newEmail()));
            int status = server().http().post("/api/v1/shares/" + share + path, body, token).status();
            accepted += status / 100 == 2 ? 1 : 0;
            refused += status == 429 ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(60);
        assertThat(refused).isEqualTo(5);
        assertThat(server().http().post("/api/v1/invitations", Map.of("email", Users.newEmail()), token).status())
                .isEqualTo(429);
    }

    private static <T> List<T> parallel(int n, Callable<T> call) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
