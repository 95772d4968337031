package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.TestPropertySource;

/**
 * Swagger UI (/docs) in real Chromium, as a reader tries the API there: "Try it out" and
 * "Execute" with the examples as they are. Signing up and in there gives the page a
 * session whose writes (running code, creating a project) need the CSRF token the page's
 * request interceptor fetches; "Authorize" with a user name and password gives it a
 * bearer token instead. A server of its own: the sign-up example's account must not exist
 * yet.
 */
@TestPropertySource(properties = "test.context=docs-browser")
class DocsBrowserTest extends BrowserTest {

    private void openDocs() {
        browser.get("http://localhost:" + port + "/docs");
        wait.until(d -> !d.findElements(By.cssSelector(".opblock")).isEmpty());
    }

    /** The operation's block, opened, with "Try it out" pressed. */
    private WebElement tryOut(String method, String path) {
        By block = By.xpath("//div[contains(@class,'opblock-" + method + "')][.//*[@data-path='" + path + "']]");
        WebElement op = browser.findElement(block);
        if (op.findElements(By.cssSelector(".try-out__btn")).isEmpty()) {
            op.findElement(By.cssSelector(".opblock-summary-control")).click();
            wait.until(d -> !d.findElement(block).findElements(By.cssSelector(".try-out__btn")).isEmpty());
        }
        op = browser.findElement(block);
        WebElement button = op.findElement(By.cssSelector(".try-out__btn"));
        if (!button.getText().contains("Cancel"))
            button.click();
        return browser.findElement(block);
    }

    /** Presses "Execute" and waits for the answer; returns its status and body. */
    private List<String> execute(String method, String path) {
        WebElement op = tryOut(method, path);
        op.findElement(By.cssSelector(".execute")).click();
        By block = By.xpath("//div[contains(@class,'opblock-" + method + "')][.//*[@data-path='" + path + "']]");
        By status = By.cssSelector(".live-responses-table .response .response-col_status");
        wait.until(d -> !d.findElement(block).findElements(status).isEmpty());
        WebElement live = browser.findElement(block).findElement(By.cssSelector(".live-responses-table"));
        String code = live.findElement(status).getText().strip().split("\\s+")[0];
        String body = live.findElements(By.cssSelector(".response-col_description pre"))
            .stream()
            .map(WebElement::getText)
            .reduce("", String::concat);
        return List.of(code, body);
    }

    @Test
    void aReaderSignsUpAndInThenRunsCodeAndSavesAProjectWithTheExamples() throws Exception {
        openDocs();
        assertThat(execute("post", "/api/v1/auth/signup").get(0)).isEqualTo("201");
        assertThat(execute("post", "/api/v1/auth/login").get(0)).isEqualTo("200");

        List<String> run = execute("post", "/api/v1/execute");
        screenshot("docs-execute");
        assertThat(run.get(0)).as(run.get(1)).isEqualTo("200");
        assertThat(run.get(1)).contains("Hello, world!");

        List<String> project = execute("post", "/api/v1/projects");
        assertThat(project.get(0)).as(project.get(1)).isEqualTo("201");
        List<String> me = execute("get", "/api/v1/auth/me");
        assertThat(me.get(1)).contains("\"ada\"");
        assertThat(consoleLines()).noneMatch(l -> l.contains("Content Security Policy") || l.contains("Refused to"));
    }

    @Test
    void authorizeWithAUserNameAndPasswordGivesTheCallsABearerToken() throws Exception {
        User user = newUser();
        openDocs();
        browser.findElement(By.cssSelector(".auth-wrapper .authorize")).click();
        wait.until(d -> !d.findElements(By.cssSelector(".modal-ux input#oauth_username")).isEmpty());
        By password = By.xpath("//div[contains(@class,'auth-container')][.//input[@id='oauth_username']]");
        WebElement scheme = browser.findElement(password);
        scheme.findElement(By.cssSelector("input#oauth_username")).sendKeys(user.username());
        scheme.findElement(By.cssSelector("input#oauth_password")).sendKeys(user.password());
        scheme.findElement(By.cssSelector(".auth-btn-wrapper .modal-btn.authorize")).click();
        wait.until(d -> d.findElement(By.cssSelector(".modal-ux")).getText().contains("Authorized"));
        screenshot("docs-authorized");
        browser.findElement(By.cssSelector(".modal-ux .btn-done")).click();

        List<String> me = execute("get", "/api/v1/auth/me");
        assertThat(me.get(0)).as(me.get(1)).isEqualTo("200");
        assertThat(me.get(1)).contains(user.username());
        List<String> project = execute("post", "/api/v1/projects");
        assertThat(project.get(0)).as(project.get(1)).isEqualTo("201");
    }

}
