package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.PackageIndexTests;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Packages panel in real Chromium, installing from a package index on loopback: add a
 * package by name and version with the keyboard, read the streamed log, see it listed
 * with its version, and run the project that imports it; an unknown package is refused
 * plainly.
 */
class PackagesBrowserTest extends BrowserTest implements PackageIndexTests {

    static {
        INDEX.addWheel("panel-greeting", "2.1",
                Map.of("panel_greeting/__init__.py", "HELLO = 'hello from ' + 'the panel'\n"), List.of());
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void addingAPackageFromTheIndexListsItAndTheProjectImportsIt() throws Exception {
        load();
        signUp();
        typeCode("import panel_greeting\nprint(panel_greeting.HELLO)");
        newProject("Packages");
        wait.until(d -> d.findElement(By.id("packages-panel")).isDisplayed());
        assertThat(browser.findElement(By.id("packages-ecosystem")).getDomProperty("value")).isEqualTo("python");

        browser.findElement(By.id("packages-name")).sendKeys("panel-greeting");
        browser.findElement(By.id("packages-version")).sendKeys("2.1" + Keys.ENTER);
        wait.until(d -> text("packages-status").equals("Installed"));
        assertThat(text("packages-log")).contains("Successfully installed panel-greeting-2.1");
        wait.until(d -> !d.findElements(By.cssSelector("#packages-list li[data-name='panel-greeting']")).isEmpty());
        assertThat(text("packages-list")).contains("panel-greeting").contains("2.1");
        assertThat(browser.findElement(By.id("packages-name")).getDomProperty("value")).isEmpty();
        assertAccessible("the Packages panel after an install");
        screenshot("packages");

        browser.findElement(By.id("run")).click();
        waitForOutput("hello from the panel");

        browser.findElement(By.id("packages-name")).sendKeys("nothing-such-package" + Keys.ENTER);
        wait.until(d -> !text("packages-error").isEmpty() && !Boolean.TRUE.equals(js("return sandlotPackages.busy")));
        assertThat(text("packages-error")).contains("nothing-such-package");
        assertThat(text("packages-list")).contains("panel-greeting");
    }

    @Test
    void onAPhoneThePanelIsUnderTheFilesTabAndFitsTheScreen() throws Exception {
        browser.quit();
        browser = newPhone();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        load();
        signUp();
        browser.findElement(By.id("tab-more")).click();
        newProject("On a phone");
        wait.until(d -> d.findElement(By.id("packages-panel")).isDisplayed());
        js("document.getElementById('packages-name').scrollIntoView()");

        browser.findElement(By.id("packages-name")).sendKeys("panel-greeting" + Keys.ENTER);
        wait.until(d -> text("packages-status").equals("Installed"));
        assertThat(text("packages-list")).contains("panel-greeting");
        Number right = (Number) js("return document.getElementById('packages-panel').getBoundingClientRect().right");
        assertThat(right.intValue()).as("the panel's right edge").isLessThanOrEqualTo(PHONE_WIDTH);
        Number overflow = (Number) js("return document.documentElement.scrollWidth - innerWidth");
        assertThat(overflow.intValue()).as("sideways scrolling").isLessThanOrEqualTo(0);
        assertAccessible("the Packages panel on a phone");
        screenshot("packages-phone");
    }

}
