package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The output view: a megabyte of output is all there, its last line in view, and the page
 * stays responsive; stderr and typed input keep their colours.
 */
class PlaygroundOutputBrowserTest extends PlaygroundPageTest {

    /** Just under the default output cap of 1 MiB: 14,000 lines of 72 bytes. */
    private static final String MEGABYTE = """
            import sys
            for i in range(14000):
                sys.stdout.write(f"line {i:05d} " + "x" * 60 + "\\n")
            print("the very last line")
            """;

    @Test
    void aMegabyteOfOutputIsShownToItsLastLineAndThePageStaysResponsive() throws Exception {
        load();
        setCode(MEGABYTE);
        clickRun();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> output().contains("the very last line"));
        waitForStatus("ok");

        long asked = System.nanoTime();
        js("return 1");
        long answerMs = (System.nanoTime() - asked) / 1_000_000;
        assertThat(answerMs).as("a script call while the output is on screen").isLessThan(3000);
        Map<?, ?> render = (Map<?, ?>) wait.until(d -> js("return sandlot.lastRender"));
        System.out.println("output view: " + render.get("bytes") + " bytes on screen " + render.get("ms")
                + " ms after the run ended; a script call answered in " + answerMs + " ms");
        assertThat(((Number) render.get("bytes")).longValue()).isGreaterThan(1_000_000);

        js("const o = document.getElementById('output'); o.scrollTop = 0; o.dispatchEvent(new Event('scroll'));");
        wait.until(d -> output().contains("line 00000 xxx"));
        assertThat(output()).doesNotContain("the very last line");
        screenshot("output-megabyte");
    }

    @Test
    void stderrAndTypedInputKeepTheirColours() throws Exception {
        load();
        setCode("import sys\nname = input('Name? ')\nprint('to stderr', file=sys.stderr)\nprint('hello', name)\n");
        clickRun();
        waitForOutput("Name?");
        browser.findElement(By.id("answer")).sendKeys("Ada\n");
        waitForStatus("ok");

        assertThat(browser.findElement(By.cssSelector("#output .stderr")).getText()).isEqualTo("to stderr");
        assertThat(browser.findElement(By.cssSelector("#output .typed")).getText()).isEqualTo("Ada");
        assertThat(output()).isEqualTo("Name? Ada\nto stderr\nhello Ada");
    }

}
