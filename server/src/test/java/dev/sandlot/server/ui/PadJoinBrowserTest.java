package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * Starting and joining an interview through the pages: "Start interview" on a task and a
 * blank one from the Interviews view open the pad; the join page shows the pad's title
 * and the role its link gives, offers a guest's name only for a candidate link of a pad
 * that allows guests, and says plainly when a link was revoked or the interview ended.
 */
class PadJoinBrowserTest extends PadBrowserFixtures {

    @Test
    void startingFromTheReviewPage() throws Exception {
        User reviewer = reviewer();
        long task = sumTask(reviewer, Map.of());
        signInToReview(reviewer);
        browser.get(url("/review.html#task=" + task));
        wait.until(d -> !d.findElements(By.id("task-interview")).isEmpty());
        browser.findElement(By.id("task-interview")).click();
        wait.until(d -> d.getCurrentUrl().matches(".*/pads/\\d+#links"));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(browser.findElement(By.id("pad-title")).getText()).isEqualTo("Sum two numbers");
        wait.until(d -> !d.findElement(By.id("pad-link-candidate")).getDomProperty("value").isEmpty());

        browser.get(url("/review.html#interviews"));
        wait.until(d -> !d.findElements(By.cssSelector("#interviews tr[data-pad]")).isEmpty());
        assertThat(browser.findElement(By.id("interviews")).getText()).contains("Sum two numbers");
        browser.findElement(By.id("iv-title")).clear();
        browser.findElement(By.id("iv-title")).sendKeys("Blank one");
        browser.findElement(By.cssSelector("#iv-language option[value='python']")).click();
        browser.findElement(By.id("iv-start")).click();
        wait.until(d -> d.getCurrentUrl().matches(".*/pads/\\d+#links"));
        wait.until(d -> d.findElement(By.id("pad-title")).getText().equals("Blank one"));
    }

    @Test
    void theJoinPageSaysWhatALinkIs() throws Exception {
        User reviewer = reviewer();
        JsonNode pad = createPad(reviewer,
                Map.of("title", "Guests welcome", "language", "python", "allowGuests", true));
        long id = pad.path("id").asLong();

        browser.get(linkUrl(pad, "candidate"));
        wait.until(d -> !d.findElements(By.id("guest-name")).isEmpty());
        assertThat(text("join-title")).isEqualTo("Guests welcome");
        assertThat(text("join-about")).contains(reviewer.username(), "as the candidate");
        assertAccessible("the join page");

        browser.get(linkUrl(pad, "interviewer"));
        wait.until(d -> !d.findElements(By.id("signin-username")).isEmpty());
        assertThat(text("join-about")).contains("as an interviewer");
        assertThat(browser.findElements(By.id("guest-name"))).as("no guests as interviewers").isEmpty();

        // A signed-in user joins with one button.
        User learner = newUser();
        browser.findElement(By.id("signin-username")).sendKeys(learner.username());
        browser.findElement(By.id("signin-password")).sendKeys(learner.password());
        browser.findElement(By.id("signin-submit")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/pads/" + id));
        JsonNode view = as(learner, "GET", "/api/v1/pads/" + id, null).json();
        assertThat(view.path("you").path("role").asString()).isEqualTo("interviewer");

        // Revoked: said plainly (the browser logs the API's 404).
        allowConsoleError("/api/v1/pad-links/");
        assertThat(as(reviewer, "DELETE", "/api/v1/pads/" + id + "/links/interviewer", null).status()).isLessThan(300);
        browser.get(linkUrl(pad, "interviewer"));
        wait.until(d -> !d.findElements(By.id("join-problem")).isEmpty());
        assertThat(text("join-title")).isEqualTo("This link does not work");
        assertThat(text("join-problem")).contains("revoked");

        // Ended: said plainly too.
        User candidate = newUser();
        String token = pad.path("links").path("candidate").path("token").asString();
        assertThat(as(candidate, "POST", "/api/v1/pad-links/" + token + "/join", Map.of()).status()).isEqualTo(200);
        Response ended = as(reviewer, "POST", "/api/v1/pads/" + id + "/end", null);
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        browser.get(linkUrl(pad, "candidate"));
        wait.until(d -> !d.findElements(By.id("join-problem")).isEmpty());
        assertThat(text("join-problem")).contains("ended");
    }

}
