package dev.arca.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Browsers;
import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator's side of accountability in real Chromium: registering a processor and recording
 * an authority's request through the admin pages, and the person then finding both in their
 * privacy center.
 */
class AccountabilityBrowserTest {

    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        Path profile = Files.createTempDirectory("arca-chromium");
        browser = Browsers.open(profile, Files.createDirectories(profile.resolve("downloads")));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void type(String id, String text) {
        browser.findElement(By.id(id)).sendKeys(text);
    }

    /** Date inputs take their value in the browser's locale when typed; set it as the form reads it. */
    private void date(String id, String isoDate) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id(id)), isoDate);
    }

    private void waitFor(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    @Test
    @DisplayName("I.4b I.4c the operator registers a processor and records a request; the person sees both")
    void operatorRecordsAndThePersonSees() throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        String person = Users.newEmail();
        Users.signedIn(server, person);
        String processor = "Mailgate Europe " + System.nanoTime();
        String reference = "AZ 4 Js " + System.nanoTime();

        Browsers.signIn(browser, server.baseUrl, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        browser.get(server.baseUrl + "/admin/processors");
        type("processor-name", processor);
        new Select(browser.findElement(By.id("processor-service"))).selectByValue("SMTP");
        type("processor-destination", "smtp-" + System.nanoTime() + ".mailgate.example:587");
        type("processor-contract", "DPA-2026-017");
        date("processor-date", "2026-01-15");
        type("processor-country", "DE");
        new Select(browser.findElement(By.id("processor-adequacy"))).selectByValue("EEA");
        browser.findElement(By.id("processor-purpose-ACCOUNT")).click();
        browser.findElement(By.cssSelector("input[name=categories][value='contact']")).click();
        browser.findElement(By.id("processor-register")).click();
        waitFor(By.xpath("//section[contains(@class,'processor')]/h2[text()='" + processor + "']"));
        Browsers.assertFitsAndIsOwn((JavascriptExecutor) browser, server.baseUrl, "/admin/processors");

        browser.get(server.baseUrl + "/admin/disclosures");
        type("disclosure-authority", "Public prosecutor, Example City");
        new Select(browser.findElement(By.id("disclosure-kind"))).selectByValue("CRIMINAL_INVESTIGATION");
        type("disclosure-basis", "Code of criminal procedure, section 100");
        type("disclosure-reference", reference);
        date("disclosure-received", "2026-11-30");
        browser.findElement(By.cssSelector("input[name=scope][value='accounts']")).click();
        type("disclosure-accounts", person);
        new Select(browser.findElement(By.id("decision-new"))).selectByValue("PARTLY_DISCLOSED");
        type("decision-reason-new", "The order covers the address only");
        browser.findElement(By.id("disclosure-record")).click();
        waitFor(By.xpath("//section[contains(@class,'disclosure')]/h2[contains(text(),'" + reference + "')]"));
        Browsers.assertFitsAndIsOwn((JavascriptExecutor) browser, server.baseUrl, "/admin/disclosures");

        browser.manage().deleteAllCookies();
        Browsers.signIn(browser, server.baseUrl, person, Users.PASSWORD);
        browser.get(server.baseUrl + "/account/privacy");
        WebElement processors = browser.findElement(By.id("center-processors"));
        assertThat(processors.getText()).contains(processor);
        WebElement disclosures = browser.findElement(By.id("center-disclosures"));
        assertThat(disclosures.getText()).contains(reference).contains("The order covers the address only");
        // In the person's language, whichever it is.
        assertThat(disclosures.findElement(By.className("disclosure-decision")).getText())
                .containsAnyOf("Partly disclosed", "Teilweise herausgegeben");
        Browsers.assertFitsAndIsOwn((JavascriptExecutor) browser, server.baseUrl, "/account/privacy");
        Browsers.screenshot(browser, "privacy-center-accountability");
    }
}
