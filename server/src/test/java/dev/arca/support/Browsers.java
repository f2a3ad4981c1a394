package dev.arca.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Chromium with a profile of its own, downloading into a folder of its own. */
public final class Browsers {

    private Browsers() {}

    public static ChromeDriver open(Path profile, Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return browser;
    }

    /** Fills the sign-up form with a name, an address, the test password and a country, accepts the terms and chooses the newsletter. */
    public static void fillSignUp(WebDriver browser, String name, String email, String country) {
        browser.findElement(org.openqa.selenium.By.id("name")).sendKeys(name);
        browser.findElement(org.openqa.selenium.By.id("email")).sendKeys(email);
        browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(Users.PASSWORD);
        browser.findElement(org.openqa.selenium.By.id("country")).sendKeys(country);
        browser.findElement(org.openqa.selenium.By.id("acceptTerms")).click();
        browser.findElement(org.openqa.selenium.By.id("consent-NEWSLETTER")).click();
    }

    /** Signs in through the login form and waits for the library it leads to. */
    public static void signIn(WebDriver browser, String baseUrl, String email, String password) {
        browser.get(baseUrl + "/login");
        browser.findElement(org.openqa.selenium.By.id("email")).sendKeys(email);
        browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        browser.findElement(org.openqa.selenium.By.id("login-submit")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/library"));
    }

    /**
     * Checks what a phone and a screen reader need of the page shown: nothing wider than the
     * screen, every resource loaded from this server, and every control named.
     */
    public static void assertFitsAndIsOwn(org.openqa.selenium.JavascriptExecutor browser, String baseUrl, String page) {
        // Layout can settle a moment after the load event (a resized window, a scroll bar that
        // appears), so a page gets two seconds to fit; one that never fits names what sticks out.
        String tooWide = "";
        for (long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos(); ; ) {
            tooWide = (String) browser.executeScript("""
                    const root = document.documentElement;
                    if (root.scrollWidth <= root.clientWidth) return '';
                    const out = [root.scrollWidth - root.clientWidth + 'px too wide:'];
                    const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement)
                        if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
                    for (const e of document.body.querySelectorAll('*')) {
                      const r = e.getBoundingClientRect();
                      if (clipped(e)) continue;
                      if (r.right > root.clientWidth + 0.5) out.push(e.tagName + (e.id ? '#' + e.id : '')
                          + (e.className && typeof e.className === 'string' ? '.' + e.className : '') + ' right=' + r.right);
                    }
                    return out.slice(0, 12).join(' ');
                    """);
            if (tooWide.isEmpty() || System.nanoTime() > deadline) break;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        org.assertj.core.api.Assertions.assertThat(tooWide).as("sideways scrolling on " + page).isEmpty();
        @SuppressWarnings("unchecked")
        java.util.List<String> resources = (java.util.List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        org.assertj.core.api.Assertions.assertThat(resources).as("everything on " + page + " comes from this server")
                .allMatch(r -> r.startsWith(baseUrl + "/"));
        // What a screen reader needs: every field has a label, every picture an alt text (empty
        // when it only decorates), every link and button a name.
        @SuppressWarnings("unchecked")
        java.util.List<String> unnamed = (java.util.List<String>) browser.executeScript("""
                const named = e => (e.getAttribute('aria-label') || '').trim() !== ''
                    || (e.getAttribute('aria-labelledby') || '') !== '';
                const out = [];
                for (const f of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
                  if (f.labels.length === 0 && !named(f)) out.push('field ' + (f.id || f.name || f.type));
                }
                for (const i of document.querySelectorAll('img')) if (!i.hasAttribute('alt')) out.push('img ' + i.src);
                for (const c of document.querySelectorAll('a[href], button')) {
                  if (c.textContent.trim() === '' && !named(c) && !c.querySelector('img[alt]:not([alt=""])')) {
                    out.push(c.tagName + ' ' + (c.id || c.getAttribute('href') || ''));
                  }
                }
                return out;
                """);
        org.assertj.core.api.Assertions.assertThat(unnamed).as("unnamed controls on " + page).isEmpty();
    }

    /** Writes {@code target/screenshots/<name>.png} of the top of the page, for a reviewer to look at. */
    public static void screenshot(WebDriver browser, String name) throws Exception {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** The one file that appears in {@code folder} once the browser has finished downloading it. */
    public static Path downloaded(Path folder, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(folder)) {
                // Chromium writes into hidden and .crdownload files, then renames the finished file.
                var done = files.filter(f -> !f.getFileName().toString().endsWith(".crdownload")
                        && !f.getFileName().toString().startsWith(".")).toList();
                if (!done.isEmpty()) {
                    return done.getFirst();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing was downloaded into " + folder.getFileName());
    }
}
