package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
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
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in real headless Chromium (Debian's chromium and chromium-driver, which
 * ./sandlot test installs), against the real server, with the helpers every browser test
 * uses. Screenshots go to server/target/screenshots.
 */
@Tag("browser")
abstract class BrowserTest extends ServerTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    static final Path AXE = Path.of("frontend/node_modules/axe-core/axe.min.js");

    /** A phone's viewport (an iPhone 12 to 15). */
    static final int PHONE_WIDTH = 390;

    static final int PHONE_HEIGHT = 844;

    WebDriver browser;

    WebDriverWait wait;

    @BeforeAll
    static void startDriver() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER),
                "chromium-driver is not installed (./sandlot test installs it)");
        Files.createDirectories(SCREENSHOTS);
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = newBrowser();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /**
     * A browser with a profile of its own: nothing cached, nothing shared with another
     * test.
     */
    static WebDriver newBrowser() throws Exception {
        return newBrowser(1280, 800);
    }

    /**
     * A phone: its viewport, pixel ratio and touch, as Chromium's device emulation gives.
     */
    static WebDriver newPhone() throws Exception {
        return newBrowser(PHONE_WIDTH, PHONE_HEIGHT, true);
    }

    static WebDriver newBrowser(int width, int height) throws Exception {
        return newBrowser(width, height, false);
    }

    private static WebDriver newBrowser(int width, int height, boolean phone) throws Exception {
        ChromeOptions options = new ChromeOptions();
        if (phone)
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 3.0, "touch", true), "userAgent",
                    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36"));
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("sandlot-chromium"));
        // The console, so a test can see what the Content-Security-Policy refused.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        // A driver service per browser: quitting a browser stops its service's HTTP
        // client for good.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        return new ChromeDriver(service, options);
    }

    /** Console errors a test provokes on purpose, by a fragment of their text. */
    private final List<String> allowedConsoleErrors = new ArrayList<>();

    private final List<String> console = new ArrayList<>();

    /** The page must log no error: every test fails on one it did not provoke itself. */
    @AfterEach
    void closeBrowser() {
        if (browser == null)
            return;
        try {
            consoleLines();
            List<String> errors = console.stream()
                .filter(l -> l.startsWith("SEVERE"))
                .filter(l -> allowedConsoleErrors.stream().noneMatch(l::contains))
                .toList();
            assertThat(errors).as("errors in the browser's console").isEmpty();
        }
        finally {
            browser.quit();
        }
    }

    void allowConsoleError(String fragment) {
        allowedConsoleErrors.add(fragment);
    }

    long load() {
        long started = System.nanoTime();
        browser.get("http://localhost:" + port + "/");
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        return (System.nanoTime() - started) / 1_000_000;
    }

    void typeCode(String code) {
        WebElement input = browser.findElement(By.cssSelector("#editor .monaco-editor textarea"));
        browser.findElement(By.cssSelector("#editor .monaco-editor")).click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(code);
    }

    String output() {
        return browser.findElement(By.id("output")).getText();
    }

    void waitForOutput(String text) {
        wait.until(d -> output().contains(text));
    }

    void waitForStatus(String verdict) {
        wait.until(d -> d.findElement(By.id("status")).getText().startsWith(verdict));
    }

    void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Console lines the page logged since the last call (the browser hands each line out
     * once; all of them are kept for the check after the test).
     */
    List<String> consoleLines() {
        List<String> lines = browser.manage()
            .logs()
            .get(LogType.BROWSER)
            .getAll()
            .stream()
            .map(e -> e.getLevel() + " " + e.getMessage())
            .toList();
        console.addAll(lines);
        return lines;
    }

    /**
     * axe-core (from the front end's npm packages) run on the page as it is now: the
     * serious and critical violations, each as "rule: nodes".
     */
    List<String> accessibilityViolations() throws Exception {
        js(Files.readString(AXE) + "\nreturn true;");
        Object result = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                        + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', '))));
                """);
        return ((List<?>) result).stream().map(String::valueOf).toList();
    }

    void assertAccessible(String screen) throws Exception {
        assertThat(accessibilityViolations()).as("serious or critical axe-core violations on " + screen).isEmpty();
    }

    /** The page in its light and dark theme, as name-light.png and name-dark.png. */
    void screenshotThemes(String name) throws Exception {
        for (String theme : List.of("light", "dark")) {
            js("document.documentElement.dataset.theme === '" + theme
                    + "' || document.getElementById('theme').click();");
            Thread.sleep(150);
            screenshot(name + "-" + theme);
        }
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Saves the editor as a new project through the page, and waits until it is open. */
    void newProject(String name) {
        browser.findElement(By.id("new-project")).click();
        wait.until(ExpectedConditions.alertIsPresent()).sendKeys(name);
        browser.switchTo().alert().accept();
        wait.until(d -> d.findElement(By.id("project-name")).getText().equals(name));
    }

    /**
     * Adds an empty file to the open project through the page, and waits until it is
     * active.
     */
    void newFile(String path) {
        browser.findElement(By.id("new-file")).click();
        wait.until(ExpectedConditions.alertIsPresent()).sendKeys(path);
        browser.switchTo().alert().accept();
        wait.until(d -> path.equals(js("return sandlot.active")));
    }

    /** Signs up a new learner through the page's dialog; returns the user name. */
    String signUp() {
        String name = "browser" + System.nanoTime() % 1_000_000;
        browser.findElement(By.id("signin")).click();
        browser.findElement(By.id("auth-username")).sendKeys(name);
        browser.findElement(By.id("auth-password")).sendKeys("a good password");
        browser.findElement(By.id("auth-signup")).click();
        wait.until(d -> d.findElement(By.id("user")).getText().startsWith(name + " ("));
        return name;
    }

}
