package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;

/**
 * What the pad browser tests share: pads made through the API, more browsers (each its
 * own profile, so its own user), signing in and joining through the pages, and reading
 * and typing in a pad's shared editor.
 */
abstract class PadBrowserFixtures extends ReviewBrowserFixtures {

    private final List<WebDriver> others = new ArrayList<>();

    @AfterEach
    void closeOtherBrowsers() {
        others.forEach(WebDriver::quit);
    }

    /** Another desktop browser, closed after the test. */
    WebDriver another() throws Exception {
        WebDriver b = newBrowser(1280, 800);
        others.add(b);
        return b;
    }

    /** Another browser with a phone's viewport, closed after the test. */
    WebDriver anotherPhone() throws Exception {
        WebDriver b = newPhone();
        others.add(b);
        return b;
    }

    /** A pad made by {@code reviewer} through the API. */
    JsonNode createPad(User reviewer, Map<String, ?> body) {
        Response r = as(reviewer, "POST", "/api/v1/pads", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A link's address, absolute. */
    String linkUrl(JsonNode pad, String kind) {
        return url(pad.path("links").path(kind).path("url").asString());
    }

    /**
     * Opens the pad signed out, signs in on its page, and waits for the shared document.
     */
    void signInOnPad(WebDriver b, User user, long pad) {
        b.get(url("/pads/" + pad));
        waitIn(b).until(d -> !d.findElements(By.id("signin-username")).isEmpty());
        b.findElement(By.id("signin-username")).sendKeys(user.username());
        b.findElement(By.id("signin-password")).sendKeys(user.password(), Keys.ENTER);
        waitSynced(b);
    }

    /**
     * Opens a pad link, creates an account on the join page and joins; returns the name.
     */
    String joinWithNewAccount(WebDriver b, String link) {
        b.get(link);
        waitIn(b).until(d -> !d.findElements(By.id("signup-username")).isEmpty());
        String name = "cand" + System.nanoTime() % 1_000_000;
        b.findElement(By.id("signup-username")).sendKeys(name);
        b.findElement(By.id("signup-password")).sendKeys("a candidate password");
        b.findElement(By.id("signup-submit")).click();
        waitSynced(b);
        return name;
    }

    void waitSynced(WebDriver b) {
        waitIn(b).until(d -> d.getCurrentUrl().contains("/pads/")
                && "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-synced"))
                && Boolean.TRUE.equals(run(d, "return !!sandlotPad.page.editor.active")));
    }

    static Object run(WebDriver b, String script, Object... args) {
        return ((JavascriptExecutor) b).executeScript(script, args);
    }

    /** The text of the file open in a browser's shared editor. */
    static String editorText(WebDriver b) {
        return (String) run(b, "return sandlotPad.page.editor.editor.getValue()");
    }

    /** Waits until the browser's editor shows {@code text}. */
    static void waitText(WebDriver b, String text) {
        waitIn(b).until(d -> text.equals(editorText(d)));
    }

    /** Puts the cursor at a character offset of the open file and focuses the editor. */
    static void cursorAt(WebDriver b, int offset) {
        run(b, """
                const e = sandlotPad.page.editor.editor;
                const m = e.getModel();
                const at = arguments[0] < 0 ? m.getValueLength() : arguments[0];
                e.setPosition(m.getPositionAt(at));
                e.focus();
                """, offset);
    }

    /** Types keys into the focused shared editor. */
    static void type(WebDriver b, CharSequence... keys) {
        b.findElement(By.cssSelector("#pad-editor .monaco-editor textarea")).sendKeys(keys);
    }

    /** The project file as the API reads it. */
    String projectFile(User user, long project, String path) {
        Response r = as(user, "GET", "/api/v1/projects/" + project + "/files/" + path, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("content").asString();
    }

    /** Opens a file in the browser's file tree. */
    static void openFile(WebDriver b, String path) {
        b.findElement(By.cssSelector("#pad-files button[data-path='" + path + "']")).click();
        waitIn(b).until(d -> path.equals(run(d, "return sandlotPad.page.editor.active")));
    }

    /** The paths in a browser's file tree. */
    @SuppressWarnings("unchecked")
    static List<String> tree(WebDriver b) {
        return (List<String>) run(b,
                "return [...document.querySelectorAll('#pad-files button[data-path]')].map(x => x.dataset.path)");
    }

    /** Answers the page's one-line dialog. */
    static void answerDialog(WebDriver b, String answer) {
        waitIn(b).until(d -> !d.findElements(By.id("dlg-input")).isEmpty());
        var input = b.findElement(By.id("dlg-input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), answer);
        b.findElement(By.id("dlg-ok")).click();
    }

}
