package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What a run's result says: a compile error gives the compile's time and that the program
 * did not run; history rows name the project and show the whole time.
 */
class PlaygroundResultsBrowserTest extends PlaygroundPageTest {

    @Test
    void aCompileErrorSaysTheProgramDidNotRunAndGivesTheCompileTime() throws Exception {
        load();
        selectLanguage("c");
        setCode("int main(void) { return missing; }\n");
        clickRun();
        waitForStatus("compile_error", COMPILE);

        assertThat(status()).contains("compiled in", "did not run").doesNotContain("MiB", " 0 ms");
        assertThat(output()).contains("missing");
        screenshot("compile-error");
    }

    @Test
    void historyRowsNameTheProjectAndShowTheWholeTime() throws Exception {
        load();
        signUp();
        typeCode("print('for the history')");
        newProject("A project with a long name for the sidebar");
        clickRun();
        waitForStatus("ok");

        By row = By.cssSelector("#history li button");
        wait.until(d -> !d.findElements(row).isEmpty() && d.findElement(row).getText().contains("A project"));
        WebElement time = browser.findElement(By.cssSelector("#history li button time"));
        assertThat(time.getText()).matches("just now|\\d+ s ago");
        assertThat(time.getDomAttribute("title")).isNotBlank();
        assertThat(time.getDomAttribute("datetime")).isNotBlank();
        Number clipped = (Number) js("const t = arguments[0]; const b = t.closest('button');"
                + "return Math.max(t.scrollWidth - t.clientWidth, t.getBoundingClientRect().right - b.getBoundingClientRect().right);",
                time);
        assertThat(clipped.intValue()).as("pixels of the time cut off").isLessThanOrEqualTo(0);
        screenshot("history-rows");
    }

}
