package dev.arca.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.privacy.ConsentLedger;
import dev.arca.privacy.Decision;
import dev.arca.privacy.Mechanism;
import dev.arca.privacy.NoticeShown;
import dev.arca.privacy.PolicyVersions;
import dev.arca.privacy.Origin;
import dev.arca.privacy.Purpose;
import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The site's own analytics count only visitors who opted in, keep nothing that identifies them, and show only aggregates. */
class AnalyticsTest {

    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36";
    private static final String VIEW = "{\"path\":\"/s/Zx81-secret-token_value/items?x=1\",\"referrer\":"
            + "\"https://news.example/article?who=ada\",\"durationMs\":4200,\"language\":\"de-AT\"}";

    private final HttpClient anonymous = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeEach
    void clean() {
        server = TestServer.on(Db.SQLITE);
        server.jdbc().sql("DELETE FROM analytics_hits").update();
    }

    private int view(HttpClient client, String cookie, Map<String, String> headers, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl + "/analytics/view"))
                .header("Content-Type", "application/json").header("User-Agent", CHROME)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            request.header("Cookie", "arca_cookies=" + cookie);
        }
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private long hits() {
        return server.jdbc().sql("SELECT COUNT(*) FROM analytics_hits").query(Long.class).single();
    }

    @Test
    @DisplayName("II.6 a view counts only after the visitor opted in, and never with Do Not Track or Global Privacy Control")
    void onlyWithOptIn() throws Exception {
        assertThat(view(anonymous, null, Map.of(), VIEW)).isEqualTo(204);
        assertThat(view(anonymous, Users.cookieValue(server, "p1a0"), Map.of(), VIEW)).isEqualTo(204);
        assertThat(view(anonymous, Users.cookieValue(server, "p0a1"), Map.of("DNT", "1"), VIEW)).isEqualTo(204);
        assertThat(view(anonymous, Users.cookieValue(server, "p0a1"), Map.of("Sec-GPC", "1"), VIEW)).isEqualTo(204);
        assertThat(hits()).as("nothing without the opt-in, or with DNT/GPC").isZero();
        assertThat(view(anonymous, Users.cookieValue(server, "p0a1"), Map.of(), VIEW)).isEqualTo(204);
        assertThat(hits()).isEqualTo(1);
    }

    @Test
    @DisplayName("II.2d a view keeps the page's shape, the referring site, the browser family, the language and a truncated address, nothing else")
    void keepsNothingIdentifying() throws Exception {
        view(anonymous, Users.cookieValue(server, "p0a1"), Map.of(), VIEW);
        Map<String, Object> row = server.jdbc().sql("SELECT path, referrer_domain, duration_ms, browser, language, "
                + "ip_prefix FROM analytics_hits").query().singleRow();
        assertThat(row).containsEntry("path", "/s/*/items").containsEntry("referrer_domain", "news.example")
                .containsEntry("browser", "Chrome").containsEntry("language", "de")
                .containsEntry("ip_prefix", "127.0.0.0/24");
        assertThat(((Number) row.get("duration_ms")).longValue()).isEqualTo(4200);
        assertThat(row.values().toString()).doesNotContain("secret").doesNotContain("ada").doesNotContain("127.0.0.1");
        assertThat(server.jdbc().sql("SELECT * FROM analytics_hits").query().singleRow().keySet())
                .as("no time finer than the day").noneMatch(c -> c.toLowerCase(java.util.Locale.ROOT).contains("_at"));
    }

    @Test
    @DisplayName("II.6 a signed-in account's view has no account in it; after it withdraws the consent it is not counted")
    void signedInViewsAreAnonymousAndFollowTheAccount() throws Exception {
        String email = Users.newEmail();
        Users.register(server, email);
        String account = Users.accountId(server, email);
        HttpClient browser = Users.webSession(server, email, Users.PASSWORD, "p0a1");
        server.bean(ConsentLedger.class).record(account, Purpose.ANALYTICS_COOKIES, Decision.GRANT, Mechanism.TOGGLE,
                Origin.WEB, "subject", NoticeShown.of(server.bean(PolicyVersions.class).current(),
                        Purpose.ANALYTICS_COOKIES));
        view(browser, null, Map.of(), VIEW);
        assertThat(hits()).isEqualTo(1);
        assertThat(server.jdbc().sql("SELECT * FROM analytics_hits").query().singleRow().values().toString())
                .doesNotContain(account).doesNotContain(email);

        server.bean(ConsentLedger.class).record(account, Purpose.ANALYTICS_COOKIES, Decision.WITHDRAW, Mechanism.TOGGLE,
                Origin.WEB, "subject", null);
        view(browser, null, Map.of(), VIEW);
        assertThat(hits()).as("the browser still says yes; the account said no").isEqualTo(1);
    }

    @Test
    @DisplayName("II.6 the dashboard shows aggregates only, with groups under five views suppressed")
    void dashboardSuppressesSmallCounts() throws Exception {
        for (int i = 0; i < 6; i++) {
            view(anonymous, Users.cookieValue(server, "p0a1"), Map.of(), "{\"path\":\"/library\",\"durationMs\":1000}");
        }
        for (int i = 0; i < 2; i++) {
            view(anonymous, Users.cookieValue(server, "p0a1"), Map.of(), "{\"path\":\"/privacy\",\"referrer\":\"https://rare.example/\"}");
        }
        PageViews.Report report = server.bean(PageViews.class).report(30);
        assertThat(report.views()).isEqualTo(8);
        assertThat(report.pages()).containsExactly(new PageViews.Count("/library", 6L), new PageViews.Count(null, null));
        assertThat(report.referrers()).containsExactly(new PageViews.Count(null, null));

        HttpClient admin = Users.webSession(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD, null);
        String page = admin.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/admin/analytics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<td>/library</td>").doesNotContain("<td>/privacy</td>").doesNotContain("rare.example");
    }

    @Test
    @DisplayName("II.6 views older than fourteen days are deleted")
    void oldViewsAreDeleted() throws Exception {
        view(anonymous, Users.cookieValue(server, "p0a1"), Map.of(), VIEW);
        view(anonymous, Users.cookieValue(server, "p0a1"), Map.of(), VIEW);
        java.time.LocalDate today = java.time.LocalDate.now(Clock.systemUTC());
        server.jdbc().sql("UPDATE analytics_hits SET day = ? WHERE id = (SELECT MIN(id) FROM analytics_hits)")
                .param(today.minusDays(PageViews.KEEP.toDays() + 1).toString()).update();
        server.bean(PageViews.class).forgetOld();
        assertThat(hits()).as("the one older than 14 days went").isEqualTo(1);
    }
}
