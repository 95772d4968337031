package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The editor: a buffer per language, the starter of an untouched language, reset to the
 * starter, indentation that knows the language, completion pop-ups as a setting, and
 * every language's hello world with nothing in the console.
 */
class PlaygroundEditorBrowserTest extends PlaygroundPageTest {

    @Test
    void eachLanguageKeepsItsOwnBufferAndRunsAsItself() throws Exception {
        load();
        String pythonStarter = editorValue();
        typeCode("print('mine')");
        selectLanguage("javascript");

        assertThat(editorValue()).startsWith("const readline = require(\"readline\");");
        clickRun();
        waitForOutput("Hello from JavaScript!");
        waitForStatus("ok");

        selectLanguage("python");
        assertThat(editorValue()).isEqualTo("print('mine')");
        browser.findElement(By.id("reset-starter")).click();
        assertThat(editorValue()).isEqualTo(pythonStarter);
    }

    @Test
    void pythonShowsItsBuiltInLibrariesAndAnImportOfThemRuns() throws Exception {
        load();
        WebElement libraries = browser.findElement(By.id("libraries"));
        assertThat(libraries.isDisplayed()).isTrue();
        libraries.findElement(By.tagName("summary")).sendKeys(Keys.ENTER);
        wait.until(d -> browser.findElement(By.id("libraries-list")).isDisplayed());
        String list = browser.findElement(By.id("libraries-list")).getText();
        assertThat(list).contains("import numpy", "import pandas", "import sklearn", "scikit-learn ");
        assertThat(list).containsPattern("numpy [0-9]+\\.[0-9]+");
        assertAccessible("libraries");
        libraries.findElement(By.tagName("summary")).sendKeys(Keys.ESCAPE);
        assertThat(browser.findElement(By.id("libraries-list")).isDisplayed()).isFalse();

        typeCode("import numpy, pandas\nprint(pandas.Series(numpy.arange(4)).sum())");
        clickRun();
        waitForStatus("ok");
        assertThat(output()).contains("6");

        selectLanguage("javascript");
        assertThat(libraries.isDisplayed()).isFalse();
    }

    @Test
    void enterAfterABlockOpenerIndentsInPythonCJavaAndJavaScript() throws Exception {
        load();
        typeCode("def f():\n");
        assertThat(editorValue()).isEqualTo("def f():\n    ");

        for (String language : List.of("c", "java", "javascript")) {
            selectLanguage(language);
            typeCode("if (x) {\n");
            assertThat(editorValue().split("\n", -1)).as(language).startsWith("if (x) {", "    ");
        }
    }

    /**
     * Whether suggestions pop up as one types code (Monaco gives the option as true or
     * per kind of text).
     */
    private boolean suggestionsAsYouType() {
        return (Boolean) js("const q = sandlot.editor.getRawOptions().quickSuggestions;"
                + "return q === true || (typeof q === 'object' && q.other === 'on');");
    }

    @Test
    void completionPopUpsAreOffUntilTurnedOnAndTheChoiceIsKept() throws Exception {
        load();
        assertThat(suggestionsAsYouType()).isFalse();
        browser.findElement(By.id("editor-settings")).click();
        WebElement suggestions = browser.findElement(By.id("setting-suggestions"));
        assertThat(suggestions.isSelected()).isFalse();
        screenshot("editor-settings");
        suggestions.click();
        assertThat(suggestionsAsYouType()).isTrue();

        browser.navigate().refresh();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(suggestionsAsYouType()).isTrue();
        browser.findElement(By.id("editor-settings")).click();
        assertThat(browser.findElement(By.id("setting-suggestions")).isSelected()).isTrue();
    }

    @Test
    void everyLanguageRunsItsHelloWorldWithNothingInTheConsole() throws Exception {
        load();
        browser.findElement(By.id("stdin")).sendKeys("Ada");
        List<String> values = browser.findElements(By.cssSelector("#language option"))
            .stream()
            .map(o -> o.getDomAttribute("value"))
            .toList();
        for (String value : values) {
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("language"))).selectByValue(value);
            clickRun();
            new org.openqa.selenium.support.ui.WebDriverWait(browser, COMPILE)
                .until(d -> js("return sandlot.socket") == null && status().startsWith("ok"));
            assertThat(output()).as(value).containsIgnoringCase("hello");
        }
        assertThat(consoleLines()).filteredOn(l -> l.startsWith("SEVERE")).isEmpty();
    }

    @Test
    void theFaviconIsThereForPagesThatDoNotNameOne() throws Exception {
        browser.get("http://localhost:" + port + "/api/v1/languages");
        Object answer = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[0]; fetch('/favicon.ico').then(r => done(r.status + ' ' + r.headers.get('content-type')));");
        assertThat(answer).asString().startsWith("200 image/");
    }

}
