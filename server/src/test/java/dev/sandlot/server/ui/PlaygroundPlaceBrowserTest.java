package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A reload keeps the work and the place: scratch code per language and the language in
 * this browser, and the open project in the address (/p/{id}), back and forward included.
 */
class PlaygroundPlaceBrowserTest extends PlaygroundPageTest {

    private void reload() {
        browser.navigate().refresh();
        waitUntilReady();
    }

    private void waitUntilReady() {
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    @Test
    void aReloadRestoresTheScratchCodeOfEachLanguageAndTheLanguage() throws Exception {
        load();
        typeCode("print('kept in python')");
        selectLanguage("cpp");
        typeCode("int kept_in_cpp;");

        reload();

        assertThat(js("return document.getElementById('language').value")).asString().startsWith("cpp@");
        wait.until(d -> editorLanguage().equals("cpp"));
        assertThat(editorValue()).isEqualTo("int kept_in_cpp;");
        selectLanguage("python");
        assertThat(editorValue()).isEqualTo("print('kept in python')");
    }

    @Test
    void theAddressNamesTheOpenProjectSoAReloadOrBackReopensIt() throws Exception {
        load();
        signUp();
        typeCode("print('in the project')");
        newProject("Bookmarked");
        wait.until(d -> d.getCurrentUrl().matches(".*/p/\\d+$"));
        String address = browser.getCurrentUrl();

        reload();
        wait.until(d -> d.findElement(By.id("project-name")).getText().equals("Bookmarked"));
        assertThat(browser.getCurrentUrl()).isEqualTo(address);
        wait.until(d -> "print('in the project')".equals(editorValue()));

        browser.findElement(By.id("close-project")).click();
        wait.until(d -> d.getCurrentUrl().endsWith(":" + port + "/"));
        assertThat(browser.findElement(By.id("files-panel")).isDisplayed()).isFalse();
        browser.navigate().back();
        wait.until(d -> d.findElement(By.id("files-panel")).isDisplayed()
                && d.findElement(By.id("project-name")).getText().equals("Bookmarked"));
        assertThat(browser.getCurrentUrl()).isEqualTo(address);

        browser.get(address);
        waitUntilReady();
        wait.until(d -> d.findElement(By.id("project-name")).getText().equals("Bookmarked"));
    }

}
