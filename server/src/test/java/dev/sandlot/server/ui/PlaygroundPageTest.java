package dev.sandlot.server.ui;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the playground's browser tests do on the page besides typing and running. */
abstract class PlaygroundPageTest extends BrowserTest {

    /** Long enough for a compile on a busy two-core machine. */
    static final Duration COMPILE = Duration.ofSeconds(90);

    /**
     * Picks the first version of a language by its id (the option's value is id@version).
     */
    void selectLanguage(String id) {
        WebElement select = browser.findElement(By.id("language"));
        String value = browser.findElements(By.cssSelector("#language option"))
            .stream()
            .map(o -> o.getDomAttribute("value"))
            .filter(v -> v.startsWith(id + "@"))
            .findFirst()
            .orElseThrow();
        new Select(select).selectByValue(value);
        wait.until(d -> editorLanguage().equals(monacoLanguage(id)));
    }

    private static String monacoLanguage(String id) {
        return "bash".equals(id) ? "shell" : id;
    }

    String editorLanguage() {
        return (String) js("return sandlot.editor.getModel().getLanguageId()");
    }

    String editorValue() {
        return (String) js("return sandlot.editor.getValue()");
    }

    /** Puts a whole program in the editor at once, past the editor's typing aids. */
    void setCode(String code) {
        js("sandlot.editor.getModel().setValue(arguments[0])", code);
    }

    Object js(String script, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(script, args);
    }

    void clickRun() {
        browser.findElement(By.id("run")).click();
    }

    String status() {
        return browser.findElement(By.id("status")).getText();
    }

    void waitForStatus(String verdict, Duration timeout) {
        new WebDriverWait(browser, timeout).until(d -> status().startsWith(verdict));
    }

    /** Waits until the program is running (its run started on the server). */
    void waitUntilRunning() {
        wait.until(d -> status().startsWith("Running"));
    }

}
