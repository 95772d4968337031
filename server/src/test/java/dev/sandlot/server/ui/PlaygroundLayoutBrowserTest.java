package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground as a whole: one header row, empty states that say what will appear, the
 * keyboard shortcuts overlay, visible focus, accessibility in both themes, and a phone.
 */
class PlaygroundLayoutBrowserTest extends PlaygroundPageTest {

    private void resize(int width, int height) throws Exception {
        browser.quit();
        browser = newBrowser(width, height);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private void setTheme(String theme) throws Exception {
        js("document.documentElement.dataset.theme === '" + theme + "' || document.getElementById('theme').click();");
        Thread.sleep(150);
    }

    /**
     * The header's height over its tallest control's: 1 when everything sits on one row.
     */
    private double headerRows() {
        return ((Number) js("const h = document.getElementById('top');"
                + "const tallest = Math.max(...[...h.querySelectorAll('button, select, a, span, h1')]"
                + ".filter(e => e.offsetParent).map(e => e.getBoundingClientRect().height));"
                + "return h.getBoundingClientRect().height / tallest;"))
            .doubleValue();
    }

    @Test
    void theHeaderIsOneRowAt1280And1024PixelsSignedOutAndSignedIn() throws Exception {
        for (int width : List.of(1280, 1024)) {
            resize(width, 800);
            load();
            assertThat(headerRows()).as("header rows at %d px, signed out", width).isLessThan(1.9);
            signUp();
            wait.until(d -> d.findElement(By.id("notifications")).isDisplayed());
            assertThat(headerRows()).as("header rows at %d px, signed in", width).isLessThan(1.9);
            Number overflow = (Number) js("return document.documentElement.scrollWidth - innerWidth");
            assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
        }
        screenshot("playground-1024");
    }

    @Test
    void aProjectWithItsTerminalOpenFitsTheWindow() throws Exception {
        load();
        signUp();
        newProject("Fits");
        wait.until(d -> d.findElement(By.id("terminal-state")).getText().startsWith("Connected"));
        wait.until(d -> !screenRows().isBlank());

        Number overflow = (Number) js("return document.documentElement.scrollHeight - innerHeight");
        assertThat(overflow.intValue()).as("pixels the page scrolls by").isLessThanOrEqualTo(0);
    }

    private String screenRows() {
        return (String) js("return document.querySelector('#terminal .xterm-rows')?.textContent ?? ''");
    }

    @Test
    void emptyPanesSayWhatWillAppearThere() throws Exception {
        load();
        assertThat(output()).isEqualTo("Press Run (Ctrl+Enter) to see your program\u2019s output here.");
        signUp();
        wait.until(d -> d.findElement(By.id("projects")).getText().contains("listed here"));
        wait.until(d -> d.findElement(By.id("history")).getText().contains("listed here"));
        setCode("pass\n");
        clickRun();
        waitForStatus("ok");
        assertThat(output()).isEqualTo("The program printed nothing.");
    }

    @Test
    void theQuestionMarkKeyOpensTheShortcutsAndEscapeClosesThem() throws Exception {
        load();
        WebElement dialog = browser.findElement(By.id("dlg-shortcuts"));
        browser.findElement(By.id("output")).sendKeys("?");
        wait.until(d -> dialog.isDisplayed());
        assertThat(dialog.getText()).contains("Ctrl+Enter", "Run the program", "Ctrl+D", "end of input", "Ctrl+S");
        assertAccessible("the shortcuts overlay");
        screenshot("shortcuts");
        dialog.sendKeys(Keys.ESCAPE);
        wait.until(d -> !dialog.isDisplayed());

        typeCode("x = '?'");
        assertThat(dialog.isDisplayed()).as("the overlay after ? typed in the editor").isFalse();
        assertThat(editorValue()).isEqualTo("x = '?'");

        browser.findElement(By.id("shortcuts")).click();
        wait.until(d -> dialog.isDisplayed());
        browser.findElement(By.id("shortcuts-close")).click();
        wait.until(d -> !dialog.isDisplayed());
    }

    @Test
    void keyboardFocusIsVisible() throws Exception {
        load();
        js("document.getElementById('language').focus()");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        wait.until(d -> "run".equals(js("return document.activeElement.id")));
        String outline = (String) js("const s = getComputedStyle(document.activeElement);"
                + "return s.outlineStyle + ' ' + s.outlineWidth;");
        assertThat(outline).isEqualTo("solid 2px");
    }

    @Test
    void thePlaygroundIsAccessibleInBothThemesSignedOutAndSignedIn() throws Exception {
        load();
        for (String theme : List.of("light", "dark")) {
            setTheme(theme);
            assertAccessible("the playground, signed out, " + theme);
        }
        screenshotThemes("playground");

        signUp();
        setCode("import sys\nprint('Hello, output')\nprint('a warning', file=sys.stderr)\n");
        clickRun();
        waitForStatus("ok");
        wait.until(d -> !d.findElements(By.cssSelector("#history li button")).isEmpty());
        for (String theme : List.of("light", "dark")) {
            setTheme(theme);
            assertAccessible("the playground, signed in, " + theme);
        }
        screenshotThemes("playground-signed-in");
    }

    @Test
    void onAPhoneTheEditorFillsTheScreenRunIsAtHandAndTheOutputComesIntoView() throws Exception {
        browser.quit();
        browser = newPhone();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        load();
        Number editorShare = (Number) js(
                "return document.getElementById('editor').getBoundingClientRect().height / innerHeight");
        assertThat(editorShare.doubleValue()).as("the editor's share of the height").isGreaterThan(0.6);
        Number runBottom = (Number) js("return document.getElementById('run').getBoundingClientRect().bottom");
        assertThat(runBottom.intValue()).isLessThan(PHONE_HEIGHT);
        assertAccessible("the playground on a phone");
        screenshot("playground-phone");

        typeCode("print(input('Name? ') + '!')");
        clickRun();
        wait.until(d -> d.findElement(By.id("output")).isDisplayed());
        assertThat(browser.findElement(By.id("tab-output")).getDomAttribute("aria-selected")).isEqualTo("true");
        waitForOutput("Name?");
        browser.findElement(By.id("answer")).sendKeys("Ada", Keys.ENTER);
        waitForOutput("Ada!");
        waitForStatus("ok");
        screenshot("playground-phone-output");

        browser.findElement(By.id("tab-input")).click();
        browser.findElement(By.id("stdin")).sendKeys("Grace");
        screenshot("playground-phone-input");
        browser.findElement(By.id("tab-code")).click();
        clickRun();
        waitForOutput("Name? Grace!");
        waitForStatus("ok");

        browser.findElement(By.id("tab-more")).click();
        wait.until(d -> d.findElement(By.id("sidebar")).isDisplayed());
        screenshot("playground-phone-files");
    }

}
