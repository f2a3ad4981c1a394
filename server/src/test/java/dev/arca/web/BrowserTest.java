package dev.arca.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Real Chromium against a running server: what a person sees and which cookies their browser holds. */
class BrowserTest {

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        profile = Files.createTempDirectory("arca-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
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
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
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
        browser.findElement(By.id("name")).sendKeys("Grace Browser");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(Users.PASSWORD);
        browser.findElement(By.id("country")).sendKeys("NL");
        browser.findElement(By.id("acceptTerms")).click();
        browser.findElement(By.id("consent-NEWSLETTER")).click();
        browser.findElement(By.id("signup-submit")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check your mailbox");
        assertThat(cookieNames()).isSubsetOf(Set.of("arca_session"));

        browser.get(server.mailbox.latestLink(email, "/verify?token="));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Address verified");

        browser.get(server.baseUrl + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(Users.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/account"));
        assertThat(browser.findElement(By.id("verified")).getText()).contains("verified");
        assertThat(browser.findElement(By.id("consent-NEWSLETTER")).getText()).contains("Given");
        assertThat(cookieNames()).isSubsetOf(Set.of("arca_session"));
        screenshot("account");

        browser.findElement(By.id("cookies-refuse")).click();
        assertThat(cookieNames()).contains("arca_cookies");
        assertThat(browser.manage().getCookieNamed("arca_cookies").getValue()).isEqualTo("p0a0");
        assertThat(browser.findElements(By.id("cookie-banner"))).isEmpty();
        assertThat(browser.findElement(By.id("consent-ANALYTICS_COOKIES")).getText()).contains("Not given");
    }

    @Test
    @DisplayName("II.7 the site keeps working with every optional cookie refused")
    void pagesWorkWithOptionalCookiesRefused() {
        TestServer server = TestServer.on(Db.SQLITE);
        browser.get(server.baseUrl + "/");
        browser.findElement(By.id("cookies-refuse")).click();
        for (String path : new String[] {"/", "/privacy", "/login", "/signup", "/cookies"}) {
            browser.get(server.baseUrl + path);
            assertThat(browser.findElement(By.tagName("h1")).getText()).as(path).isNotBlank();
            assertThat(browser.findElements(By.id("cookie-banner"))).as(path).isEmpty();
        }
        assertThat(cookieNames()).isSubsetOf(Set.of("arca_session", "arca_cookies"));
    }
}
