package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Files a run returns, on the page: a plot appears as an image in the output, a file that
 * is not an image is a download link, and nothing a file holds is rendered as a page.
 */
class PlaygroundFilesBrowserTest extends PlaygroundPageTest {

    @Test
    void aPlotIsShownInlineAndOtherFilesAreDownloadLinks() throws Exception {
        load();
        setCode("""
                import matplotlib.pyplot as plt
                plt.plot([1, 2, 3], [1, 4, 9])
                plt.title('squares')
                plt.show()
                open('/output/page.html', 'w').write('<script>document.title = "owned"</script>')
                print('done')
                """);
        clickRun();
        waitForStatus("ok");

        WebElement image = wait.until(d -> d.findElement(By.cssSelector("#output-files img")));
        assertThat(image.getDomAttribute("src")).startsWith("data:image/png;base64,iVBORw0KGgo");
        assertThat(image.getDomAttribute("alt")).contains("figure-1.png");
        wait.until(d -> (Boolean) js("const i = document.querySelector('#output-files img');"
                + " return i.complete && i.naturalWidth > 100"));

        List<WebElement> links = browser.findElements(By.cssSelector("#output-files a"));
        assertThat(links).extracting(WebElement::getText).containsExactly("figure-1.png", "page.html");
        WebElement html = links.get(1);
        assertThat(html.getDomAttribute("download")).isEqualTo("page.html");
        assertThat(html.getDomAttribute("href")).startsWith("blob:");
        // The blob itself cannot be fetched here (connect-src 'self'); its type is given
        // on
        // the link too.
        assertThat(html.getDomAttribute("type")).isEqualTo("application/octet-stream");
        assertThat(browser.findElements(By.cssSelector("#output-files script, #output-files iframe"))).isEmpty();
        assertThat(browser.getTitle()).isNotEqualTo("owned");
        assertThat(output()).isEqualTo("done");
        assertAccessible("a run that returned a plot and a file");
        screenshotThemes("output-files");

        // The next run starts without the last one's files.
        setCode("print('no files')");
        clickRun();
        waitForOutput("no files");
        waitForStatus("ok");
        assertThat(browser.findElement(By.id("output-files")).isDisplayed()).isFalse();
    }

}
