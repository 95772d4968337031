package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The terminal pane in real Chromium: type into xterm.js, see the sandbox answer, see its
 * files in the tree.
 */
class TerminalBrowserTest extends BrowserTest {

    private String screen() {
        return (String) js("const b = sandlotTerminal.xterm.buffer.active; const lines = [];"
                + "for (let i = 0; i < b.length; i++) lines.push(b.getLine(i).translateToString(true));"
                + "return lines.join('\\n');");
    }

    private void typeInTerminal(String keys) {
        WebElement input = browser.findElement(By.cssSelector("#terminal .xterm-helper-textarea"));
        input.sendKeys(keys);
    }

    @Test
    void typingInTheTerminalRunsTheProjectAndItsFilesAppearInTheTree() throws Exception {
        load();
        signUp();
        long started = System.nanoTime();
        typeCode("print(\"hello from the terminal\")");
        newProject("Terminal");
        wait.until(d -> d.findElement(By.id("terminal-pane")).isDisplayed());
        wait.until(d -> d.findElement(By.id("terminal-state")).getText().startsWith("Connected"));
        wait.until(d -> screen().contains("$ "));
        long promptMs = (System.nanoTime() - started) / 1_000_000;

        typeInTerminal("python main.py" + Keys.ENTER);
        wait.until(d -> screen().contains("hello from the terminal"));
        System.out.println("terminal: prompt " + promptMs + " ms after creating the project");

        typeInTerminal("echo 'print(40 + 2)' > made.py" + Keys.ENTER);
        wait.until(d -> d.findElements(By.xpath("//ul[@id='files']//button[text()='made.py']")).size() == 1);
        browser.findElement(By.xpath("//ul[@id='files']//button[text()='made.py']")).click();
        wait.until(d -> "print(40 + 2)\n".equals(js("return sandlot.editor.getValue()")));

        // Ctrl+C in the page reaches a program in the terminal.
        typeInTerminal("sleep 100; echo not inter''rupted" + Keys.ENTER);
        Thread.sleep(300);
        typeInTerminal(Keys.chord(Keys.CONTROL, "c"));
        typeInTerminal("echo after''wards" + Keys.ENTER);
        wait.until(d -> screen().contains("afterwards"));
        assertThat(screen()).doesNotContain("not interrupted");
        screenshot("terminal");

        browser.findElement(By.id("terminal-restart")).click();
        wait.until(d -> d.findElement(By.id("terminal-state")).getText().equals("Connected"));
        typeInTerminal("cat made.py" + Keys.ENTER);
        wait.until(d -> screen().contains("print(40 + 2)"));
    }

}
