package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;

/**
 * The live interview in two real Chromium browsers at once: an interviewer starts a pad
 * from a task on the review page and copies the candidate link; the candidate signs up on
 * the join page; typing shows in the other browser with the typist's named cursor; both
 * type at the same spot at once and the text converges with nothing lost or doubled, in
 * both editors and in the saved project file; a paste past the file cap is refused, said
 * so and undone (the browser rebuilds from the server and shows what everyone else has);
 * a run started by one shows in both with who typed its input; the candidate's name says
 * "typing…" and Follow opens their file at their cursor; the interviewer, who may not
 * type, waits for the candidate's shell without failing handshakes, then watches it, and
 * their keys go nowhere; a reload keeps the text; the end makes the pad read-only with a
 * link to the submission; the scorecard saves; playback replays the typing in order, with
 * the run and a flagged paste on its timeline.
 */
class PadBrowserTest extends PadBrowserFixtures {

    private static final String TYPED = "total = a + b";

    @Test
    void theInterviewInTwoBrowsers() throws Exception {
        User reviewer = reviewer();
        long task = sumTask(reviewer, Map.of());
        WebDriver interviewer = browser;
        signInToReview(reviewer);
        interviewer.get(url("/review.html#task=" + task));
        wait.until(d -> !d.findElements(By.id("task-interview")).isEmpty());
        interviewer.findElement(By.id("task-interview")).click();
        waitSynced(interviewer);
        assertThat(editorText(interviewer)).isEqualTo(STARTER);
        long pad = Long.parseLong(interviewer.getCurrentUrl().replaceAll(".*/pads/(\\d+).*", "$1"));
        String candidateLink = interviewer.findElement(By.id("pad-link-candidate")).getDomProperty("value");
        assertThat(candidateLink).as("the candidate link, ready to copy").isNotBlank();
        assertThat(interviewer.findElement(By.id("pad-copy-link")).getDomAttribute("class"))
            .as("copying the candidate link: the first thing to do, so the primary button")
            .contains("primary");
        screenshot("pad-interviewer-start");
        assertThat(interviewer.findElement(By.id("pad-link-interviewer")).getDomProperty("value")).isNotBlank();
        JsonNode view = as(reviewer, "GET", "/api/v1/pads/" + pad, null).json();
        long project = view.path("projectId").asLong();

        WebDriver candidate = another();
        String name = joinWithNewAccount(candidate, candidateLink);
        assertThat(editorText(candidate)).isEqualTo(STARTER);
        waitIn(interviewer).until(d -> d.findElement(By.id("pad-people")).getText().contains(name));
        waitIn(interviewer)
            .until(d -> !d.findElement(By.id("pad-copy-link")).getDomAttribute("class").contains("primary"));
        waitIn(candidate).until(d -> d.findElement(By.id("pad-watching")).getText().contains(reviewer.username()));
        assertThat(candidate.findElement(By.id("pad-side")).isDisplayed()).as("no interviewer panel for a candidate")
            .isFalse();

        // Typing in one browser shows in the other, and so does the typist's cursor,
        // named.
        cursorAt(candidate, -1);
        type(candidate, TYPED);
        waitText(interviewer, STARTER + TYPED);
        waitIn(interviewer).until(d -> String.valueOf(run(d, """
                const head = document.querySelector('#pad-editor .yRemoteSelectionHead');
                return head ? getComputedStyle(head, '::after').content : '';
                """)).contains(name));

        // Both type at the same spot at once: every character arrives once, each typist's
        // in order.
        String before = editorText(candidate);
        int spot = STARTER.indexOf('\n');
        cursorAt(candidate, spot);
        cursorAt(interviewer, spot);
        typeAtOnce(List.of(candidate, interviewer), List.of("QWERT", "JKLMN"));
        waitIn(candidate).until(d -> editorText(d).length() == before.length() + 10);
        waitIn(interviewer).until(d -> editorText(d).equals(editorText(candidate)));
        String merged = editorText(candidate);
        assertThat(merged.replaceAll("[QWERTJKLMN]", "")).isEqualTo(before);
        assertThat(merged.replaceAll("[^QWERT]", "")).isEqualTo("QWERT");
        assertThat(merged.replaceAll("[^JKLMN]", "")).isEqualTo("JKLMN");
        waitIn(interviewer).until(d -> projectFile(reviewer, project, "main.py").equals(merged));

        // A paste past the project's file cap: the server refuses it, and the candidate's
        // browser says so and rebuilds from the server, so it shows what everyone else
        // has.
        run(candidate,
                """
                        const e = sandlotPad.page.editor.editor, m = e.getModel(), end = m.getPositionAt(m.getValueLength());
                        e.executeEdits('paste', [{ range: { startLineNumber: end.lineNumber, startColumn: end.column,
                          endLineNumber: end.lineNumber, endColumn: end.column }, text: ('y'.repeat(99) + '\\n').repeat(11000) }]);
                        """);
        waitIn(candidate).until(d -> d.findElement(By.id("pad-error-text")).getText().contains("too large"));
        assertThat(candidate.findElement(By.id("pad-error-text")).getText())
            .isEqualTo("That edit was too large for the pad (a file may hold at most 1 MB). Your edit was undone,"
                    + " and the editor shows the pad’s text again.");
        waitSynced(candidate);
        waitText(candidate, merged);
        assertThat(editorText(interviewer)).isEqualTo(merged);
        assertThat(projectFile(reviewer, project, "main.py")).isEqualTo(merged);
        candidate.findElement(By.id("pad-error-close")).click();

        // A run started in one browser shows in both; the candidate answers its input.
        String program = "a = int(input())\nb = int(input())\nprint(a * b)\n";
        run(candidate, "sandlotPad.page.editor.editor.getModel().setValue(arguments[0])", program);
        waitText(interviewer, program);
        interviewer.findElement(By.id("pad-run")).click();
        waitIn(candidate).until(d -> !d.findElement(By.id("pad-answer")).getDomProperty("disabled").equals("true"));
        candidate.findElement(By.id("pad-answer")).sendKeys("6", Keys.ENTER);
        waitIn(candidate).until(d -> d.findElement(By.id("pad-inputs")).getText().contains(name + ": 6"));
        candidate.findElement(By.id("pad-answer")).sendKeys("7", Keys.ENTER);
        for (WebDriver b : List.of(candidate, interviewer)) {
            waitIn(b).until(d -> d.findElement(By.id("pad-output")).getText().contains("42"));
            waitIn(b).until(d -> d.findElement(By.id("pad-run-status")).getText().startsWith("ok"));
            assertThat(b.findElement(By.id("pad-run-by")).getText()).startsWith(reviewer.username() + " ran it");
            assertThat(b.findElement(By.id("pad-inputs")).getText()).contains(name + ": 6", name + ": 7");
        }

        interviewer.findElement(By.id("pad-notes")).sendKeys("Reads the input first. **Asks** about negatives.");
        waitIn(interviewer).until(d -> d.findElement(By.id("pad-notes-state")).getText().startsWith("Saved"));
        screenshotThemes("pad-interviewer");
        shoot(candidate, "pad-candidate");

        // "typing…" by the candidate's name while they type; Follow opens their file at
        // their cursor.
        candidate.findElement(By.id("pad-new-file")).click();
        answerDialog(candidate, "scratch.py");
        waitIn(interviewer).until(d -> tree(d).contains("scratch.py"));
        run(interviewer,
                """
                        window.sawTyping = false;
                        const seen = () => [...document.querySelectorAll('#pad-people li')].some(li =>
                          li.querySelector('strong')?.textContent === arguments[0] && li.querySelector('.doing')?.textContent === 'typing…');
                        new MutationObserver(() => { if (seen()) window.sawTyping = true; })
                          .observe(document.getElementById('pad-people'), { subtree: true, childList: true, characterData: true });
                        """,
                name);
        run(candidate, "sandlotPad.page.editor.editor.getModel().setValue(arguments[0])", "# line\n".repeat(120));
        cursorAt(candidate, -1);
        type(candidate, "# the end");
        waitIn(interviewer).until(d -> Boolean.TRUE.equals(run(d, "return window.sawTyping")));
        assertThat(run(interviewer, "return sandlotPad.page.editor.active")).isEqualTo("main.py");
        interviewer.findElement(By.cssSelector("#pad-people button.follow[aria-label='Follow " + name + "']")).click();
        waitIn(interviewer).until(d -> "scratch.py".equals(run(d, "return sandlotPad.page.editor.active"))
                && Boolean.TRUE.equals(run(d, """
                        const e = sandlotPad.page.editor.editor;
                        return e.getVisibleRanges().some(r => r.startLineNumber <= 121 && r.endLineNumber >= 121);
                        """)));
        assertThat(interviewer.findElement(By.id("pad-follow-state")).getText()).isEqualTo("Following " + name);
        interviewer.findElement(By.cssSelector("#pad-people button.follow[aria-label='Follow " + name + "']")).click();
        openFile(interviewer, "main.py");
        openFile(candidate, "main.py");

        // The terminal: the interviewer, who may not type, waits for the candidate's
        // shell
        // and then watches it; their keys go nowhere.
        interviewer.findElement(By.id("btab-terminal")).click();
        waitIn(interviewer).until(d -> d.findElement(By.id("pad-terminal-state"))
            .getText()
            .startsWith("The candidate has not opened the terminal yet"));
        candidate.findElement(By.id("btab-terminal")).click();
        waitIn(candidate).until(d -> d.findElement(By.id("pad-terminal-state")).getText().startsWith("Connected"));
        waitIn(candidate).until(d -> terminalScreen(d).contains("$ "));
        candidate.findElement(By.cssSelector("#pad-terminal .xterm-helper-textarea"))
            .sendKeys("echo pad-$((6*7))" + Keys.ENTER);
        waitIn(candidate).until(d -> terminalScreen(d).contains("\npad-42"));
        waitIn(interviewer).until(d -> d.findElement(By.id("pad-terminal-state")).getText().startsWith("watching"));
        waitIn(interviewer).until(d -> terminalScreen(d).contains("\npad-42"));
        interviewer.findElement(By.cssSelector("#pad-terminal .xterm-helper-textarea"))
            .sendKeys("echo nope-$((2*3))" + Keys.ENTER);
        candidate.findElement(By.cssSelector("#pad-terminal .xterm-helper-textarea"))
            .sendKeys("echo done-$((1+1))" + Keys.ENTER);
        waitIn(interviewer).until(d -> terminalScreen(d).contains("\ndone-2"));
        for (WebDriver b : List.of(candidate, interviewer))
            assertThat(terminalScreen(b)).as("the watcher's keys").doesNotContain("nope");
        screenshotThemes("pad-interviewer-terminal");
        for (WebDriver b : List.of(candidate, interviewer))
            b.findElement(By.id("btab-output")).click();

        // A paste of 250 characters, for the playback's flag.
        String paste = "# " + "x".repeat(247) + "\n";
        run(candidate, """
                const e = sandlotPad.page.editor.editor, m = e.getModel(), end = m.getPositionAt(m.getValueLength());
                e.executeEdits('paste', [{ range: { startLineNumber: end.lineNumber, startColumn: end.column,
                  endLineNumber: end.lineNumber, endColumn: end.column }, text: arguments[0] }]);
                """, paste);
        String finalText = program + paste;
        waitText(interviewer, finalText);

        // A reload keeps the text.
        candidate.navigate().refresh();
        waitSynced(candidate);
        assertThat(editorText(candidate)).isEqualTo(finalText);

        // The end: read-only for everyone, the submission linked, the scorecard saved.
        interviewer.findElement(By.id("pad-end")).click();
        waitIn(interviewer).until(d -> !d.findElements(By.id("dlg-ok")).isEmpty());
        interviewer.findElement(By.id("dlg-ok")).click();
        waitIn(interviewer).until(d -> !d.findElements(By.id("pad-submission-link")).isEmpty());
        assertThat(interviewer.findElement(By.id("pad-submission-link")).getDomAttribute("href"))
            .matches("/review\\.html#submission=\\d+");
        for (WebDriver b : List.of(candidate, interviewer)) {
            waitIn(b).until(
                    d -> Boolean.TRUE.equals(run(d, "return sandlotPad.page.editor.editor.getRawOptions().readOnly")));
            assertThat(b.findElement(By.id("pad-status")).getText()).isEqualTo("ended");
        }
        assertThat(projectFile(reviewer, project, "main.py")).isEqualTo(finalText);
        waitIn(interviewer)
            .until(d -> !d.findElements(By.cssSelector("#scorecard fieldset.score[data-criterion]")).isEmpty());
        for (var criterion : interviewer.findElements(By.cssSelector("#scorecard fieldset.score[data-criterion]")))
            criterion.findElement(By.cssSelector("input[value='3']")).click();
        interviewer.findElement(By.cssSelector("#score-recommendation input[value='yes']")).click();
        interviewer.findElement(By.id("score-comment")).sendKeys("Clear and careful.");
        interviewer.findElement(By.id("score-save")).click();
        waitIn(interviewer).until(d -> d.findElement(By.id("score-result")).getText().startsWith("Saved"));
        screenshotThemes("pad-ended");
        JsonNode cards = as(reviewer, "GET", "/api/v1/pads/" + pad + "/scorecards", null).json();
        assertThat(cards.get(0).path("recommendation").asString()).isEqualTo("yes");
        assertThat(cards.get(0).path("comment").asString()).isEqualTo("Clear and careful.");

        // Playback: every step in order; an intermediate step shows part of the typing.
        interviewer.findElement(By.id("pad-playback-open")).click();
        waitIn(interviewer)
            .until(d -> ((Number) run(d, "return sandlotPad.page.playback?.steps.length ?? 0")).intValue() > 0);
        @SuppressWarnings("unchecked")
        List<String> states = (List<String>) run(interviewer, """
                const pb = sandlotPad.page.playback, texts = [];
                for (let i = 0; i <= pb.steps.length; i++) { pb.seek(i); texts.push(pb.text('main.py')); }
                pb.seek(0);
                return texts;
                """);
        assertThat(states.get(states.size() - 1)).isEqualTo(finalText);
        int last = -1;
        for (int k = 1; k <= TYPED.length(); k++) {
            int at = states.indexOf(STARTER + TYPED.substring(0, k));
            assertThat(at).as("the step after typing %s", TYPED.substring(0, k)).isGreaterThan(last);
            last = at;
        }
        run(interviewer, "sandlotPad.page.playback.seek(Math.floor(sandlotPad.page.playback.steps.length / 2))");
        screenshotThemes("pad-playback-middle");
        interviewer.findElement(By.cssSelector("#pb-speed option[value='16']")).click();
        interviewer.findElement(By.id("pb-play")).click();
        waitIn(interviewer).until(d -> d.findElement(By.id("pb-step")).getText().matches("Step (\\d+) of \\1 .*"));
        assertThat(run(interviewer, "return sandlotPad.page.playback.text('main.py')")).isEqualTo(finalText);
        assertThat(interviewer.findElements(By.cssSelector("#pb-markers .pb-mark.paste.flagged"))
            .stream()
            .map(org.openqa.selenium.WebElement::getText)).contains("250");
        interviewer.findElement(By.cssSelector("#pb-markers .pb-mark.run")).click();
        waitIn(interviewer).until(d -> d.findElement(By.id("pb-run-output")).getText().contains("42"));
        assertThat(((Number) run(interviewer,
                """
                        const mark = document.querySelector('#pb-markers .pb-mark.run'), s = document.getElementById('pb-scrubber');
                        return Math.abs(parseFloat(mark.style.left) - 100 * s.value / s.max);
                        """))
            .doubleValue()).as("the run's marker right above where clicking it puts the scrubber").isLessThan(0.5);
        screenshot("pad-playback");

        interviewer.get(url("/review.html#interviews"));
        waitIn(interviewer)
            .until(d -> !d.findElements(By.cssSelector("#interviews tr[data-pad='" + pad + "']")).isEmpty());
        screenshotThemes("pad-review-interviews");
    }

    /** What a browser's pad terminal shows. */
    private static String terminalScreen(WebDriver b) {
        return (String) run(b, """
                const x = sandlotPad.page.terminal.xterm;
                if (!x) return '';
                const buf = x.buffer.active, lines = [];
                for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i).translateToString(true));
                return lines.join('\\n');
                """);
    }

    private static void shoot(WebDriver b, String name) throws Exception {
        java.nio.file.Files.write(SCREENSHOTS.resolve(name + ".png"),
                ((org.openqa.selenium.TakesScreenshot) b).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    /** Each browser types its keys at the same moment, one key at a time. */
    private static void typeAtOnce(List<WebDriver> browsers, List<String> keys) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(browsers.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> typing = new java.util.ArrayList<>();
            for (int i = 0; i < browsers.size(); i++) {
                WebDriver b = browsers.get(i);
                String k = keys.get(i);
                typing.add(pool.submit(() -> {
                    start.await();
                    for (char c : k.toCharArray())
                        type(b, String.valueOf(c));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : typing)
                f.get();
        }
        finally {
            pool.shutdown();
        }
    }

}
