package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;

/**
 * Three browsers in one pad at once: the interviewer, a co-interviewer who signs in on
 * the join page, and a guest candidate on a phone who joins by name. Typing, creating,
 * renaming and deleting files show in all three; the co-interviewer reads the
 * interviewer's notes and the guest cannot; a dropped socket reconnects and what was
 * typed meanwhile arrives; the pad and join pages pass axe; links that were revoked say
 * so.
 */
class PadGuestsBrowserTest extends PadBrowserFixtures {

    @Test
    void threeBrowsersWithAGuestOnAPhone() throws Exception {
        User reviewer = reviewer();
        User colleague = reviewer();
        JsonNode created = createPad(reviewer, Map.of("title", "Pairing", "language", "python", "allowGuests", true));
        long pad = created.path("id").asLong();
        WebDriver interviewer = browser;
        signInOnPad(interviewer, reviewer, pad);
        String start = editorText(interviewer);

        // The co-interviewer signs in on the join page.
        WebDriver second = another();
        second.get(linkUrl(created, "interviewer"));
        waitIn(second).until(d -> !d.findElements(By.id("signin-username")).isEmpty());
        assertThat(second.findElement(By.id("join-about")).getText()).contains("as an interviewer");
        second.findElement(By.id("signin-username")).sendKeys(colleague.username());
        second.findElement(By.id("signin-password")).sendKeys(colleague.password(), Keys.ENTER);
        waitSynced(second);

        // The guest, on a phone: the join page passes axe, then a name is enough.
        WebDriver guest = anotherPhone();
        guest.get(linkUrl(created, "candidate"));
        waitIn(guest).until(d -> !d.findElements(By.id("guest-name")).isEmpty());
        WebDriver desktop = browser;
        browser = guest;
        assertAccessible("the join page on a phone");
        screenshotThemes("pad-join-phone");
        guest.findElement(By.id("guest-name")).sendKeys("Ada Guest");
        guest.findElement(By.id("guest-join")).click();
        waitSynced(guest);
        assertThat(guest.findElement(By.id("pad-editor")).isDisplayed()).as("the editor first on a phone").isTrue();
        assertThat(guest.findElement(By.id("pad-bottom")).isDisplayed()).isFalse();
        assertNoSidewaysScroll();
        assertAccessible("the pad on a phone");
        browser = desktop;

        // Typing on the phone shows in both other browsers.
        cursorAt(guest, -1);
        type(guest, "print 1");
        for (WebDriver b : List.of(interviewer, second))
            waitText(b, start + "print 1");
        waitIn(guest).until(d -> d.findElement(By.id("pad-people"))
            .getDomProperty("textContent")
            .contains(reviewer.username())
                && d.findElement(By.id("pad-watching")).getDomProperty("textContent").contains(colleague.username()));
        browser = guest;
        screenshotThemes("pad-phone-code");
        guest.findElement(By.id("tab-people")).click();
        screenshotThemes("pad-phone-people");
        guest.findElement(By.id("tab-code")).click();
        browser = desktop;

        // Files: created, renamed and deleted in one browser, in every tree at once.
        interviewer.findElement(By.id("pad-new-file")).click();
        answerDialog(interviewer, "util.py");
        for (WebDriver b : List.of(interviewer, second, guest))
            waitIn(b).until(d -> tree(d).contains("util.py"));
        type(interviewer, "def twice(x): return 2 * x");
        guest.findElement(By.id("tab-files")).click();
        openFile(guest, "util.py");
        waitText(guest, "def twice(x): return 2 * x");
        guest.findElement(By.id("pad-rename-file")).click();
        answerDialog(guest, "helpers.py");
        for (WebDriver b : List.of(interviewer, second, guest))
            waitIn(b).until(d -> tree(d).contains("helpers.py") && !tree(d).contains("util.py"));
        openFile(second, "helpers.py");
        waitText(second, "def twice(x): return 2 * x");
        second.findElement(By.id("pad-delete-file")).click();
        waitIn(second).until(d -> !d.findElements(By.id("dlg-ok")).isEmpty());
        second.findElement(By.id("dlg-ok")).click();
        for (WebDriver b : List.of(interviewer, second, guest))
            waitIn(b).until(d -> !tree(d).contains("helpers.py"));

        // Notes: the co-interviewer reads them, the guest cannot, by page or by API.
        interviewer.findElement(By.id("pad-notes")).sendKeys("Strong **start**");
        waitIn(interviewer).until(d -> d.findElement(By.id("pad-notes-state")).getText().startsWith("Saved"));
        second.navigate().refresh();
        waitSynced(second);
        waitIn(second).until(d -> d.findElement(By.id("pad-other-notes")).getText().contains("Strong start"));
        assertThat(guest.findElements(By.cssSelector("#pad-side:not([hidden])"))).isEmpty();
        assertThat(guest.findElements(By.id("tab-notes")).get(0).isDisplayed()).isFalse();
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) guest)
            .executeAsyncScript("const done = arguments[arguments.length - 1]; fetch('/api/v1/pads/" + pad
                    + "/notes').then(r => done(r.status));"))
            .intValue()).isEqualTo(403);
        assertAccessible("the pad, for an interviewer");

        // A dropped socket: typed while it reconnects, the text arrives everywhere.
        guest.findElement(By.id("tab-code")).click();
        run(guest, "sandlotPad.page.editor.open('main.py')");
        run(guest, "sandlotPad.page.socket.drop()");
        cursorAt(guest, -1);
        type(guest, " # offline");
        waitIn(guest).until(d -> "online".equals(d.findElement(By.tagName("body")).getDomAttribute("data-connection")));
        for (WebDriver b : List.of(interviewer, second))
            waitText(b, start + "print 1 # offline");

        // A revoked link says so.
        interviewer.findElement(By.id("pad-link-candidate-revoke")).click();
        waitIn(interviewer).until(d -> d.findElement(By.id("pad-link-candidate")).getDomProperty("value").isEmpty());
        WebDriver stranger = another();
        stranger.get(linkUrl(created, "candidate"));
        waitIn(stranger).until(d -> d.findElement(By.id("join-title")).getText().equals("This link does not work"));
        screenshot("pad-three-browsers");
    }

}
