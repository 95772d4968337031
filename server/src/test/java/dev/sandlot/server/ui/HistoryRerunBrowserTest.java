package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * A run in the history runs again exactly: every file of its project, its entry, and the
 * input typed into it, without touching what the editor holds now.
 */
class HistoryRerunBrowserTest extends PlaygroundPageTest {

    @Test
    void aProjectRunWithTypedInputRunsAgainWithAllItsFilesAndItsInput() throws Exception {
        load();
        signUp();
        typeCode("from helper import greet\nprint(greet(input('name? ')))");
        newProject("Two modules");
        newFile("helper.py");
        typeCode("def greet(name):\n    return 'hello ' + name.upper()");
        wait.until(d -> d.findElement(By.id("save-state")).getText().equals("All changes saved."));

        clickRun();
        waitForOutput("name? ");
        browser.findElement(By.id("answer")).sendKeys("ada", Keys.ENTER);
        waitForStatus("ok");
        assertThat(output()).contains("hello ADA");

        browser.findElement(By.id("close-project")).click();
        wait.until(d -> d.findElement(By.id("files-panel")).getDomAttribute("hidden") != null);
        setCode("print('what the editor holds now')");

        By row = By.cssSelector("#history li button");
        wait.until(d -> !d.findElements(row).isEmpty() && d.findElement(row).getText().contains("Two modules"));
        browser.findElement(row).click();
        wait.until(d -> d.findElement(By.id("run-code")).getText().contains("helper.py"));
        assertThat(browser.findElement(By.id("run-code")).getText()).contains("main.py", "def greet(name):");
        assertThat(browser.findElement(By.id("run-input")).getText()).isEqualTo("ada");
        assertAccessible("a run from the history");
        screenshot("history-run");

        browser.findElement(By.id("run-again")).click();
        waitForStatus("ok");
        assertThat(output()).contains("hello ADA").doesNotContain("ModuleNotFoundError");
        assertThat(editorValue()).isEqualTo("print('what the editor holds now')");
    }

}
