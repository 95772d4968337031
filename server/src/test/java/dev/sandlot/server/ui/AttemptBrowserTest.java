package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The candidate's side of a task in the playground: the statement open, the time left,
 * the named test cases with their last verdicts, a run on the candidate's own input, and
 * the end of a timed attempt; then the whole attempt on a phone. Screenshots:
 * attempt-light/dark, attempt-warning, attempt-time-up, attempt-phone.
 */
class AttemptBrowserTest extends ReviewBrowserFixtures {

    @Autowired
    JdbcClient jdbc;

    private List<String> verdicts() {
        return browser.findElements(By.cssSelector("#attempt-tests li.test .verdict"))
            .stream()
            .map(WebElement::getText)
            .toList();
    }

    private void runOwnInput(String stdin, String expected) {
        WebElement box = browser.findElement(By.id("attempt-stdin"));
        box.clear();
        box.sendKeys(stdin);
        browser.findElement(By.id("attempt-custom-run")).click();
        wait.until(d -> text("attempt-custom-output").equals(expected));
        assertThat(text("attempt-custom-status")).startsWith("ok");
    }

    @Test
    void theAttemptShowsTheStatementTimeLeftNamedTestsAndRunsTheProgramOnOwnInput() throws Exception {
        User reviewer = reviewer();
        long task = sumTask(reviewer, Map.of("timeLimitMinutes", 30));
        openLinkAndSignUp(linkToken(reviewer, task));

        WebElement statement = browser.findElement(By.id("attempt-statement"));
        assertThat(statement.isDisplayed()).as("the statement is open from the start").isTrue();
        assertThat(statement.getText()).contains("Read two integers, one a line, and print their sum.");
        assertThat(text("attempt-timer")).matches("(29|30):\\d\\d left");
        assertThat(browser.findElement(By.id("attempt-timer")).getDomAttribute("class")).doesNotContain("warn");

        List<WebElement> tests = browser.findElements(By.cssSelector("#attempt-tests li.test"));
        assertThat(tests).hasSize(2);
        assertThat(tests.get(0).getText()).contains("Small numbers", "Input", "3\n4", "Expected output", "7");
        assertThat(tests.get(1).getText()).contains("Negative numbers", "-2\n-3", "-5");
        assertThat(verdicts()).containsExactly("not run yet", "not run yet");
        assertThat(text("attempt-bar")).contains("1 hidden test runs when you submit.").doesNotContain("91817");

        runOwnInput("10\n4", "6");

        browser.findElement(By.id("attempt-run-tests")).click();
        wait.until(d -> text("attempt-results").contains("Tests: 0 of 2 passed"));
        assertThat(verdicts()).containsExactly("wrong_answer", "wrong_answer");
        assertThat(tests.get(0).findElement(By.cssSelector(".test-detail pre.diff")).getText()).contains("7", "-1");

        typeCode(SUM);
        wait.until(d -> SUM.equals(js("return sandlot.editor.getValue()")));
        runOwnInput("10\n4", "14");
        browser.findElement(By.id("attempt-run-tests")).click();
        wait.until(d -> text("attempt-results").contains("Tests: 2 of 2 passed"));
        assertThat(verdicts()).containsExactly("accepted", "accepted");
        assertThat(text("attempt-tests-source")).startsWith("from your test run at");
        assertThat(tests.get(0).findElements(By.cssSelector(".test-detail pre"))).isEmpty();
        assertAccessible("the attempt");
        js("document.getElementById('attempt-tests-title').scrollIntoView({ block: 'start' })");
        screenshotThemes("attempt");

        // The last verdicts survive a reload: they come from the latest submission then.
        browser.findElement(By.id("attempt-submit")).click();
        wait.until(d -> text("attempt-results").contains("Submitted #1."));
        browser.navigate().refresh();
        waitReady();
        wait.until(d -> text("attempt-tests-source").equals("from submission #1"));
        assertThat(verdicts()).containsExactly("accepted", "accepted");
    }

    @Test
    void nearTheDeadlineTheCountdownWarnsThenTheTimeIsUpAndNothingMoreRunsOrSaves() throws Exception {
        User reviewer = reviewer();
        long task = sumTask(reviewer, Map.of("timeLimitMinutes", 30));
        openLinkAndSignUp(linkToken(reviewer, task));
        long attempt = ((Number) js("return sandlotReview.attempt.id")).longValue();
        // 25 seconds left of a 25-second attempt: inside the warning, which begins 30 s
        // from the end of a short one.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("update review_attempts set started_at = ?, deadline_at = ? where id = ?")
            .params(now, now.plusSeconds(25), attempt)
            .update();
        browser.navigate().refresh();
        waitReady();
        wait.until(
                d -> String.valueOf(d.findElement(By.id("attempt-timer")).getDomAttribute("class")).contains("warn"));
        assertThat(text("attempt-timer")).matches("0:[0-2]\\d left");
        assertThat(browser.findElement(By.id("attempt-run-tests")).isEnabled()).isTrue();
        screenshot("attempt-warning");

        wait.until(d -> text("attempt-timer").equals("Time is up"));
        assertClosed();
        screenshot("attempt-time-up");

        browser.navigate().refresh();
        waitReady();
        wait.until(
                d -> !d.findElements(By.id("attempt-timer")).isEmpty() && text("attempt-timer").equals("Time is up"));
        assertClosed();
    }

    private void assertClosed() {
        for (String id : List.of("attempt-run-tests", "attempt-submit", "attempt-custom-run")) {
            assertThat(browser.findElement(By.id(id)).isEnabled()).as(id + " is disabled").isFalse();
        }
        assertThat(text("attempt-results")).contains("Time is up: this attempt is closed and its files are read-only.");
        assertThat(js("return sandlot.editor.getRawOptions().readOnly")).isEqualTo(true);
        assertThat(browser.findElement(By.id("attempt-timer")).getDomAttribute("class")).contains("closed");
    }

    @Test
    void onAPhoneTheTaskTheEditorRunTestsAndSubmitAreAllReachable() throws Exception {
        usePhone();
        User reviewer = reviewer();
        long task = sumTask(reviewer, Map.of("timeLimitMinutes", 45));
        openLinkAndSignUp(linkToken(reviewer, task));

        assertThat(browser.findElement(By.id("attempt-bar")).getRect().getHeight())
            .as("the task panel has room for the task")
            .isGreaterThan(300);
        assertThat(browser.findElement(By.id("attempt-statement")).isDisplayed()).isTrue();
        assertNoSidewaysScroll();
        screenshot("attempt-phone");

        WebElement editor = reachable(By.cssSelector("#editor .monaco-editor"));
        assertThat(editor.getRect().getHeight()).as("the editor's height").isGreaterThan(200);
        typeCode(SUM);
        wait.until(d -> SUM.equals(js("return sandlot.editor.getValue()")));
        screenshot("attempt-phone-editor");
        reachable(By.id("attempt-run-tests")).click();
        wait.until(d -> text("attempt-results").contains("Tests: 2 of 2 passed"));
        reachable(By.id("attempt-message")).sendKeys("From my phone");
        reachable(By.id("attempt-submit")).click();
        wait.until(d -> text("attempt-results").contains("Submitted #1."));
        wait.until(d -> text("attempt-submissions").contains("2/2 visible, 1/1 hidden passed"));
        reachable(By.id("attempt-custom-run"));
        assertAccessible("the attempt on a phone");
    }

}
