package dev.arca.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Browsers;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Real Chromium against a running server: what a person sees and which cookies their browser holds. */
class BrowserTest {

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        profile = Files.createTempDirectory("arca-chromium");
        browser = Browsers.open(profile, Files.createDirectories(profile.resolve("downloads")));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private Set<String> cookieNames() {
        return browser.manage().getCookies().stream().map(Cookie::getName).collect(Collectors.toSet());
    }

    private void screenshot(String name) throws Exception {
        Browsers.screenshot(browser, name);
    }

    @Test
    @DisplayName("I.2e uploaded video and audio play and seek in the browser")
    void videoAndAudioPlayAndSeek() throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        String email = Users.newEmail();
        String token = Users.signedIn(server, email);
        String video = Content.upload(server, token, "clip.webm", Content.resource("/media/clip.webm")).path("id").asString();
        String song = Content.upload(server, token, "song.ogg", Content.resource("/media/song.ogg")).path("id").asString();

        Browsers.signIn(browser, server.baseUrl, email, Users.PASSWORD);

        for (String id : List.of(video, song)) {
            browser.get(server.baseUrl + "/library/items/" + id);
            // Wait for the media's metadata, seek to 1.5 s and report where the player stands.
            Object state = ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const player = document.getElementById('player');
                    const report = () => done([player.duration, player.currentTime, player.readyState,
                        player.error ? player.error.code : 0]);
                    const seek = () => { player.addEventListener('seeked', report, {once: true}); player.currentTime = 1.5; };
                    player.error ? report() : player.readyState >= 1 ? seek()
                        : player.addEventListener('loadedmetadata', seek, {once: true});
                    player.addEventListener('error', report, {once: true});
                    """);
            List<?> values = (List<?>) state;
            assertThat(((Number) values.get(3)).intValue()).as("no media error for " + id).isZero();
            assertThat(((Number) values.get(0)).doubleValue()).as("duration").isBetween(1.8, 2.3);
            assertThat(((Number) values.get(1)).doubleValue()).as("position after seeking").isBetween(1.4, 1.6);
            assertThat(((Number) values.get(2)).intValue()).as("ready state").isGreaterThanOrEqualTo(1);
        }
        screenshot("item-audio");
    }

    @Test
    @DisplayName("I.2e the library grid shows thumbnails by day, loads older items on scrolling, and fits a phone")
    void libraryGrid() throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        String email = Users.newEmail();
        String token = Users.signedIn(server, email);
        byte[] photo = Content.resource("/media/photo.jpg");
        for (int i = 0; i < 65; i++) {
            Content.upload(server, token, "photo-" + i + ".jpg", photo);
        }
        Content.awaitExtraction(server, email);
        Browsers.signIn(browser, server.baseUrl, email, Users.PASSWORD);

        browser.findElement(By.id("nav-library")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector(".tile")).size() >= 60);
        assertThat(browser.findElements(By.cssSelector(".day h2"))).isNotEmpty();
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, document.body.scrollHeight)");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector(".tile")).size() == 65);
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const i = document.querySelector('.tile img'); return i.complete && i.naturalWidth > 0;"));
        screenshot("library");

        // Delete one, find it in the trash, restore it.
        String item = Content.upload(server, token, "to-restore.jpg", photo).path("id").asString();
        server.http().delete("/api/v1/items/" + item, null, token);
        browser.findElement(By.id("nav-trash")).click();
        browser.findElement(By.cssSelector("#trashed-" + item + " .restore")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(By.id("trashed-" + item)).isEmpty());
        assertThat(server.http().get("/api/v1/items/" + item, token).json().path("trashedAt").isNull()).isTrue();

        browser.get(server.baseUrl + "/library");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        try {
            Number width = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth;");
            assertThat(width.intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(360);
            screenshot("library-phone");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    @DisplayName("II.7 I.2a sign up with choices, verify through the outbox, sign in; only the session cookie before the cookie choice")
    void signUpVerifySignIn() throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        String email = Users.newEmail();

        browser.get(server.baseUrl + "/signup");
        screenshot("signup");
        assertThat(browser.findElement(By.id("cookie-banner")).isDisplayed()).isTrue();
        assertThat(cookieNames()).as("nothing but the session cookie before a choice").isSubsetOf(Set.of("arca_session"));
        for (var box : browser.findElements(By.cssSelector("input[name=consents]"))) {
            assertThat(box.isSelected()).as("nothing optional is pre-selected").isFalse();
        }
        Browsers.fillSignUp(browser, "Grace Browser", email, "NL");
        browser.findElement(By.id("signup-submit")).click();
        // The form's page stays until the answer arrives: wait for the new page's heading.
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.tagName("h1"), "Check your mailbox"));
        assertThat(cookieNames()).isSubsetOf(Set.of("arca_session"));

        browser.get(server.mailbox.latestLink(email, "/verify?token="));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Address verified");

        Browsers.signIn(browser, server.baseUrl, email, Users.PASSWORD);
        browser.get(server.baseUrl + "/account");
        assertThat(browser.findElement(By.id("verified")).getText()).contains("verified");
        assertThat(browser.findElement(By.id("consent-NEWSLETTER")).getText()).contains("Given");
        assertThat(cookieNames()).isSubsetOf(Set.of("arca_session"));
        screenshot("account");

        browser.findElement(By.id("cookies-refuse")).click();
        // The choice is set by the answer to the form; wait for the page it leads to.
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> cookieNames().contains("arca_cookies"));
        assertThat(browser.manage().getCookieNamed("arca_cookies").getValue()).startsWith("p0a0.v");
        assertThat(browser.findElements(By.id("cookie-banner"))).isEmpty();
        assertThat(browser.findElement(By.id("consent-ANALYTICS_COOKIES")).getText()).contains("Not given");
    }

    @Test
    @DisplayName("II.7 the site keeps working with every optional cookie refused")
    void pagesWorkWithOptionalCookiesRefused() {
        TestServer server = TestServer.on(Db.SQLITE);
        browser.get(server.baseUrl + "/");
        browser.findElement(By.id("cookies-refuse")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> cookieNames().contains("arca_cookies"));
        for (String path : new String[] {"/", "/privacy", "/login", "/signup", "/cookies"}) {
            browser.get(server.baseUrl + path);
            assertThat(browser.findElement(By.tagName("h1")).getText()).as(path).isNotBlank();
            assertThat(browser.findElements(By.id("cookie-banner"))).as(path).isEmpty();
        }
        assertThat(cookieNames()).isSubsetOf(Set.of("arca_session", "arca_cookies"));
    }

    @Test
    @DisplayName("I.5 the operator's pages work in the browser, on a computer and on a phone")
    void adminPages() throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        Browsers.signIn(browser, server.baseUrl, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.findElement(By.id("nav-admin")).click();
        List<String> pages = List.of("users", "storage", "corrections", "mail", "newsletter", "analytics",
                "processors", "disclosures", "records", "access-log", "roles");
        assertThat(browser.findElements(By.cssSelector("#admin-pages a"))).as("the first administrator holds every role")
                .hasSize(pages.size());
        for (String width : List.of("desktop", "phone")) {
            if (width.equals("phone")) {
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
            }
            for (String page : pages) {
                browser.get(server.baseUrl + "/admin/" + page);
                assertThat(browser.findElement(By.tagName("h1")).getText()).as(page).isNotBlank();
                Browsers.assertFitsAndIsOwn((JavascriptExecutor) browser, server.baseUrl, "/admin/" + page);
                screenshot("admin-" + page + (width.equals("phone") ? "-phone" : ""));
            }
        }
    }
}
