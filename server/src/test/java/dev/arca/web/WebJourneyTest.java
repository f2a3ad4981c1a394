package dev.arca.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.media.Extraction;
import dev.arca.media.MediaTypes;
import dev.arca.media.MetadataExtractor;
import dev.arca.support.Browsers;
import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * One person's whole way through the web app in Chromium, from signing up to deleting the
 * account, with a second, fresh browser opening what they shared. Writes screenshots of the
 * main pages, desktop and phone, to {@code target/screenshots/}.
 */
class WebJourneyTest {

    private ChromeDriver browser;
    private ChromeDriver stranger;

    @AfterEach
    void close() {
        for (ChromeDriver b : new ChromeDriver[] {browser, stranger}) {
            if (b != null) {
                b.quit();
            }
        }
    }

    @Test
    @DisplayName("I.1 I.2e II.7 the web app from sign-up to deletion: upload with resume, edit, album, share, trash, export, consent, phone")
    void fromSignUpToDeletion() throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        Path work = Files.createTempDirectory("arca-journey");
        Path downloads = Files.createDirectories(work.resolve("downloads"));
        browser = Browsers.open(work.resolve("profile"), downloads);
        String email = Users.newEmail();

        // Sign up with a choice, before any cookie choice: only the session cookie.
        browser.get(server.baseUrl + "/signup");
        assertThat(cookies(browser)).isSubsetOf(Set.of("arca_session"));
        Browsers.fillSignUp(browser, "Ada Journey", email, "DE");
        browser.findElement(By.id("signup-submit")).click();
        wait(browser, 10).until(d -> d.findElements(By.id("signup-submit")).isEmpty());
        browser.get(server.mailbox.latestLink(email, "/verify?token="));
        Browsers.signIn(browser, server.baseUrl, email, Users.PASSWORD);
        assertThat(cookies(browser)).isSubsetOf(Set.of("arca_session"));
        assertThat(browser.findElements(By.cssSelector("script[src='/js/analytics.js']"))).as("no analytics before a choice").isEmpty();
        browser.findElement(By.id("cookies-accept")).click();
        wait(browser, 10).until(d -> cookies(browser).contains("arca_cookies"));
        assertThat(browser.findElements(By.cssSelector("script[src='/js/analytics.js']"))).as("analytics after opting in").isNotEmpty();
        String token = Users.token(server, email, Users.PASSWORD);

        // Upload three files; the large one loses its connection half-way and resumes.
        Path photo = copy(work, "photo.jpg");
        Path clip = copy(work, "clip.webm");
        Path large = work.resolve("large.jpg");
        byte[] padding = new byte[20 * 1024 * 1024];
        new java.util.Random(7).nextBytes(padding);
        Files.write(large, concat(resource("photo.jpg"), padding));
        browser.get(server.baseUrl + "/library/upload");
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setUploadThroughput(6 * 1024 * 1024);
        slow.setDownloadThroughput(50 * 1024 * 1024);
        slow.setLatency(Duration.ofMillis(5));
        browser.setNetworkConditions(slow);
        browser.findElement(By.id("files")).sendKeys(large + "\n" + photo + "\n" + clip);
        wait(browser, 60).until(d -> progress(0) > 9 * 1024 * 1024);
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.setNetworkConditions(offline);
        wait(browser, 30).until(d -> browser.findElements(By.cssSelector(".queue .upload .state")).getFirst().getText()
                .contains("Connection lost"));
        browser.deleteNetworkConditions();
        wait(browser, 120).until(d -> browser.findElements(By.cssSelector(".queue .upload.done")).size() == 3);
        Browsers.screenshot(browser, "upload");
        String largeId = browser.findElements(By.cssSelector(".queue .upload")).getFirst().getDomAttribute("data-item-id");
        JsonNode largeItem = server.http().get("/api/v1/items/" + largeId, token).json();
        assertThat(largeItem.path("sha256").asString()).isEqualTo(sha256(Files.readAllBytes(large)));
        assertThat(largeItem.path("size").asLong()).isEqualTo(Files.size(large));

        // Leaving the library reported one view of it, with nothing that names the account.
        wait(browser, 10).until(d -> server.jdbc().sql("SELECT COUNT(*) FROM analytics_hits WHERE path = '/library'")
                .query(Integer.class).single() > 0);

        // Thumbnails appear in the grid.
        browser.get(server.baseUrl + "/library");
        wait(browser, 60).until(d -> {
            d.navigate().refresh();
            return (Boolean) ((JavascriptExecutor) d).executeScript("const t = [...document.querySelectorAll('.tile img')];"
                    + "return t.length === 3 && t.every(i => i.complete && i.naturalWidth > 0);");
        });
        Browsers.screenshot(browser, "library");

        // Open the photo; the keyboard moves to its neighbours and back to the library.
        String photoId = idOf(server, token, "photo.jpg");
        browser.get(server.baseUrl + "/library/items/" + photoId);
        assertThat(browser.findElement(By.id("facts")).getText()).contains("Camera").contains("Place");
        String before = browser.getCurrentUrl();
        browser.findElement(By.tagName("body")).sendKeys(Keys.ARROW_RIGHT);
        wait(browser, 10).until(d -> !d.getCurrentUrl().equals(before));
        browser.findElement(By.tagName("body")).sendKeys(Keys.ARROW_LEFT);
        wait(browser, 10).until(ExpectedConditions.urlToBe(before));

        // Edit the description, and crop.
        browser.findElement(By.id("description")).sendKeys("Dinner on the terrace");
        browser.findElement(By.id("save-details")).click();
        wait(browser, 10).until(d -> "Dinner on the terrace".equals(
                server.http().get("/api/v1/items/" + photoId, token).json().path("description").asString()));
        browser.get(server.baseUrl + "/library/items/" + photoId);
        for (String[] field : new String[][] {{"crop-x", "10"}, {"crop-y", "20"}, {"crop-width", "50"}, {"crop-height", "40"}}) {
            WebElement input = browser.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        browser.findElement(By.id("rotate-right")).click();
        for (String[] field : new String[][] {{"crop-x", "10"}, {"crop-y", "20"}, {"crop-width", "50"}, {"crop-height", "40"}}) {
            WebElement input = browser.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        browser.findElement(By.id("save-edits")).click();
        wait(browser, 10).until(d -> !d.findElements(By.id("revert")).isEmpty());
        JsonNode edits = server.http().get("/api/v1/items/" + photoId, token).json().path("edits");
        assertThat(edits.path("rotation").asInt()).isEqualTo(1);
        assertThat(edits.path("crop").path("x").asDouble()).isEqualTo(0.1);
        assertThat(edits.path("crop").path("height").asDouble()).isEqualTo(0.4);
        assertThat(browser.findElement(By.id("download-edited")).isDisplayed()).isTrue();
        wait(browser, 20).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const i = document.getElementById('picture'); return i.complete && i.naturalWidth > 0;"));
        Browsers.screenshot(browser, "item");

        // Play the video.
        browser.get(server.baseUrl + "/library/items/" + idOf(server, token, "clip.webm"));
        Object played = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const player = document.getElementById('player');
                player.muted = true;
                player.addEventListener('timeupdate', () => { if (player.currentTime > 0.3) done(player.currentTime); });
                player.addEventListener('error', () => done(-1));
                player.play();
                """);
        assertThat(((Number) played).doubleValue()).isGreaterThan(0.3);

        // An album of the photo, shared by link.
        browser.get(server.baseUrl + "/library/albums");
        browser.findElement(By.id("album-name")).sendKeys("Summer");
        browser.findElement(By.id("create-album")).click();
        wait(browser, 10).until(ExpectedConditions.urlMatches("/library/albums/[^/]+$"));
        browser.get(server.baseUrl + "/library?q=photo");
        browser.findElement(By.cssSelector(".pick-day")).click();
        assertThat(browser.findElement(By.id("selection-count")).getText()).startsWith("1");
        browser.findElement(By.id("selection-add-to-album")).click();
        wait(browser, 10).until(d -> d.findElements(By.cssSelector("#album-items .tile")).size() == 1);
        Browsers.screenshot(browser, "album");
        browser.findElement(By.id("share-submit")).click();
        String link = wait(browser, 10).until(d -> {
            List<WebElement> url = d.findElements(By.id("share-url"));
            return url.isEmpty() ? null : url.getFirst().getDomProperty("value");
        });

        // The album's slideshow shows its one picture; Escape leaves it.
        String albumPage = browser.getCurrentUrl();
        browser.findElement(By.id("slideshow-link")).click();
        wait(browser, 10).until(d -> d.findElement(By.id("slide-position")).getText().startsWith("1"));
        assertThat(browser.findElement(By.cssSelector(".slide:not([hidden])")).isDisplayed()).isTrue();
        Browsers.screenshot(browser, "slideshow");
        browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        wait(browser, 10).until(ExpectedConditions.urlToBe(albumPage));

        // With the keyboard alone: the first Tab reaches the skip link; a tile opens with Enter.
        browser.get(server.baseUrl + "/library");
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getDomAttribute("class")).isEqualTo("skip");
        browser.executeScript("document.querySelector('.tile a').focus();");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait(browser, 10).until(ExpectedConditions.urlContains("/library/items/"));
        browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        wait(browser, 10).until(ExpectedConditions.urlToBe(server.baseUrl + "/library"));

        // A stranger with a fresh browser opens the link and downloads the photo: no GPS in it.
        Path theirDownloads = Files.createDirectories(work.resolve("their-downloads"));
        stranger = Browsers.open(work.resolve("their-profile"), theirDownloads);
        stranger.get(link);
        assertThat(cookies(stranger)).doesNotContain("arca_cookies");
        stranger.findElement(By.cssSelector("a.download")).click();
        Path received = Browsers.downloaded(theirDownloads, Duration.ofSeconds(20));
        assertThat(gps(photo)).as("the original has a place").isTrue();
        assertThat(gps(received)).as("the shared copy has none").isFalse();
        Browsers.screenshot(stranger, "share");

        // Delete the photo, then restore it from the trash.
        browser.get(server.baseUrl + "/library/items/" + photoId);
        browser.findElement(By.id("delete")).click();
        wait(browser, 10).until(ExpectedConditions.urlToBe(server.baseUrl + "/library"));
        browser.get(server.baseUrl + "/library/trash");
        Browsers.screenshot(browser, "trash");
        browser.findElement(By.cssSelector("#trashed-" + photoId + " button.restore")).click();
        wait(browser, 10).until(d -> d.findElements(By.id("trashed-" + photoId)).isEmpty());
        assertThat(server.http().get("/api/v1/items/" + photoId, token).json().path("trashedAt").isNull()).isTrue();

        // Export everything, then withdraw the newsletter consent.
        browser.get(server.baseUrl + "/account");
        browser.findElement(By.id("export-link")).click();
        Path export = Browsers.downloaded(downloads, Duration.ofSeconds(30));
        try (ZipFile zip = new ZipFile(export.toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).toList()).contains("data/accounts.json", "data/items.json", "items/" + photoId + ".xmp");
        }
        browser.findElement(By.cssSelector("#consent-NEWSLETTER button[value=WITHDRAW]")).click();
        wait(browser, 10).until(d -> d.findElement(By.id("consent-NEWSLETTER")).getText().contains("Not given"));

        // The privacy center counts what is held: the three items uploaded.
        browser.get(server.baseUrl + "/account/privacy");
        assertThat(browser.findElement(By.cssSelector("#holding-items td:nth-child(2)")).getText()).isEqualTo("3");

        // The other pages of the app, desktop.
        for (String[] page : new String[][] {{"/account/privacy", "privacy-center"}, {"/library/shared", "shared"},
                {"/library/tags", "tags"}, {"/backups", "backups"}, {"/library/albums", "albums"}, {"/privacy", "policy"}}) {
            browser.get(server.baseUrl + page[0]);
            assertThat(browser.findElement(By.tagName("h1")).getText()).as(page[0]).isNotBlank();
            Browsers.screenshot(browser, page[1]);
        }

        // The main pages on a phone: nothing wider than the screen.
        browser.manage().window().setSize(new Dimension(360, 800));
        for (String[] page : new String[][] {{"/library", "library-phone"}, {"/library/items/" + photoId, "item-phone"},
                {"/library/upload", "upload-phone"}, {"/library/albums", "albums-phone"}, {"/account", "account-phone"},
                {"/library/trash", "trash-phone"}, {"/", "home-phone"}, {"/account/privacy", "privacy-center-phone"},
                {"/library/shared", "shared-phone"}}) {
            browser.get(server.baseUrl + page[0]);
            Browsers.assertFitsAndIsOwn(browser, server.baseUrl, page[0]);
            Browsers.screenshot(browser, page[1]);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));

        // Delete the account: signed out, and the password no longer works.
        browser.get(server.baseUrl + "/account");
        browser.findElement(By.id("delete-password")).sendKeys(Users.PASSWORD);
        browser.findElement(By.id("delete-submit")).click();
        wait(browser, 10).until(d -> !d.getCurrentUrl().contains("/account"));
        assertThat(server.jdbc().sql("SELECT COUNT(*) FROM items WHERE id = ?").param(photoId).query(Integer.class)
                .single()).isZero();
        browser.get(server.baseUrl + "/library");
        wait(browser, 10).until(ExpectedConditions.urlContains("/login"));
    }

    private long progress(int index) {
        List<WebElement> bars = browser.findElements(By.cssSelector(".queue progress"));
        return bars.size() <= index ? 0 : (long) Double.parseDouble(bars.get(index).getDomProperty("value"));
    }

    private static String idOf(TestServer server, String token, String filename) {
        for (JsonNode item : server.http().get("/api/v1/items?limit=100", token).json().path("items")) {
            if (item.path("filename").asString().equals(filename)) {
                return item.path("id").asString();
            }
        }
        throw new AssertionError("no item " + filename);
    }

    private static boolean gps(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Extraction e = new MetadataExtractor().extract(file, MediaTypes.detect(bytes, file.getFileName().toString()));
        return e.metadata() != null && e.metadata().latitude() != null;
    }

    private static Set<String> cookies(ChromeDriver browser) {
        return browser.manage().getCookies().stream().map(Cookie::getName).collect(Collectors.toSet());
    }

    /** Waits, reading again when the page was replaced while it was being read. */
    private static WebDriverWait wait(ChromeDriver browser, int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static byte[] resource(String name) throws Exception {
        try (var in = WebJourneyTest.class.getResourceAsStream("/media/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Path copy(Path dir, String name) throws Exception {
        return Files.write(dir.resolve(name), resource(name));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
