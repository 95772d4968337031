package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The admin page: an admin follows the playground's Admin link, searches the accounts,
 * promotes a learner to reviewer (who then sees the Review link), disables an account
 * (which then cannot sign in, and is told why) and unlocks one that failed sign-ins
 * locked; the last admin is told why it cannot step down; anyone else is refused; and the
 * page on a phone.
 */
class AdminBrowserTest extends BrowserTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    private String tag() {
        return "t" + System.nanoTime() % 1_000_000_000;
    }

    private long account(String name, Role role) {
        Response r = post("/api/v1/auth/signup", Map.of("username", name, "password", PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().path("id").asLong();
        if (role != Role.LEARNER)
            accounts.setRole(id, role);
        return id;
    }

    private WebDriverWait waiting(WebDriver in) {
        WebDriverWait w = new WebDriverWait(in, Duration.ofSeconds(20));
        w.ignoring(StaleElementReferenceException.class);
        return w;
    }

    private void openAdmin() {
        browser.get("http://localhost:" + port + "/admin.html");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    /** Signs in through the admin page's own form. */
    private void signInHere(String name) {
        browser.findElement(By.id("signin-username")).sendKeys(name);
        browser.findElement(By.id("signin-password")).sendKeys(PASSWORD);
        browser.findElement(By.id("signin-submit")).click();
    }

    /** Signs in through the playground's dialog. */
    private static void signInToPlayground(WebDriver in, int port, String name, String password) {
        in.get("http://localhost:" + port + "/");
        WebDriverWait w = new WebDriverWait(in, Duration.ofSeconds(20));
        w.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        in.findElement(By.id("signin")).click();
        in.findElement(By.id("auth-username")).sendKeys(name);
        in.findElement(By.id("auth-password")).sendKeys(password);
        in.findElement(By.id("auth-signin")).click();
    }

    /** Types a search once the list has loaded, and waits for its answer. */
    private void search(String query) {
        waiting(browser).until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-loaded") != null);
        String before = String.valueOf(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded"));
        WebElement q = browser.findElement(By.id("q"));
        q.clear();
        q.sendKeys(query);
        waiting(browser).until(d -> !before.equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    private List<String> rows() {
        return browser.findElements(By.cssSelector("#accounts tr"))
            .stream()
            .map(r -> r.getDomAttribute("data-user"))
            .toList();
    }

    private WebElement row(String name) {
        return browser.findElement(By.cssSelector("#accounts tr[data-user='" + name + "']"));
    }

    private String status() {
        return browser.findElement(By.id("admin-status")).getText();
    }

    /**
     * Ten wrong passwords for {@code name} from 127.0.0.9, a loopback address of its own:
     * that address is locked out of the account, and this JVM's 127.0.0.1, which the
     * other tests sign in from, spends nothing.
     */
    private int loginFrom(String address, String name, String password) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build()) {
            return client
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers
                        .ofString(JSON.writeValueAsString(Map.of("username", name, "password", password))))
                    .build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAdminSearchesPromotesDisablesAndUnlocksAccounts() throws Exception {
        String tag = tag();
        String admin = "boss" + tag;
        String ada = "ada" + tag;
        String bob = "bob" + tag;
        String cy = "cy" + tag;
        account(admin, Role.ADMIN);
        account(ada, Role.LEARNER);
        account(bob, Role.LEARNER);
        account(cy, Role.LEARNER);

        // The playground shows an admin the way in.
        signInToPlayground(browser, port, admin, PASSWORD);
        wait.until(d -> d.findElement(By.id("user")).getText().startsWith(admin + " ("));
        WebElement link = browser.findElement(By.id("admin-link"));
        assertThat(link.isDisplayed()).isTrue();
        link.click();
        wait.until(d -> "accounts".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        wait.until(d -> !rows().isEmpty());
        assertThat(rows().getFirst()).as("newest first").isEqualTo(cy);

        search(tag);
        assertThat(rows()).containsExactly(cy, bob, ada, admin);
        assertThat(browser.findElement(By.id("accounts-count")).getText()).startsWith("4 accounts");
        assertThat(row(admin).getText()).contains("you");
        assertThat(row(ada).findElement(By.cssSelector("td.state")).getText()).contains("Active");
        assertThat(row(admin).findElement(By.cssSelector("td[data-label='Last sign-in']")).getText())
            .isNotEqualTo("never");
        assertThat(row(ada).findElement(By.cssSelector("td[data-label='Last sign-in']")).getText()).isEqualTo("never");
        search("ada" + tag.substring(0, 4));
        assertThat(rows()).contains(ada).doesNotContain(bob, cy, admin);
        search(tag);
        assertAccessible("admin");
        screenshotThemes("admin");

        // Promote ada to reviewer; her next sign-in shows the Review link.
        new Select(row(ada).findElement(By.cssSelector("select.role"))).selectByValue("reviewer");
        waiting(browser).until(d -> status().contains(ada + " is now a reviewer"));
        assertThat(new Select(row(ada).findElement(By.cssSelector("select.role"))).getFirstSelectedOption().getText())
            .isEqualTo("reviewer");
        assertThat(accounts.findByUsername(ada).orElseThrow().role()).isEqualTo(Role.REVIEWER);
        WebDriver other = newBrowser();
        try {
            signInToPlayground(other, port, ada, PASSWORD);
            WebDriverWait otherWait = waiting(other);
            otherWait.until(d -> d.findElement(By.id("user")).getText().startsWith(ada + " (reviewer)"));
            otherWait.until(d -> d.findElement(By.id("review-link")).isDisplayed());
            assertThat(other.findElement(By.id("admin-link")).isDisplayed()).isFalse();

            // Disable bob: he cannot sign in, and the sign-in says why.
            row(bob).findElement(By.cssSelector("button.disable")).click();
            waiting(browser).until(d -> status().contains(bob + " is disabled"));
            assertThat(row(bob).findElement(By.cssSelector("td.state")).getText()).contains("Disabled");
            assertThat(row(bob).findElement(By.cssSelector("button.enable")).getText()).isEqualTo("Enable");
            other.findElement(By.id("signout")).click();
            otherWait.until(d -> d.findElement(By.id("signin")).isDisplayed());
            other.findElement(By.id("signin")).click();
            other.findElement(By.id("auth-username")).clear();
            other.findElement(By.id("auth-username")).sendKeys(bob);
            other.findElement(By.id("auth-password")).sendKeys(PASSWORD);
            other.findElement(By.id("auth-signin")).click();
            otherWait.until(d -> !d.findElement(By.id("auth-error")).getText().isBlank());
            assertThat(other.findElement(By.id("auth-error")).getText())
                .isEqualTo("This account has been disabled by an admin; ask an admin to enable it.");
            screenshotOf(other, "admin-disabled-signin");
        }
        finally {
            other.quit();
        }
        row(bob).findElement(By.cssSelector("button.enable")).click();
        waiting(browser).until(d -> status().contains(bob + " is enabled again"));
        assertThat(row(bob).findElement(By.cssSelector("td.state")).getText()).contains("Active");
        assertThat(token(bob, PASSWORD)).isNotBlank();

        // Failed sign-ins lock cy out (from one address); the admin sees it and unlocks.
        for (int i = 0; i < 10; i++)
            loginFrom("127.0.0.9", cy, "guess " + i);
        assertThat(loginFrom("127.0.0.9", cy, PASSWORD)).isEqualTo(429);
        browser.navigate().refresh();
        wait.until(d -> "accounts".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        search(cy);
        assertThat(row(cy).findElement(By.cssSelector("td.state")).getText()).contains("Locked: 1 address");
        screenshot("admin-locked");
        row(cy).findElement(By.cssSelector("button.unlock")).click();
        waiting(browser).until(d -> status().contains(cy + " is unlocked"));
        assertThat(row(cy).findElement(By.cssSelector("td.state")).getText()).doesNotContain("Locked");
        assertThat(row(cy).findElements(By.cssSelector("button.unlock"))).isEmpty();
        assertThat(loginFrom("127.0.0.9", cy, PASSWORD)).isEqualTo(200);
    }

    @Test
    void theLastAdminIsToldWhyItCannotStepDown() throws Exception {
        List<Long> others = jdbc.sql("select id from users where role = 'ADMIN' and disabled_at is null")
            .query(Long.class)
            .list();
        others.forEach(id -> accounts.setRole(id, Role.LEARNER));
        try {
            String admin = "solo" + tag();
            account(admin, Role.ADMIN);
            openAdmin();
            signInHere(admin);
            wait.until(d -> "accounts".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
            search(admin);
            allowConsoleError("409");
            new Select(row(admin).findElement(By.cssSelector("select.role"))).selectByValue("learner");
            waiting(browser).until(d -> status().contains("only enabled admin"));
            assertThat(browser.findElement(By.id("admin-status")).getDomAttribute("class")).contains("error");
            assertThat(new Select(row(admin).findElement(By.cssSelector("select.role"))).getFirstSelectedOption()
                .getText()).isEqualTo("admin");
            row(admin).findElement(By.cssSelector("button.disable")).click();
            waiting(browser).until(d -> status().contains("disabling it would leave"));
            assertThat(accounts.findByUsername(admin).orElseThrow().role()).isEqualTo(Role.ADMIN);
            screenshot("admin-last-admin");
        }
        finally {
            others.forEach(id -> accounts.setRole(id, Role.ADMIN));
        }
    }

    @Test
    void anyoneButAnAdminIsToldThePageIsForAdminsOnly() throws Exception {
        openAdmin();
        assertThat(browser.findElement(By.id("refusal-title")).getText()).isEqualTo("Admins only");
        assertThat(browser.findElement(By.id("refusal-text")).getText()).contains("Sign in with an admin account");
        assertThat(browser.findElements(By.id("accounts"))).isEmpty();
        assertAccessible("admin, signed out");
        screenshot("admin-signed-out");

        String learner = "plain" + tag();
        account(learner, Role.LEARNER);
        signInHere(learner);
        wait.until(d -> browser.findElement(By.id("refusal-text")).getText().contains("signed in as " + learner));
        assertThat(browser.findElement(By.id("refusal-text")).getText()).contains("(learner)")
            .contains("for admins only");
        assertThat(browser.findElements(By.id("accounts"))).isEmpty();
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo(learner + " (learner)");
        assertAccessible("admin, a learner signed in");
        screenshot("admin-refused");

        // "Sign in as someone else" leads back to the form.
        browser.findElement(By.id("signin-other")).click();
        wait.until(d -> !d.findElements(By.id("signin-form")).isEmpty());
        assertThat(browser.findElement(By.id("user")).getText()).isEmpty();
    }

    @Test
    void theAdminPageFitsAPhone() throws Exception {
        browser.quit();
        browser = newPhone();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        String tag = tag();
        String admin = "phone" + tag;
        account(admin, Role.ADMIN);
        account("ann" + tag, Role.LEARNER);
        openAdmin();
        signInHere(admin);
        wait.until(d -> "accounts".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        search(tag);
        assertThat(rows()).containsExactly("ann" + tag, admin);

        Number overflow = (Number) js(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(0);
        WebElement disable = row("ann" + tag).findElement(By.cssSelector("button.disable"));
        assertThat(disable.isDisplayed()).isTrue();
        assertThat(disable.getSize().getHeight()).as("a finger-sized button").isGreaterThanOrEqualTo(44);
        assertAccessible("admin on a phone");
        screenshot("admin-phone");
    }

    private static void screenshotOf(WebDriver in, String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) in).getScreenshotAs(OutputType.BYTES));
    }

}
