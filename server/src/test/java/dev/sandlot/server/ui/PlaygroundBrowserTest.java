package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground in real headless Chromium (Debian's chromium and
 * chromium-driver, which ./sandlot test installs), against the real server.
 * Screenshots of the main states go to server/target/screenshots.
 */
class PlaygroundBrowserTest extends ServerTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void startDriver() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromium-driver is not installed (./sandlot test installs it)");
        Files.createDirectories(SCREENSHOTS);
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = newBrowser();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /** A browser with a profile of its own: nothing cached, nothing shared with another test. */
    private static WebDriver newBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory("sandlot-chromium"));
        // A driver service per browser: quitting a browser stops its service's HTTP client for good.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.quit();
    }

    private long load() {
        long started = System.nanoTime();
        browser.get("http://localhost:" + port + "/");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        return (System.nanoTime() - started) / 1_000_000;
    }

    private void typeCode(String code) {
        WebElement input = browser.findElement(By.cssSelector("#editor .monaco-editor textarea"));
        browser.findElement(By.cssSelector("#editor .monaco-editor")).click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(code);
    }

    private String output() {
        return browser.findElement(By.id("output")).getText();
    }

    private void waitForOutput(String text) {
        wait.until(d -> output().contains(text));
    }

    private void waitForStatus(String verdict) {
        wait.until(d -> d.findElement(By.id("status")).getText().startsWith(verdict));
    }

    private void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

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
        System.out.println("first load in a fresh browser: Run usable after " + interactiveMs + " ms, editor ready after " + editorMs + " ms");

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
    void switchingLanguageChangesHighlightingAndStarterCode() throws Exception {
        load();
        new Select(browser.findElement(By.id("language"))).selectByVisibleText(
                browser.findElements(By.cssSelector("#language option")).stream().map(WebElement::getText)
                        .filter(t -> t.startsWith("C (GCC)")).findFirst().orElseThrow());

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
        String name = "browser" + System.nanoTime() % 1_000_000;
        browser.findElement(By.id("signin")).click();
        browser.findElement(By.id("auth-username")).sendKeys(name);
        browser.findElement(By.id("auth-password")).sendKeys("a good password");
        browser.findElement(By.id("auth-signup")).click();
        wait.until(d -> d.findElement(By.id("user")).getText().startsWith(name + " (learner)"));

        typeCode("from util import shout\nprint(shout(\"hi\"))");
        browser.findElement(By.id("new-project")).click();
        wait.until(ExpectedConditions.alertIsPresent()).sendKeys("Two files");
        browser.switchTo().alert().accept();
        wait.until(d -> d.findElement(By.id("project-name")).getText().equals("Two files"));
        browser.findElement(By.id("new-file")).click();
        wait.until(ExpectedConditions.alertIsPresent()).sendKeys("util.py");
        browser.switchTo().alert().accept();
        wait.until(d -> "util.py".equals(js("return sandlot.active")));
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
        assertThat(browser.findElement(By.id("run-code")).getText()).contains("from util import shout", "def shout(s):");
        screenshot("history");
    }
}
