package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The pages work under their strict Content-Security-Policy (Monaco, its workers,
 * xterm.js, the review page, the API docs), and the policy does its job: an inline script
 * injected into the page is refused.
 */
class ContentSecurityPolicyBrowserTest extends BrowserTest {

    private static List<String> violations(List<String> console) {
        return console.stream().filter(l -> l.contains("Content Security Policy") || l.contains("Refused to")).toList();
    }

    @Test
    void thePlaygroundRunsCodeWithNoViolationAndAnInjectedInlineScriptIsRefused() throws Exception {
        load();
        wait.until(
                d -> Boolean.TRUE.equals(js("return !!document.querySelector('#editor .monaco-editor .view-lines')")));
        typeCode("print('under csp')");
        browser.findElement(By.id("run")).click();
        waitForOutput("under csp");
        List<String> console = new ArrayList<>(consoleLines());
        assertThat(violations(console)).isEmpty();

        allowConsoleError("Content Security Policy");
        allowConsoleError("Refused to");
        allowConsoleError("/x - Failed to load resource");
        Object ran = js("""
                const s = document.createElement('script');
                s.textContent = 'window.injectedRan = true';
                document.head.appendChild(s);
                return window.injectedRan === true;
                """);
        Object handler = js("""
                const b = document.createElement('div');
                b.innerHTML = '<img src=x onerror="window.handlerRan = true">';
                document.body.appendChild(b);
                return new Promise(r => setTimeout(() => r(window.handlerRan === true), 300));
                """);

        assertThat(ran).isEqualTo(false);
        assertThat(handler).isEqualTo(false);
        assertThat(violations(consoleLines())).anyMatch(l -> l.contains("inline script") || l.contains("script-src"));
    }

    @Test
    void theReviewPageAndTheApiDocsLoadWithNoViolation() {
        browser.get("http://localhost:" + port + "/review.html");
        wait.until(d -> Boolean.TRUE.equals(js("return document.readyState === 'complete'")));
        browser.get("http://localhost:" + port + "/docs");
        wait.until(d -> !d.findElements(By.cssSelector(".swagger-ui .info")).isEmpty());

        assertThat(violations(consoleLines())).isEmpty();
    }

}
