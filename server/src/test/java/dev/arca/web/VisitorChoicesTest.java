package dev.arca.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.limits.RateLimits;
import dev.arca.platform.IpAddresses;
import dev.arca.support.Db;
import dev.arca.support.TestServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VisitorChoicesTest {

    private final TestServer server = TestServer.on(Db.SQLITE);

    private int visitorEntries() {
        return server.jdbc().sql("SELECT COUNT(*) FROM consent_events WHERE subject_id LIKE 'visitor:%'")
                .query(Integer.class).single();
    }

    private int refuse(HttpClient browser) throws Exception {
        return choose(browser, "refuse");
    }

    /** Chooses "refuse" or "accept" on the cookie page as an anonymous browser does; returns the status. */
    private int choose(HttpClient browser, String action) throws Exception {
        String page = browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/cookies")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        Matcher version = Pattern.compile("name=\"policyVersion\" value=\"(\\d+)\"").matcher(page);
        assertThat(csrf.find() && version.find()).as("the cookie form").isTrue();
        String form = "action=" + action + "&policyVersion=" + version.group(1) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/cookies"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    @DisplayName("I.2a a visitor's cookie choice is recorded in the ledger, but a network cannot flood the append-only ledger; refusing stays possible")
    void visitorChoicesAreLimitedPerNetwork() throws Exception {
        int max = Integer.parseInt(server.context.getEnvironment()
                .getProperty("arca.privacy.visitor-choices-per-network", "60"));
        RateLimits limits = server.bean(RateLimits.class);
        RateLimits.Limit limit = WebPages.visitorChoiceLimit(max);
        String network = IpAddresses.truncate("127.0.0.1");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            int before = visitorEntries();
            assertThat(refuse(browser)).isEqualTo(302);
            assertThat(visitorEntries()).as("both purposes recorded").isEqualTo(before + 2);

            while (limits.hits(limit, network) < max) {
                limits.hit(limit, network);
            }
            int full = visitorEntries();
            assertThat(choose(browser, "accept")).isEqualTo(429);
            assertThat(visitorEntries()).as("nothing recorded over the limit").isEqualTo(full);
            // Refusing is never harder than accepting: over the limit it is still remembered, unrecorded.
            HttpClient other = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            assertThat(refuse(other)).isEqualTo(302);
            assertThat(visitorEntries()).isEqualTo(full);
            assertThat(other.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).doesNotContain("id=\"cookie-banner\"");
        } finally {
            limits.clear(limit, network);
        }
    }

    private String home(HttpClient browser) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @DisplayName("I.2a III a visitor's choice is recorded under a random id with the policy version, and a changed cookie notice asks again")
    void changedCookieNoticeAsksAgain() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        assertThat(home(browser)).contains("id=\"cookie-banner\"");
        int version = server.bean(dev.arca.privacy.PolicyVersions.class).current().version();
        assertThat(refuse(browser)).isEqualTo(302);
        assertThat(home(browser)).as("answered").doesNotContain("id=\"cookie-banner\"");
        String visitor = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("arca_cookies")).findFirst().orElseThrow().getValue();
        String subject = "visitor:" + visitor.substring(visitor.lastIndexOf('.') + 1);
        assertThat(server.jdbc().sql("SELECT policy_version FROM consent_events WHERE subject_id = ? AND purpose = "
                + "'ANALYTICS_COOKIES'").param(subject).query(Integer.class).list()).containsExactly(version);

        dev.arca.support.Policies.publishNotice(server, "Analytics cookies now also count downloads.",
                dev.arca.privacy.Purpose.ANALYTICS_COOKIES, "Count my page views and downloads " + System.nanoTime());

        assertThat(home(browser)).as("asked again under the new notice").contains("id=\"cookie-banner\"");
    }
}
