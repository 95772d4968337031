package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground in real headless Chromium: running code, input, limits, languages,
 * projects.
 */
class PlaygroundBrowserTest extends BrowserTest {

    @Test
    void theFirstLoadOfAFreshBrowserIsQuickOnAWarmServer() throws Exception {
        load(); // warms the server
        browser.quit();
        browser = newBrowser();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        long started = System.nanoTime();
        browser.get("http://localhost:" + port + "/");
        wait.until(d -> !d.findElement(By.id("run")).getDomProperty("disabled").equals("true"));
        long interactiveMs = (System.nanoTime() - started) / 1_000_000;
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        long editorMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("first load in a fresh browser: Run usable after " + interactiveMs
                + " ms, editor ready after " + editorMs + " ms");

        assertThat(interactiveMs).isLessThan(3000);
    }

    @Test
    void aTypedProgramRunsAndItsOutputAppears() throws Exception {
        load();
        typeCode("print(\"hi\")");
        browser.findElement(By.id("run")).click();
        waitForOutput("hi");
        waitForStatus("ok");

        assertThat(output()).isEqualTo("hi");
        screenshot("run");
    }

    @Test
    void aProgramAskingForInputIsAnsweredInThePage() throws Exception {
        load();
        // The Python starter asks for a name.
        browser.findElement(By.id("run")).click();
        waitForOutput("What's your name?");
        WebElement answer = browser.findElement(By.id("answer"));
        answer.sendKeys("Ada", Keys.ENTER);
        waitForOutput("Hello, Ada!");
        waitForStatus("ok");

        assertThat(output()).isEqualTo("What's your name? Ada\nHello, Ada!");
        screenshot("input");
    }

    @Test
    void aTimeoutIsShownAsSuch() throws Exception {
        load();
        new Select(browser.findElement(By.id("time-limit"))).selectByValue("1000");
        typeCode("while True:\n    pass");
        browser.findElement(By.id("run")).click();
        waitForStatus("timeout");

        assertThat(browser.findElement(By.id("status")).getText()).contains("ran longer than 1000 ms");
        screenshot("timeout");
    }

    @Test
    void timeLimitsAboveTenSecondsAreOfferedOnlyToSignedInUsers() throws Exception {
        load();
        By thirty = By.cssSelector("#time-limit option[value='30000']");
        wait.until(d -> !d.findElement(thirty).isEnabled());
        assertThat(browser.findElement(thirty).getText()).isEqualTo("30 s (sign in)");

        signUp();
        wait.until(d -> d.findElement(thirty).isEnabled());
        assertThat(browser.findElement(thirty).getText()).isEqualTo("30 s");
    }

    @Test
    void switchingLanguageChangesHighlightingAndStarterCode() throws Exception {
        load();
        new Select(browser.findElement(By.id("language")))
            .selectByVisibleText(browser.findElements(By.cssSelector("#language option"))
                .stream()
                .map(WebElement::getText)
                .filter(t -> t.startsWith("C (GCC)"))
                .findFirst()
                .orElseThrow());

        wait.until(d -> "c".equals(js("return sandlot.editor.getModel().getLanguageId()")));
        assertThat((String) js("return sandlot.editor.getValue()")).startsWith("#include <stdio.h>");
        browser.findElement(By.id("run")).click();
        waitForOutput("Hello from C!");
        browser.findElement(By.id("theme")).click();
        screenshot("c-dark");
    }

    @Test
    void aSignedInUserSavesATwoFileProjectThatSurvivesAReloadAndSeesHistory() throws Exception {
        load();
        String name = signUp();
        assertThat(browser.findElement(By.id("user")).getText()).startsWith(name + " (learner)");

        typeCode("from util import shout\nprint(shout(\"hi\"))");
        newProject("Two files");
        newFile("util.py");
        typeCode("def shout(s):\n    return s.upper() + \"!\"");
        wait.until(d -> d.findElement(By.id("save-state")).getText().equals("All changes saved."));

        browser.navigate().refresh();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        wait.until(d -> !d.findElements(By.xpath("//ul[@id='projects']//button[text()='Two files']")).isEmpty());
        browser.findElement(By.xpath("//ul[@id='projects']//button[text()='Two files']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#files button")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("#files button")).stream().map(WebElement::getText))
            .containsExactly("main.py", "util.py");
        browser.findElement(By.id("run")).click();
        waitForOutput("HI!");
        screenshot("project");

        wait.until(d -> !d.findElements(By.cssSelector("#history button")).isEmpty());
        browser.findElements(By.cssSelector("#history button")).getFirst().click();
        wait.until(d -> d.findElement(By.id("run-output")).getText().contains("HI!"));
        assertThat(browser.findElement(By.id("run-code")).getText()).contains("from util import shout",
                "def shout(s):");
        screenshot("history");
    }

}
