package dev.sandlot.server.ui;

import static dev.sandlot.server.ContextCalls.send;
import static dev.sandlot.server.ContextCalls.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sandlot.server.ContextCalls;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Role;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The server restarts mid-interview, as an operator restarts it: stopped, then started
 * again on the same port and data. Both browsers say they are reconnecting; what the
 * candidate types while the server is down is kept; once it is back and they have signed
 * in again (sessions do not outlive the server) both editors, and the saved project file,
 * hold the text typed before and during the restart.
 */
@Tag("browser")
@Tag("sandbox")
class PadRestartBrowserTest {

    private final List<WebDriver> browsers = new ArrayList<>();

    private ConfigurableApplicationContext server;

    @BeforeAll
    static void checkDriver() {
        Assumptions.assumeTrue(Files.isExecutable(BrowserTest.CHROMEDRIVER),
                "chromium-driver is not installed (./sandlot test installs it)");
    }

    @AfterEach
    void close() {
        browsers.forEach(WebDriver::quit);
        if (server != null)
            server.close();
    }

    @Test
    void editingCarriesOnAcrossARestart() throws Exception {
        Map<String, Object> properties = ContextCalls.serverOnH2("sandlot-pad-restart");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        properties.put("server.port", String.valueOf(port));
        properties.put("sandlot.auth.secure-cookies", "false");
        server = ContextCalls.start(properties);
        String base = "http://localhost:" + port;
        long reviewerId = send(base, "POST", "/api/v1/auth/signup", null,
                Map.of("username", "restarter", "password", "interviews survive"))
            .path("id")
            .asLong();
        server.getBean(AccountService.class).setRole(reviewerId, Role.REVIEWER);
        String reviewer = token(base, "restarter", "interviews survive");
        send(base, "POST", "/api/v1/auth/signup", null,
                Map.of("username", "candidate", "password", "carries on typing"));
        String candidateToken = token(base, "candidate", "carries on typing");
        JsonNode pad = send(base, "POST", "/api/v1/pads", reviewer, Map.of("title", "Restart", "language", "python"));
        long id = pad.path("id").asLong();
        long project = pad.path("projectId").asLong();
        send(base, "POST",
                "/api/v1/pad-links/" + pad.path("links").path("candidate").path("token").asString() + "/join",
                candidateToken, Map.of());

        WebDriver interviewer = browser();
        WebDriver candidate = browser();
        signIn(interviewer, base + "/pads/" + id, "restarter", "interviews survive");
        signIn(candidate, base + "/pads/" + id, "candidate", "carries on typing");
        String start = PadBrowserFixtures.editorText(candidate);
        PadBrowserFixtures.cursorAt(candidate, -1);
        PadBrowserFixtures.type(candidate, "before = 1");
        PadBrowserFixtures.waitText(interviewer, start + "before = 1");
        ReviewBrowserFixtures.waitIn(interviewer)
            .until(d -> fileText(base, reviewer, project).equals(start + "before = 1"));

        server.close();
        server = null;
        for (WebDriver b : browsers)
            ReviewBrowserFixtures.waitIn(b)
                .until(d -> d.findElement(By.id("pad-conn")).getText().equals("Reconnecting…"));
        PadBrowserFixtures.type(candidate, Keys.ENTER, "during = 2");
        String expected = start + "before = 1\nduring = 2";
        assertThat(PadBrowserFixtures.editorText(candidate)).isEqualTo(expected);

        server = ContextCalls.start(properties);
        for (WebDriver b : browsers) {
            ReviewBrowserFixtures.waitIn(b)
                .until(d -> "online".equals(d.findElement(By.tagName("body")).getDomAttribute("data-connection")));
            PadBrowserFixtures.waitText(b, expected);
            // Sessions are kept in the database: nobody is asked to sign in again.
            assertThat(b.findElements(By.cssSelector("#pad-banner #signin-username"))).isEmpty();
        }
        String fresh = token(base, "restarter", "interviews survive");
        ReviewBrowserFixtures.waitIn(interviewer).until(d -> fileText(base, fresh, project).equals(expected));
        PadBrowserFixtures.type(candidate, " + 1");
        PadBrowserFixtures.waitText(interviewer, expected + " + 1");
    }

    private WebDriver browser() throws Exception {
        WebDriver b = BrowserTest.newBrowser(1280, 800);
        browsers.add(b);
        return b;
    }

    private static void signIn(WebDriver b, String padUrl, String username, String password) {
        b.get(padUrl);
        ReviewBrowserFixtures.waitIn(b).until(d -> !d.findElements(By.id("signin-username")).isEmpty());
        b.findElement(By.id("signin-username")).sendKeys(username);
        b.findElement(By.id("signin-password")).sendKeys(password, Keys.ENTER);
        ReviewBrowserFixtures.waitIn(b)
            .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-synced")));
    }

    private static String fileText(String base, String token, long project) {
        try {
            return send(base, "GET", "/api/v1/projects/" + project + "/files/main.py", token, null).path("content")
                .asString();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
