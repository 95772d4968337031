package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The account page (/account.html): sign in on it, make and revoke an API key, change the
 * password (the old one then fails, the new one works), and sign out everywhere; an
 * account that must replace a one-time password is led there from the playground's
 * sign-in and told why; and the page on a phone.
 */
class AccountPageBrowserTest extends BrowserTest {

    private static final String PASSWORD = "correct horse battery";

    private static final String NEW_PASSWORD = "marmalade submarine 42";

    @Autowired
    JdbcClient jdbc;

    private String account() {
        String name = "page" + System.nanoTime() % 1_000_000_000;
        Response r = post("/api/v1/auth/signup", Map.of("username", name, "password", PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return name;
    }

    private void openAccountPage() {
        browser.get("http://localhost:" + port + "/account.html");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private void signInHere(String name, String password) {
        browser.findElement(By.id("signin-username")).clear();
        browser.findElement(By.id("signin-username")).sendKeys(name);
        browser.findElement(By.id("signin-password")).clear();
        browser.findElement(By.id("signin-password")).sendKeys(password);
        browser.findElement(By.id("signin-submit")).click();
    }

    private String view() {
        return String.valueOf(browser.findElement(By.tagName("body")).getDomAttribute("data-view"));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void changePassword(String current, String fresh, String repeat) {
        browser.findElement(By.id("pw-current")).sendKeys(current);
        browser.findElement(By.id("pw-new")).sendKeys(fresh);
        browser.findElement(By.id("pw-repeat")).sendKeys(repeat);
        browser.findElement(By.id("pw-submit")).click();
    }

    private void clearPasswords() {
        for (String id : new String[] { "pw-current", "pw-new", "pw-repeat" })
            browser.findElement(By.id(id)).clear();
    }

    @Test
    void theAccountPageChangesThePasswordSoTheOldOneFailsAndTheNewOneWorks() throws Exception {
        String name = account();
        openAccountPage();
        assertThat(view()).isEqualTo("signin");
        signInHere(name, PASSWORD);
        wait.until(d -> view().equals("account"));
        assertThat(text("account-user")).contains("Signed in as " + name + " · learner");
        assertThat(text("user")).isEqualTo(name + " (learner)");
        wait.until(d -> text("keys").contains("No API keys yet"));
        assertThat(browser.findElements(By.id("key-scope-admin"))).as("no admin scope for a learner").isEmpty();

        // An API key with fewer scopes, shown once, then listed without its secret.
        browser.findElement(By.id("key-name")).sendKeys("ci laptop");
        browser.findElement(By.id("key-scope-run")).click();
        browser.findElement(By.id("key-create")).click();
        wait.until(d -> d.findElement(By.id("key-new")).isDisplayed());
        String secret = text("key-secret");
        assertThat(secret).startsWith("slk_");
        assertThat(text("key-new")).contains("read, write").doesNotContain("run");
        wait.until(d -> text("keys").contains("ci laptop"));
        assertThat(text("keys")).doesNotContain(secret);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/auth/me")).header("X-API-Key", secret).GET()).status())
            .isEqualTo(200);
        assertAccessible("account");
        js("window.scrollTo(0, 0)");
        screenshotThemes("account");

        // Mistakes are shown at the field they are about.
        changePassword(PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x");
        wait.until(d -> d.findElement(By.id("pw-repeat-error")).isDisplayed());
        assertThat(text("pw-repeat-error")).contains("not the same");
        assertThat(browser.findElement(By.id("pw-repeat")).getDomAttribute("aria-invalid")).isEqualTo("true");
        clearPasswords();
        allowConsoleError("400");
        changePassword("not my password", NEW_PASSWORD, NEW_PASSWORD);
        wait.until(d -> d.findElement(By.id("pw-current-error")).isDisplayed());
        assertThat(text("pw-current-error")).isEqualTo("This is not the current password.");
        assertThat(browser.findElement(By.id("pw-repeat-error")).isDisplayed()).isFalse();
        clearPasswords();
        changePassword(PASSWORD, "password", "password");
        wait.until(d -> d.findElement(By.id("pw-new-error")).isDisplayed());
        assertThat(text("pw-new-error"))
            .isEqualTo("The new password is one of the most common passwords; choose another.");
        assertAccessible("account, with a field error");
        screenshot("account-field-error");
        clearPasswords();

        changePassword(PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
        wait.until(d -> text("pw-result").startsWith("Password changed."));
        assertThat(text("pw-result")).contains("this one stays signed in").contains("API keys were kept");
        assertThat(String.valueOf(browser.findElement(By.id("pw-result")).getDomAttribute("class")))
            .doesNotContain("error");
        assertThat(browser.findElement(By.id("pw-current")).getDomProperty("value")).isEmpty();

        // Signed out, the old password fails and the new one works.
        browser.findElement(By.id("signout")).click();
        wait.until(d -> view().equals("signin"));
        allowConsoleError("401");
        signInHere(name, PASSWORD);
        wait.until(d -> !text("signin-error").isBlank());
        assertThat(text("signin-error")).isEqualTo("Invalid username or password.");
        assertThat(view()).isEqualTo("signin");
        signInHere(name, NEW_PASSWORD);
        wait.until(d -> view().equals("account"));

        // Sign out everywhere ends another browser's session too, and can take the keys.
        WebDriver other = newBrowser();
        try {
            other.get("http://localhost:" + port + "/account.html");
            WebDriverWait otherWait = new WebDriverWait(other, Duration.ofSeconds(20));
            otherWait.ignoring(StaleElementReferenceException.class);
            otherWait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            other.findElement(By.id("signin-username")).sendKeys(name);
            other.findElement(By.id("signin-password")).sendKeys(NEW_PASSWORD);
            other.findElement(By.id("signin-submit")).click();
            otherWait.until(d -> "account".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));

            browser.findElement(By.id("everywhere-revoke-keys")).click();
            browser.findElement(By.id("signout-everywhere")).click();
            wait.until(d -> view().equals("signin"));
            assertThat(text("signin-note")).startsWith("Signed out everywhere.").contains("API keys revoked: 1");
            other.navigate().refresh();
            otherWait.until(d -> "signin".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        }
        finally {
            other.quit();
        }
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/auth/me")).header("X-API-Key", secret).GET()).status())
            .isEqualTo(401);
    }

    @Test
    void anAccountWithAOneTimePasswordIsLedToTheAccountPageAndToldWhy() throws Exception {
        String name = account();
        jdbc.sql("update users set must_change_password = true where username = ?").param(name).update();

        load();
        browser.findElement(By.id("signin")).click();
        browser.findElement(By.id("auth-username")).sendKeys(name);
        browser.findElement(By.id("auth-password")).sendKeys(PASSWORD);
        browser.findElement(By.id("auth-signin")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/account.html"));
        wait.until(d -> "account".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        assertThat(text("must-change")).contains("one-time password").contains("Change it below");
        assertThat(js("return document.activeElement.id")).isEqualTo("pw-current");
        assertAccessible("account, one-time password");
        screenshot("account-must-change");

        changePassword(PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
        wait.until(d -> text("pw-result").startsWith("Password changed."));
        assertThat(browser.findElements(By.id("must-change"))).isEmpty();
        browser.findElement(By.linkText("Continue to the playground")).click();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        wait.until(d -> d.findElement(By.id("user")).getText().startsWith(name + " ("));
        assertThat(jdbc.sql("select must_change_password from users where username = ?")
            .param(name)
            .query(Boolean.class)
            .single()).isFalse();
    }

    @Test
    void theAccountPageFitsAPhone() throws Exception {
        browser.quit();
        browser = newPhone();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        String name = account();
        openAccountPage();
        assertAccessible("account sign-in on a phone");
        screenshot("account-signin-phone");
        signInHere(name, PASSWORD);
        wait.until(d -> view().equals("account"));
        wait.until(d -> text("keys").contains("No API keys yet"));

        Number overflow = (Number) js(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(0);
        assertThat(browser.findElement(By.id("pw-submit")).getSize().getHeight()).isGreaterThanOrEqualTo(44);
        assertAccessible("account on a phone");
        screenshot("account-phone");
    }

}
