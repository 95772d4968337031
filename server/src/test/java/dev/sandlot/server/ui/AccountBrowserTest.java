package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The account dialog in two browsers of one user: a key with fewer scopes, a password
 * change that signs the other browser out and says what happened to the keys, and "sign
 * out everywhere"; then the dialog on a phone.
 */
class AccountBrowserTest extends BrowserTest {

    private static final String NEW_PASSWORD = "tangerine lighthouse 97";

    private void signIn(WebDriver in, String name, String password) {
        in.get("http://localhost:" + port + "/");
        WebDriverWait waitIn = new WebDriverWait(in, Duration.ofSeconds(20));
        waitIn.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        in.findElement(By.id("signin")).click();
        in.findElement(By.id("auth-username")).sendKeys(name);
        in.findElement(By.id("auth-password")).sendKeys(password);
        in.findElement(By.id("auth-signin")).click();
        waitIn.until(d -> d.findElement(By.id("user")).getText().startsWith(name + " ("));
    }

    private static boolean signedOut(WebDriver in) {
        return in.findElement(By.id("signin")).isDisplayed() && !in.findElement(By.id("user")).isDisplayed();
    }

    @Test
    void aPasswordChangeSignsTheOtherBrowserOutAndSignOutEverywhereEndsThisOneToo() throws Exception {
        load();
        String name = signUp();
        WebDriver other = newBrowser();
        try {
            signIn(other, name, "a good password");

            browser.findElement(By.id("keys-open")).click();
            browser.findElement(By.id("key-name")).sendKeys("read only");
            browser.findElement(By.id("key-scope-write")).click();
            browser.findElement(By.id("key-scope-run")).click();
            browser.findElement(By.id("key-create")).click();
            wait.until(d -> d.findElement(By.id("key-new")).isDisplayed());
            wait.until(d -> d.findElement(By.id("keys")).getText().contains("read only"));
            assertThat(browser.findElement(By.id("keys")).getText()).contains("read");

            browser.findElement(By.id("password-current")).sendKeys("a good password");
            browser.findElement(By.id("password-new")).sendKeys(NEW_PASSWORD);
            browser.findElement(By.id("password-change")).click();
            wait.until(d -> !d.findElement(By.id("password-result")).getText().isBlank());
            String said = browser.findElement(By.id("password-result")).getText();
            assertThat(String.valueOf(browser.findElement(By.id("password-result")).getDomAttribute("class")))
                .doesNotContain("error");
            assertThat(said.toLowerCase(Locale.ROOT)).contains("key");
            screenshot("account-password-changed");

            other.navigate().refresh();
            new WebDriverWait(other, Duration.ofSeconds(20)).until(AccountBrowserTest::signedOut);
            browser.navigate().refresh();
            wait.until(d -> d.findElement(By.id("user")).getText().startsWith(name + " ("));

            signIn(other, name, NEW_PASSWORD);
            browser.findElement(By.id("keys-open")).click();
            browser.findElement(By.id("signout-everywhere")).click();
            wait.until(AccountBrowserTest::signedOut);
            other.navigate().refresh();
            new WebDriverWait(other, Duration.ofSeconds(20)).until(AccountBrowserTest::signedOut);
        }
        finally {
            other.quit();
        }
    }

    @Test
    void theAccountDialogFitsAPhone() throws Exception {
        browser.quit();
        browser = newBrowser(390, 844);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        load();
        signUp();
        browser.findElement(By.id("keys-open")).click();
        wait.until(d -> d.findElement(By.id("dlg-keys")).isDisplayed());

        Number overflow = (Number) js(
                "return document.getElementById('dlg-keys').scrollWidth" + " - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
        assertThat(browser.findElement(By.id("signout-everywhere")).isDisplayed()).isTrue();
        screenshot("account-dialog-phone");
    }

}
