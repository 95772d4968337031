package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The review page's screens one by one: the queue with its filters and signing out, a
 * submission, the task form with several starter files in Monaco, an attempt's live
 * files, and the queue and a submission on a phone. Screenshots: review-queue-*,
 * submission-*, task-form-*, review-live-light.
 */
class ReviewScreensBrowserTest extends ReviewBrowserFixtures {

    /** A task with a submission of a candidate's in the reviewer's queue. */
    private record Submitted(long task, User candidate, long attempt, long project, long submission) {
    }

    private Submitted submitted(User reviewer) {
        long task = sumTask(reviewer, Map.of());
        User candidate = newUser();
        JsonNode attempt = attempt(reviewer, task, candidate);
        long project = attempt.path("projectId").asLong();
        putFile(candidate, project, "main.py", SUM);
        long submission = submit(candidate, attempt.path("id").asLong(), "Adds them now");
        return new Submitted(task, candidate, attempt.path("id").asLong(), project, submission);
    }

    private List<WebElement> queueRows() {
        return browser.findElements(By.cssSelector("#queue tr"));
    }

    @Test
    void theQueueFiltersInASpacedRowAndSigningOutShowsTheSignInView() throws Exception {
        User reviewer = reviewer();
        Submitted s = submitted(reviewer);
        signInToReview(reviewer);
        wait.until(d -> queueRows().size() == 1);
        assertThat(queueRows().get(0).getText()).contains("Sum two numbers", s.candidate().username(), "#1",
                "submitted", "3/3");

        List<WebElement> fields = browser.findElements(By.cssSelector("#queue-filters > label"));
        assertThat(fields).hasSize(3);
        for (int i = 1; i < fields.size(); i++) {
            int gap = fields.get(i).getRect().getX()
                    - (fields.get(i - 1).getRect().getX() + fields.get(i - 1).getRect().getWidth());
            assertThat(gap).as("space between filters " + i + " and " + (i + 1)).isGreaterThanOrEqualTo(12);
        }
        browser.findElement(By.id("queue-learner")).sendKeys("nobody-" + System.nanoTime(), Keys.ENTER);
        wait.until(d -> queueRows().isEmpty() && d.findElement(By.id("queue-empty")).isDisplayed());
        browser.findElement(By.id("queue-learner")).clear();
        browser.findElement(By.id("queue-learner")).sendKeys(s.candidate().username());
        browser.findElement(By.id("queue-refresh")).click();
        wait.until(d -> queueRows().size() == 1);
        assertAccessible("the review queue");
        screenshotThemes("review-queue");

        browser.findElement(By.id("signout")).click();
        wait.until(d -> d.findElement(By.id("signin-view")).isDisplayed());
        assertThat(browser.findElement(By.id("signout")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("review-nav")).isDisplayed()).isFalse();
        assertThat(text("user")).isEmpty();
        assertThat(browser.findElement(By.id("queue-view")).isDisplayed()).isFalse();
        browser.navigate().refresh();
        waitReady();
        assertThat(browser.findElement(By.id("signin-view")).isDisplayed()).as("signed out on the server too").isTrue();
        signInToReview(reviewer);
        wait.until(d -> queueRows().size() == 1);
    }

    @Test
    void aSubmissionShowsItsResultsDiffAndCommentsAndTakesADecision() throws Exception {
        User reviewer = reviewer();
        Submitted s = submitted(reviewer);
        signInToReview(reviewer);
        browser.get("http://localhost:" + port + "/review.html#submission=" + s.submission());
        wait.until(d -> d.findElement(By.id("submission-view")).isDisplayed()
                && text("diff-summary").contains("Against the starter files: 1 modified"));
        wait.until(d -> Boolean.TRUE.equals(js("const m = sandlotReviewPage.diffEditor?.getModel();"
                + "return !!m && m.modified.getValue().includes('a + b') && m.modified.getLanguageId() === 'python'")));
        assertThat(text("submission-results")).contains("Small numbers", "Negative numbers", "Large (hidden)");
        new Select(browser.findElement(By.id("comment-path"))).selectByValue("main.py");
        browser.findElement(By.id("comment-line")).sendKeys("3");
        browser.findElement(By.id("comment-body")).sendKeys("Nice and short.");
        browser.findElement(By.id("comment-add")).click();
        wait.until(d -> text("comments").contains("main.py:3"));
        assertThat(text("comments")).contains("print(a + b)", "Nice and short.");
        assertAccessible("a submission");
        js("document.activeElement.blur(); document.getElementById('main').scrollTo(0, 0)");
        screenshotThemes("submission");
        browser.findElement(By.id("decision-comment")).sendKeys("Good.");
        browser.findElement(By.id("decide-approve")).click();
        wait.until(d -> text("submission-status").equals("approved"));
    }

    @Test
    void theTaskFormEditsSeveralStarterFilesInMonacoAndAnEditKeepsThemAll() throws Exception {
        User reviewer = reviewer();
        signInToReview(reviewer);
        browser.findElement(By.id("nav-new")).click();
        wait.until(d -> d.findElement(By.id("new-view")).isDisplayed());
        browser.findElement(By.id("nt-title")).sendKeys("Two files");
        new Select(browser.findElement(By.id("nt-language"))).selectByValue("python");
        browser.findElement(By.id("nt-statement")).sendKeys("Use the helper.");
        wait.until(d -> tabs().equals(List.of("main.py")));
        assertThat(browser.findElement(By.id("nt-path")).getDomProperty("value")).isEqualTo("main.py");
        typeStarter("from lib.util import add\nprint(add(int(input()), int(input())))\n");

        browser.findElement(By.id("nt-file-add")).click();
        wait.until(d -> tabs().equals(List.of("main.py", "file2.py")));
        renameActiveFile("lib/util.py");
        wait.until(d -> tabs().equals(List.of("main.py", "lib/util.py")));
        typeStarter("def add(a, b):\n    return a - b");
        assertThat(js("return sandlotReviewPage.form.starter.model('lib/util.py').getLanguageId()"))
            .isEqualTo("python");

        browser.findElement(By.id("nt-file-add")).click();
        renameActiveFile("NOTES.md");
        wait.until(d -> tabs().equals(List.of("main.py", "lib/util.py", "NOTES.md")));
        assertThat(js("return sandlotReviewPage.form.starter.model('NOTES.md').getLanguageId()")).isEqualTo("markdown");
        renameActiveFile("main.py");
        assertThat(text("nt-files-error")).contains("already a file");
        browser.findElement(By.id("nt-file-remove")).click();
        wait.until(d -> tabs().equals(List.of("main.py", "lib/util.py")));
        assertThat(new Select(browser.findElement(By.id("nt-entry"))).getFirstSelectedOption().getText())
            .isEqualTo("main.py");

        browser.findElement(By.id("nt-add-test")).click();
        browser.findElement(By.cssSelector("#nt-tests .nt-name")).sendKeys("Adds");
        browser.findElement(By.cssSelector("#nt-tests .nt-stdin")).sendKeys("2\n3");
        browser.findElement(By.cssSelector("#nt-tests .nt-expected")).sendKeys("5");
        assertAccessible("the task form");
        js("document.getElementById('nt-files-box').scrollIntoView({ block: 'start' })");
        screenshotThemes("task-form");
        browser.findElement(By.id("nt-create")).click();
        wait.until(
                d -> d.findElement(By.id("task-view")).isDisplayed() && !d.findElements(By.id("task-edit")).isEmpty());
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*#task=", ""));
        JsonNode task = as(reviewer, "GET", "/api/v1/tasks/" + id, null).json();
        assertThat(task.path("entry").asString()).isEqualTo("main.py");
        assertThat(task.path("tests").path(0).path("name").asString()).isEqualTo("Adds");
        assertThat(starterFiles(task)).containsExactlyInAnyOrder(
                Map.entry("main.py", "from lib.util import add\nprint(add(int(input()), int(input())))\n"),
                Map.entry("lib/util.py", "def add(a, b):\n    return a - b"));

        // Editing keeps every starter file; a change to one of them is saved.
        browser.findElement(By.id("task-edit")).click();
        wait.until(d -> d.findElement(By.id("new-view")).isDisplayed()
                && Set.copyOf(tabs()).equals(Set.of("main.py", "lib/util.py")));
        browser.findElement(By.cssSelector("#nt-files button[data-path='lib/util.py']")).click();
        wait.until(d -> "lib/util.py".equals(d.findElement(By.id("nt-path")).getDomProperty("value")));
        typeStarter("def add(a, b):\n    return a + b");
        browser.findElement(By.id("nt-create")).click();
        wait.until(d -> d.findElement(By.id("task-view")).isDisplayed());
        wait.until(d -> Set.copyOf(starterFiles(as(reviewer, "GET", "/api/v1/tasks/" + id, null).json()))
            .equals(Set.of(Map.entry("main.py", "from lib.util import add\nprint(add(int(input()), int(input())))\n"),
                    Map.entry("lib/util.py", "def add(a, b):\n    return a + b"))));
    }

    private List<String> tabs() {
        return browser.findElements(By.cssSelector("#nt-files button")).stream().map(WebElement::getText).toList();
    }

    private void renameActiveFile(String path) {
        WebElement name = browser.findElement(By.id("nt-path"));
        name.sendKeys(Keys.chord(Keys.CONTROL, "a"), path);
        browser.findElement(By.id("nt-file-rename")).click();
    }

    /** Replaces the open starter file's text in the form's Monaco editor. */
    private void typeStarter(String code) {
        browser.findElement(By.cssSelector("#nt-editor .monaco-editor")).click();
        WebElement input = browser.findElement(By.cssSelector("#nt-editor .monaco-editor textarea"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(code);
        String path = String.valueOf(browser.findElement(By.id("nt-path")).getDomProperty("value"));
        wait.until(d -> code.equals(js("return sandlotReviewPage.form.starter.model(arguments[0]).getValue()", path)));
    }

    private static List<Map.Entry<String, String>> starterFiles(JsonNode task) {
        return task.path("starterFiles")
            .valueStream()
            .map(f -> Map.entry(f.path("path").asString(), f.path("content").asString()))
            .toList();
    }

    @Test
    void anAttemptsLiveFilesUpdateByThemselvesWithoutLosingTheReviewersPlace() throws Exception {
        User reviewer = reviewer();
        StringBuilder longFile = new StringBuilder(SUM);
        for (int i = 1; i <= 80; i++)
            longFile.append("# note ").append(i).append('\n');
        long task = sumTask(reviewer, Map.of("starterFiles", List.of(Map.of("path", "main.py", "content", longFile))));
        User candidate = newUser();
        JsonNode attempt = attempt(reviewer, task, candidate);
        long project = attempt.path("projectId").asLong();
        signInToReview(reviewer);
        browser.get("http://localhost:" + port + "/review.html#task=" + task);
        wait.until(d -> !d.findElements(By.cssSelector("#task-view button.watch")).isEmpty());
        browser.findElement(By.cssSelector("#task-view button.watch")).click();
        wait.until(d -> Boolean.TRUE.equals(js("const f = sandlotReviewPage.live?.files.get('main.py');"
                + "return !!f && f.model.getValue().includes('# note 80') && f.model.getLanguageId() === 'python'")));
        assertThat(text("live-tabs")).isEqualTo("main.py");
        assertThat(browser.findElements(By.xpath("//div[@id='attempt-live']//button[text()='Refresh']"))).isEmpty();
        assertThat(js("return sandlotReviewPage.live.editor.getRawOptions().readOnly")).isEqualTo(true);

        js("sandlotReviewPage.live.editor.setScrollTop(600)");
        wait.until(d -> ((Number) js("return sandlotReviewPage.live.editor.getScrollTop()")).intValue() == 600);
        putFile(candidate, project, "main.py", longFile + "print('edited live')\n");
        putFile(candidate, project, "helper.py", "HELP = 1\n");
        wait.until(d -> Boolean.TRUE.equals(js("return sandlotReviewPage.live.files.get('main.py').model.getValue()"
                + ".includes(\"print('edited live')\")")));
        assertThat(((Number) js("return sandlotReviewPage.live.editor.getScrollTop()")).intValue())
            .as("the reviewer's scroll position after the update")
            .isEqualTo(600);
        wait.until(
                d -> text("live-tabs").equals("helper.py\nmain.py") || text("live-tabs").equals("helper.py main.py"));

        Response run = as(candidate, "POST", "/api/v1/projects/" + project + "/run", Map.of("stdin", "1\n2\n"));
        assertThat(run.status()).isEqualTo(200);
        wait.until(d -> text("live-runs").contains("ok · project"));
        assertAccessible("an attempt's live files");
        js("document.getElementById('attempt-live').scrollIntoView({ block: 'start' })");
        screenshot("review-live-light");

        // Leaving the task stops the polling.
        browser.findElement(By.id("nav-queue")).click();
        wait.until(d -> Boolean.TRUE.equals(js("return sandlotReviewPage.live === null")));
    }

    @Test
    void onAPhoneTheQueueAndASubmissionCanBeReadAndDecided() throws Exception {
        usePhone();
        User reviewer = reviewer();
        Submitted s = submitted(reviewer);
        signInToReview(reviewer);
        wait.until(d -> queueRows().size() == 1);
        assertNoSidewaysScroll();
        assertThat(queueRows().get(0).getText()).contains(s.candidate().username(), "submitted");
        screenshot("review-queue-phone");
        assertAccessible("the review queue on a phone");

        reachable(By.cssSelector("#queue tr")).click();
        wait.until(d -> d.findElement(By.id("submission-view")).isDisplayed()
                && text("diff-summary").contains("1 modified"));
        wait.until(d -> Boolean.TRUE.equals(js("return !!sandlotReviewPage.diffEditor?.getModel()")));
        assertNoSidewaysScroll();
        // The diff editor is as tall as the (short) diff: every line shows without
        // scrolling.
        wait.until(d -> Boolean.TRUE.equals(js("const e = sandlotReviewPage.diffEditor.getModifiedEditor();"
                + "const h = document.getElementById('diff-editor').getBoundingClientRect().height;"
                + "return h >= 100 && h >= e.getContentHeight() && e.getContentHeight() > 0")));
        screenshot("submission-phone");
        assertAccessible("a submission on a phone");
        reachable(By.id("decision-comment")).sendKeys("Good.");
        reachable(By.id("decide-approve")).click();
        wait.until(d -> text("submission-status").equals("approved"));
    }

}
