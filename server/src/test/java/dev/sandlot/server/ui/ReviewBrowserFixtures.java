package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What the attempt and review page tests share: reviewers, tasks and attempts made
 * through the API, signing in on either page, and checks that a control can really be
 * reached and clicked.
 */
abstract class ReviewBrowserFixtures extends BrowserTest {

    static final String STARTER = "a = int(input())\nb = int(input())\nprint(a - b)\n";

    static final String SUM = "a = int(input())\nb = int(input())\nprint(a + b)\n";

    @Autowired
    AccountService accounts;

    /**
     * A longer wait than the default, ignoring elements replaced as a view re-renders.
     */
    @BeforeEach
    void patientWait() {
        wait = waitIn(browser);
    }

    User reviewer() {
        User u = newUser();
        accounts.setRole(u.id(), Role.REVIEWER);
        return u;
    }

    /**
     * A Python task "Sum two numbers": two named visible tests and a hidden one, the
     * starter printing the difference; {@code extra} adds or replaces fields.
     */
    long sumTask(User reviewer, Map<String, ?> extra) {
        Map<String, Object> task = new java.util.HashMap<>(Map.of("title", "Sum two numbers", "language", "python",
                "statement", "# Sum\nRead **two** integers, one a line, and print their sum.", "starterFiles",
                List.of(Map.of("path", "main.py", "content", STARTER)), "tests",
                List.of(Map.of("name", "Small numbers", "stdin", "3\n4\n", "expectedStdout", "7\n"),
                        Map.of("name", "Negative numbers", "stdin", "-2\n-3\n", "expectedStdout", "-5\n"),
                        Map.of("name", "Large", "stdin", "91817\n10101\n", "expectedStdout", "101918\n", "hidden",
                                true))));
        task.putAll(extra);
        return newTask(reviewer, task);
    }

    String linkToken(User reviewer, long task) {
        return as(reviewer, "POST", "/api/v1/tasks/" + task + "/link", Map.of()).json()
            .path("link")
            .path("token")
            .asString();
    }

    /**
     * Opens a task link in this test's browser and signs up on the spot, as a candidate
     * does; returns once the attempt bar is ready.
     */
    String openLinkAndSignUp(String token) {
        browser.get("http://localhost:" + port + "/?task=" + token);
        waitReady();
        wait.until(d -> d.findElement(By.id("dlg-auth")).isDisplayed());
        String name = "cand" + System.nanoTime() % 1_000_000;
        browser.findElement(By.id("auth-username")).sendKeys(name);
        browser.findElement(By.id("auth-password")).sendKeys("a candidate password");
        browser.findElement(By.id("auth-signup")).click();
        wait.until(d -> !d.findElements(By.id("attempt-run-tests")).isEmpty());
        wait.until(d -> STARTER.equals(js("return sandlot.editor.getValue()")));
        return name;
    }

    /** Signs in on the review page. */
    void signInToReview(User user) {
        browser.get("http://localhost:" + port + "/review.html");
        waitReady();
        browser.findElement(By.id("si-username")).sendKeys(user.username());
        browser.findElement(By.id("si-password")).sendKeys(user.password(), Keys.ENTER);
        wait.until(d -> d.findElement(By.id("user")).getText().startsWith(user.username() + " ("));
        waitReady();
    }

    void waitReady() {
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    /** A candidate's attempt at the task, started through its link by the API. */
    JsonNode attempt(User reviewer, long task, User candidate) {
        return attemptByLink(reviewer, task, candidate);
    }

    void putFile(User user, long project, String path, String content) {
        Response r = as(user, "PUT", "/api/v1/projects/" + project + "/files/" + path, Map.of("content", content));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    long submit(User candidate, long attempt, String message) {
        Response r = as(candidate, "POST", "/api/v1/submissions", Map.of("attemptId", attempt, "message", message));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** A phone instead of this test's desktop browser. */
    void usePhone() throws Exception {
        browser.quit();
        browser = newPhone();
        wait = waitIn(browser);
    }

    /**
     * Scrolls the control into view and checks nothing covers it: the point at its centre
     * belongs to it, so a person's tap lands on it.
     */
    WebElement reachable(By control) {
        WebElement e = browser.findElement(control);
        js("arguments[0].scrollIntoView({ block: 'center' })", e);
        assertThat(e.isDisplayed()).as(control + " is displayed").isTrue();
        assertThat(e.getRect().getWidth()).as(control + " width").isGreaterThan(20);
        assertThat(e.getRect().getHeight()).as(control + " height").isGreaterThan(20);
        Object onTop = js("const r = arguments[0].getBoundingClientRect();"
                + "const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                + "return !!at && (at === arguments[0] || arguments[0].contains(at));", e);
        assertThat(onTop).as(control + " is not covered").isEqualTo(true);
        return e;
    }

    /** The page is no wider than the screen: nothing to scroll sideways. */
    void assertNoSidewaysScroll() {
        Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("page wider than the screen by").isLessThanOrEqualTo(0);
    }

    static WebDriverWait waitIn(WebDriver in) {
        WebDriverWait w = new WebDriverWait(in, Duration.ofSeconds(40));
        w.ignoring(StaleElementReferenceException.class);
        return w;
    }

}
