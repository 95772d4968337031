package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The review story in real headless Chromium, with two browsers at once: a reviewer
 * creates a task with a visible and a hidden test and shares its link; a candidate
 * without an account opens it, signs up on the spot, edits, runs the visible test and
 * submits; the reviewer diffs against the starter, comments on a line and requests
 * changes; the candidate sees the comment, fixes and resubmits; the reviewer diffs n-1 ->
 * n and approves. Screenshots go to server/target/screenshots/review-*.png.
 */
class ReviewBrowserTest extends ServerTest {

    private static final String STARTER = "a = int(input())\nb = int(input())\nprint(a - b)\n";

    @Autowired
    AccountService accounts;

    private WebDriver reviewerBrowser;

    private WebDriver learnerBrowser;

    @BeforeAll
    static void checkDriver() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BrowserTest.CHROMEDRIVER),
                "chromium-driver is not installed (./sandlot test installs it)");
        Files.createDirectories(BrowserTest.SCREENSHOTS);
    }

    @AfterEach
    void closeBrowsers() {
        if (reviewerBrowser != null)
            reviewerBrowser.quit();
        if (learnerBrowser != null)
            learnerBrowser.quit();
    }

    /**
     * Waits for a condition; the page re-renders views, so an element found a moment ago
     * may be replaced.
     */
    private static WebDriverWait waitIn(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Files.write(BrowserTest.SCREENSHOTS.resolve("review-" + name + ".png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static Object js(WebDriver browser, String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void ready(WebDriver browser) {
        waitIn(browser).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    /** Replaces the open file's text in the playground's Monaco editor. */
    private static void typeCode(WebDriver browser, String code) {
        WebElement input = browser.findElement(By.cssSelector("#editor .monaco-editor textarea"));
        browser.findElement(By.cssSelector("#editor .monaco-editor")).click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(code);
        waitIn(browser).until(d -> code.equals(js(d, "return sandlot.editor.getValue()")));
    }

    private void openSubmissionFromQueue(WebDriver r, int number) {
        r.get("http://localhost:" + port + "/review.html#queue");
        ready(r);
        By row = By.xpath("//tbody[@id='queue']/tr[td[4][text()='#" + number + "']]");
        waitIn(r).until(d -> !d.findElements(row).isEmpty());
        r.findElement(row).click();
        waitIn(r).until(d -> d.findElement(By.id("submission-view")).isDisplayed()
                && !d.findElements(By.cssSelector("#diff-files button")).isEmpty());
    }

    @Test
    void theWholeReviewStory() throws Exception {
        String reviewerName = "rev" + System.nanoTime() % 1_000_000;
        String reviewerPassword = "a reviewer password";
        long reviewerId = post("/api/v1/auth/signup", Map.of("username", reviewerName, "password", reviewerPassword))
            .json()
            .path("id")
            .asLong();
        accounts.setRole(reviewerId, Role.REVIEWER);
        reviewerBrowser = BrowserTest.newBrowser(1400, 1000);
        learnerBrowser = BrowserTest.newBrowser(1400, 1000);
        WebDriver r = reviewerBrowser;
        WebDriver l = learnerBrowser;

        // The reviewer signs in on the review page and creates the task.
        r.get("http://localhost:" + port + "/review.html");
        ready(r);
        r.findElement(By.id("si-username")).sendKeys(reviewerName);
        r.findElement(By.id("si-password")).sendKeys(reviewerPassword, Keys.ENTER);
        waitIn(r).until(d -> text(d, "user").startsWith(reviewerName + " (reviewer)"));
        r.findElement(By.id("nav-new")).click();
        waitIn(r).until(d -> d.findElement(By.id("new-view")).isDisplayed());
        r.findElement(By.id("nt-title")).sendKeys("Sum two numbers");
        new Select(r.findElement(By.id("nt-language"))).selectByValue("python");
        r.findElement(By.id("nt-statement"))
            .sendKeys("# Sum\nRead **two** integers and print their sum.\n"
                    + "<script>window.injected = 1</script> <img src=x onerror=\"window.injected = 2\"> [trap](javascript:window.injected=3)");
        assertThat(r.findElement(By.id("nt-path")).getDomProperty("value")).isEqualTo("main.py");
        r.findElement(By.cssSelector("#nt-editor .monaco-editor")).click();
        r.findElement(By.cssSelector("#nt-editor .monaco-editor textarea")).sendKeys(STARTER);
        waitIn(r)
            .until(d -> STARTER.equals(js(d, "return sandlotReviewPage.form.starter.model('main.py').getValue()")));
        r.findElement(By.id("nt-add-test")).click();
        r.findElement(By.id("nt-add-test")).click();
        List<WebElement> rows = r.findElements(By.cssSelector("#nt-tests .test-row"));
        rows.get(0).findElement(By.className("nt-stdin")).sendKeys("3\n4");
        rows.get(0).findElement(By.className("nt-expected")).sendKeys("7");
        rows.get(1).findElement(By.className("nt-stdin")).sendKeys("91817\n10101");
        rows.get(1).findElement(By.className("nt-expected")).sendKeys("101918");
        rows.get(1).findElement(By.className("nt-hidden")).click();
        rows.get(1).findElement(By.className("nt-time")).sendKeys("5000");
        r.findElement(By.id("nt-create")).click();
        waitIn(r).until(d -> d.findElement(By.id("task-view")).isDisplayed()
                && !d.findElements(By.id("task-link-create")).isEmpty());
        assertThat(r.findElement(By.id("task-statement")).getDomProperty("innerHTML")).contains("<h1>Sum</h1>")
            .doesNotContain("<script", "<img");
        // The reviewer fixes the task in the same form: the cases come back filled in and
        // survive the edit.
        r.findElement(By.id("task-edit")).click();
        waitIn(r).until(d -> d.findElement(By.id("new-view")).isDisplayed());
        assertThat(r.findElement(By.id("nt-title")).getDomProperty("value")).isEqualTo("Sum two numbers");
        assertThat(r.findElements(By.cssSelector("#nt-tests .test-row"))).hasSize(2);
        r.findElement(By.id("nt-attempts")).clear();
        r.findElement(By.id("nt-attempts")).sendKeys("2");
        r.findElement(By.id("nt-create")).click();
        waitIn(r).until(d -> d.findElement(By.id("task-view")).isDisplayed()
                && text(d, "task-view").contains("2 attempt(s) per learner"));
        assertThat(text(r, "task-view")).contains("(hidden)", "5000 ms");
        r.findElement(By.id("task-link-create")).click();
        waitIn(r).until(d -> !d.findElements(By.id("task-link")).isEmpty());
        String link = r.findElement(By.id("task-link")).getDomAttribute("href");
        assertThat(link).startsWith("http://localhost:" + port + "/?task=");
        screenshot(r, "1-task");

        // A candidate without an account opens the link, signs up on the spot and lands
        // in the attempt.
        l.get(link);
        ready(l);
        waitIn(l).until(d -> d.findElement(By.id("dlg-auth")).isDisplayed());
        assertThat(text(l, "attempt-bar")).contains("Task: Sum two numbers", "1 visible and 1 hidden tests");
        String learnerName = "cand" + System.nanoTime() % 1_000_000;
        l.findElement(By.id("auth-username")).sendKeys(learnerName);
        l.findElement(By.id("auth-password")).sendKeys("a candidate password");
        l.findElement(By.id("auth-signup")).click();
        waitIn(l).until(d -> !d.findElements(By.id("attempt-run-tests")).isEmpty());
        waitIn(l).until(d -> STARTER.equals(js(d, "return sandlot.editor.getValue()")));
        assertThat(l.getCurrentUrl()).contains("/?attempt=");
        assertThat(js(l, "return window.injected === undefined")).isEqualTo(true);
        assertThat(text(l, "project-name")).isEqualTo("Sum two numbers (attempt)");

        // Edits, runs the visible test, submits.
        typeCode(l, "a = int(input())\nb = int(input())\nprint(7)");
        l.findElement(By.id("attempt-run-tests")).click();
        waitIn(l).until(d -> text(d, "attempt-results").contains("Tests: 1 of 1 passed"));
        assertThat(text(l, "attempt-tests")).contains("accepted");
        l.findElement(By.id("attempt-message")).sendKeys("Done, I think");
        l.findElement(By.id("attempt-submit")).click();
        waitIn(l).until(d -> text(d, "attempt-results").contains("Submitted #1."));
        waitIn(l).until(d -> text(d, "attempt-submissions").contains("1/1 visible, 0/1 hidden passed"));
        assertThat(text(l, "attempt-submissions")).doesNotContain("91817", "101918");
        screenshot(l, "2-submitted");

        // The reviewer watches the attempt read-only: its live files and its runs with
        // their times.
        r.navigate().refresh();
        ready(r);
        waitIn(r).until(d -> !d.findElements(By.cssSelector("#task-view button.watch")).isEmpty());
        r.findElement(By.cssSelector("#task-view button.watch")).click();
        waitIn(r).until(d -> !d.findElements(By.id("live-files")).isEmpty());
        assertThat(text(r, "live-files")).contains("main.py");
        waitIn(r).until(d -> Boolean.TRUE
            .equals(js(d, "return sandlotReviewPage.live.files.get('main.py').model.getValue().includes('print(7)')")));
        assertThat(text(r, "live-runs")).contains("ok · review-tests");

        // ...and the candidate's terminal, live and read-only.
        waitIn(l).until(d -> text(d, "terminal-state").startsWith("Connected"));
        r.findElement(By.id("watch-terminal")).click();
        waitIn(r).until(d -> text(d, "live-terminal-state").startsWith("Watching"));
        l.findElement(By.cssSelector("#terminal .xterm-helper-textarea")).sendKeys("echo wat''ched live" + Keys.ENTER);
        waitIn(r).until(d -> String
            .valueOf(js(d, "const b = sandlotReviewPage.liveTerminal.buffer.active; const o = [];"
                    + "for (let i = 0; i < b.length; i++) o.push(b.getLine(i).translateToString(true)); return o.join('\\n');"))
            .contains("watched live"));
        screenshot(r, "1b-watching-terminal");

        // The reviewer opens the queue, sees the diff against the starter, comments on a
        // line, requests changes.
        openSubmissionFromQueue(r, 1);
        assertThat(text(r, "submission-results")).contains("accepted", "wrong_answer", "(hidden)");
        waitIn(r).until(d -> text(d, "diff-summary").contains("Against the starter files: 1 modified"));
        waitIn(r).until(d -> !d.findElements(By.cssSelector("#diff-editor .monaco-diff-editor")).isEmpty());
        waitIn(r).until(d -> Boolean.TRUE.equals(js(d, "const e = sandlotReviewPage.diffEditor; "
                + "return !!e && !!e.getModel() && e.getModel().modified.getValue().includes('print(7)')")));
        screenshot(r, "3-diff-starter");
        r.findElement(By.id("diff-unified-toggle")).click();
        waitIn(r).until(d -> d.findElement(By.id("diff-unified")).isDisplayed());
        assertThat(text(r, "diff-unified")).contains("-print(a - b)", "+print(7)");
        new Select(r.findElement(By.id("comment-path"))).selectByValue("main.py");
        r.findElement(By.id("comment-line")).sendKeys("3");
        r.findElement(By.id("comment-body")).sendKeys("Do not hardcode the answer.");
        r.findElement(By.id("comment-add")).click();
        waitIn(r).until(d -> text(d, "comments").contains("main.py:3"));
        assertThat(text(r, "comments")).contains("print(7)", "Do not hardcode the answer.");
        r.findElement(By.id("decision-comment")).sendKeys("Read both numbers and add them.");
        r.findElement(By.id("decide-changes")).click();
        waitIn(r).until(d -> text(d, "submission-status").equals("changes requested"));
        screenshot(r, "4-changes-requested");

        // The candidate sees the notification and the comment, fixes and resubmits.
        l.navigate().refresh();
        ready(l);
        waitIn(l).until(d -> !d.findElements(By.id("attempt-comments")).isEmpty());
        assertThat(text(l, "attempt-comments")).contains("main.py:3", "Do not hardcode the answer.");
        assertThat(text(l, "attempt-submissions")).contains("changes requested", "Read both numbers and add them.");
        waitIn(l).until(d -> text(d, "notification-count").equals("2"));
        l.findElement(By.id("notifications")).click();
        waitIn(l).until(d -> text(d, "notification-list").contains("needs changes"));
        screenshot(l, "5-feedback");
        l.findElement(By.id("notifications")).click();
        waitIn(l).until(d -> STARTER.replace("a - b", "7")
            .strip()
            .equals(((String) js(d, "return sandlot.editor.getValue()")).strip()));
        typeCode(l, "a = int(input())\nb = int(input())\nprint(a + b)");
        l.findElement(By.id("attempt-run-tests")).click();
        waitIn(l).until(d -> text(d, "attempt-results").contains("Tests: 1 of 1 passed"));
        l.findElement(By.id("attempt-message")).sendKeys("Reads the numbers now");
        l.findElement(By.id("attempt-submit")).click();
        waitIn(l).until(d -> text(d, "attempt-results").contains("Submitted #2."));
        waitIn(l).until(d -> text(d, "attempt-submissions").contains("1/1 visible, 1/1 hidden passed"));

        // The reviewer sees the n-1 -> n diff and approves.
        openSubmissionFromQueue(r, 2);
        waitIn(r).until(d -> text(d, "diff-summary").contains("Against submission #1: 1 modified"));
        assertThat(new Select(r.findElement(By.id("diff-against"))).getFirstSelectedOption().getDomAttribute("value"))
            .isEqualTo("previous");
        waitIn(r).until(d -> Boolean.TRUE.equals(js(d, "const e = sandlotReviewPage.diffEditor, m = e && e.getModel(); "
                + "return !!m && m.original.getValue().includes('print(7)') && m.modified.getValue().includes('print(a + b)')")));
        screenshot(r, "6-diff-previous");
        r.findElement(By.id("diff-unified-toggle")).click();
        assertThat(text(r, "diff-unified")).contains("-print(7)", "+print(a + b)");
        r.findElement(By.id("decision-comment")).sendKeys("Good.");
        r.findElement(By.id("decide-approve")).click();
        waitIn(r).until(d -> text(d, "submission-status").equals("approved"));

        // The candidate sees the approval.
        l.navigate().refresh();
        ready(l);
        waitIn(l).until(d -> !d.findElements(By.cssSelector("#attempt-submissions li[data-number='2']")).isEmpty());
        assertThat(l.findElement(By.cssSelector("#attempt-submissions li[data-number='2']")).getText())
            .contains("approved", "Good.");
        screenshot(l, "7-approved");
    }

}
