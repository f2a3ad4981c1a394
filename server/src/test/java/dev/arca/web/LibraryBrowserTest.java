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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** The library's own interactions in Chromium: choosing items and acting on them, album order and cover, upload errors. */
class LibraryBrowserTest {

    private ChromeDriver browser;
    private Path work;
    private final TestServer server = TestServer.on(Db.SQLITE);
    private String email;
    private String token;

    @BeforeEach
    void open() throws Exception {
        work = Files.createTempDirectory("arca-library-browser");
        browser = Browsers.open(work.resolve("profile"), Files.createDirectories(work.resolve("downloads")));
        email = Users.newEmail();
        token = Users.signedIn(server, email);
        // The texts below are the English ones.
        server.http().patch("/api/v1/me", Map.of("language", "en"), token);
    }

    @AfterEach
    void close() {
        browser.quit();
    }

    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private List<String> upload(int n) {
        List<String> ids = new ArrayList<>();
        byte[] photo = Content.resource("/media/photo.jpg");
        for (int i = 0; i < n; i++) {
            byte[] distinct = java.util.Arrays.copyOf(photo, photo.length + 1);
            distinct[photo.length] = (byte) i;
            ids.add(Content.upload(server, token, "pic-" + i + ".jpg", distinct).path("id").asString());
        }
        return ids;
    }

    private JsonNode item(String id) {
        return server.http().get("/api/v1/items/" + id, token).json();
    }

    @Test
    @DisplayName("I.2e shift-click chooses a range; the choice is tagged, shared by link, and moved to the trash")
    void chooseAndAct() throws Exception {
        List<String> ids = upload(4);
        Browsers.signIn(browser, server.baseUrl, email, Users.PASSWORD);
        browser.get(server.baseUrl + "/library");
        List<WebElement> boxes = browser.findElements(By.cssSelector("input.pick"));
        assertThat(boxes).hasSize(4);
        new Actions(browser).moveToElement(boxes.get(0)).click().perform();
        new Actions(browser).keyDown(Keys.SHIFT).moveToElement(boxes.get(2)).click().keyUp(Keys.SHIFT).perform();
        waiting().until(d -> d.findElement(By.id("selection-count")).getText().startsWith("3"));
        List<String> chosen = browser.findElements(By.cssSelector(".tile.picked")).stream()
                .map(t -> t.getDomAttribute("data-id")).toList();
        assertThat(chosen).hasSize(3);

        browser.findElement(By.id("selection-tag")).sendKeys("Beach");
        browser.findElement(By.id("selection-tag-add")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/library?tag=Beach"));
        assertThat(browser.findElements(By.cssSelector(".tile"))).hasSize(3);
        for (String id : chosen) {
            assertThat(item(id).path("tags").toString()).contains("Beach");
        }

        browser.findElement(By.cssSelector(".pick-day")).click();
        browser.findElement(By.id("selection-share")).click();
        String link = waiting().until(d -> {
            List<WebElement> url = d.findElements(By.id("share-url"));
            return url.isEmpty() ? null : url.getFirst().getDomProperty("value");
        });
        assertThat(link).contains("/s/");
        assertThat(new String(server.http().get(link.substring(link.indexOf("/s/")), null).bytes())).contains("photo-3");

        browser.findElement(By.id("selection-delete")).click();
        waiting().until(d -> d.findElements(By.cssSelector(".tile")).isEmpty());
        for (String id : chosen) {
            assertThat(item(id).path("trashedAt").isNull()).as("in the trash").isFalse();
        }
        String left = ids.stream().filter(id -> !chosen.contains(id)).findFirst().orElseThrow();
        assertThat(item(left).path("trashedAt").isNull()).as("the one not chosen stays").isTrue();
    }

    @Test
    @DisplayName("I.2e an item that moved down the timeline while the grid was open is shown once")
    void scrollingShowsEachItemOnce() throws Exception {
        upload(65);
        // Let extraction place each photo at its capture date, so only the change below moves anything.
        Content.awaitExtraction(server, email);
        Browsers.signIn(browser, server.baseUrl, email, Users.PASSWORD);
        browser.get(server.baseUrl + "/library");
        assertThat(browser.findElements(By.cssSelector(".tile"))).hasSize(60);
        // An item on the first page learns an older date, as when extraction finishes after the page was shown.
        String moved = browser.findElement(By.cssSelector(".tile")).getDomAttribute("data-id");
        server.http().patch("/api/v1/items/" + moved, Map.of("capturedAt", "2001-01-01T12:00:00Z"), token);
        browser.executeScript("window.scrollTo(0, document.body.scrollHeight)");
        waiting().until(d -> d.findElements(By.id("more")).isEmpty());
        assertThat(browser.findElements(By.cssSelector(".tile[data-id='" + moved + "']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector(".tile"))).hasSize(65);
    }

    @Test
    @DisplayName("I.2d one item is shared by link from its page")
    void shareFromTheItemPage() throws Exception {
        String id = upload(1).getFirst();
        Browsers.signIn(browser, server.baseUrl, email, Users.PASSWORD);
        browser.get(server.baseUrl + "/library/items/" + id);
        browser.findElement(By.id("share-item")).click();
        String link = waiting().until(d -> {
            List<WebElement> url = d.findElements(By.id("share-url"));
            return url.isEmpty() ? null : url.getFirst().getDomProperty("value");
        });
        JsonNode shares = server.http().get("/api/v1/shares", token).json().path("shares");
        assertThat(shares).hasSize(1);
        assertThat(shares.get(0).path("items").asInt()).isEqualTo(1);
        assertThat(server.http().get(link.substring(link.indexOf("/s/")), null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("I.2e an album's order and cover change from its page")
    void albumOrderAndCover() throws Exception {
        List<String> ids = upload(3);
        String album = server.http().post("/api/v1/albums", Map.of("name", "Trip"), token).json().path("id").asString();
        server.http().post("/api/v1/albums/" + album + "/items", Map.of("itemIds", ids), token);
        Browsers.signIn(browser, server.baseUrl, email, Users.PASSWORD);
        browser.get(server.baseUrl + "/library/albums/" + album);
        browser.findElement(By.cssSelector("#album-items .tile[data-id='" + ids.get(0) + "'] .move-later")).click();
        waiting().until(d -> order(album).equals(List.of(ids.get(1), ids.get(0), ids.get(2))));
        browser.findElement(By.cssSelector("#album-items .tile[data-id='" + ids.get(2) + "'] .make-cover")).click();
        waiting().until(d -> ids.get(2).equals(server.http().get("/api/v1/albums/" + album, token).json()
                .path("coverItemId").asString()));
        browser.findElement(By.cssSelector("#album-items .tile[data-id='" + ids.get(1) + "'] .remove")).click();
        waiting().until(d -> order(album).equals(List.of(ids.get(0), ids.get(2))));
        browser.get(server.baseUrl + "/library/albums");
        assertThat(browser.findElement(By.cssSelector(".albums img")).getDomAttribute("src")).contains(ids.get(2));
    }

    private List<String> order(String album) {
        List<String> ids = new ArrayList<>();
        server.http().get("/api/v1/albums/" + album + "/items", token).json().path("items")
                .forEach(i -> ids.add(i.path("id").asString()));
        return ids;
    }

    @Test
    @DisplayName("I.2e the upload page names duplicates, unsupported files and a full quota clearly")
    void uploadErrorsAreClear() throws Exception {
        Path photo = Files.write(work.resolve("photo.jpg"), Content.resource("/media/photo.jpg"));
        Path again = Files.write(work.resolve("again.jpg"), Content.resource("/media/photo.jpg"));
        Path notes = Files.writeString(work.resolve("notes.txt"), "not a picture");
        Browsers.signIn(browser, server.baseUrl, email, Users.PASSWORD);
        browser.get(server.baseUrl + "/library/upload");
        browser.findElement(By.id("files")).sendKeys(photo + "\n" + notes + "\n" + again);
        waiting().until(d -> d.findElements(By.cssSelector(".queue .upload.done, .queue .upload.duplicate")).size() == 2);
        List<WebElement> rows = browser.findElements(By.cssSelector(".queue .upload"));
        assertThat(rows.get(0).getDomAttribute("class")).contains("done");
        assertThat(rows.get(1).getDomAttribute("class")).contains("failed");
        assertThat(rows.get(1).getText()).contains("not a photo, video or audio file");
        assertThat(rows.get(2).getDomAttribute("class")).contains("duplicate");
        assertThat(rows.get(2).getText()).contains("Already in your library");

        String admin = Users.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        server.http().send("PUT", "/api/v1/admin/accounts/" + Users.accountId(server, email) + "/quota",
                Map.of("quotaBytes", 1000), admin);
        Path big = Files.write(work.resolve("big.jpg"), Content.random(5000, 1));
        browser.findElement(By.id("files")).sendKeys(big.toString());
        waiting().until(d -> d.findElements(By.cssSelector(".queue .upload")).size() == 4
                && d.findElements(By.cssSelector(".queue .upload")).get(3).getText().contains("storage is full"));
        Browsers.screenshot(browser, "upload-errors");
    }
}
