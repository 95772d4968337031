package dev.sandlot.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Standard input in the playground: input given up front ends, input typed while the
 * program runs can be ended by Ctrl+D or a button, and Stop keeps what was printed.
 */
class PlaygroundInputBrowserTest extends PlaygroundPageTest {

    @Test
    void inputGivenUpFrontIsFollowedByTheEndOfInput() throws Exception {
        load();
        typeCode("import sys; print(sum(map(int, sys.stdin.read().split())))");
        browser.findElement(By.id("stdin")).sendKeys("1 2 3");
        clickRun();
        waitForStatus("ok");

        assertThat(output()).isEqualTo("6");
        screenshot("input-up-front");
    }

    @Test
    void ctrlDInTheInputLineEndsTheInputOfACppLoopReadingNumbers() throws Exception {
        load();
        selectLanguage("cpp");
        setCode("""
                #include <iostream>
                int main() {
                    long sum = 0, x;
                    while (std::cin >> x) sum += x;
                    std::cout << "sum " << sum << std::endl;
                }
                """);
        clickRun();
        waitUntilRunning();
        WebElement answer = browser.findElement(By.id("answer"));
        answer.sendKeys("4 5", Keys.ENTER);
        answer.sendKeys("6");
        answer.sendKeys(Keys.chord(Keys.CONTROL, "d"));
        waitForStatus("ok", COMPILE);

        assertThat(output()).isEqualTo("4 5\n6\nsum 15");
        assertThat(answer.isEnabled()).as("the input line once input has ended").isFalse();
    }

    @Test
    void theEndInputButtonEndsANodeReadlineLoop() throws Exception {
        load();
        selectLanguage("javascript");
        setCode("""
                const rl = require("readline").createInterface({ input: process.stdin });
                let total = 0;
                rl.on("line", (line) => { total += Number(line); });
                rl.on("close", () => console.log("total " + total));
                """);
        clickRun();
        waitUntilRunning();
        WebElement answer = browser.findElement(By.id("answer"));
        answer.sendKeys("2", Keys.ENTER);
        answer.sendKeys("3", Keys.ENTER);
        wait.until(d -> output().contains("3"));
        browser.findElement(By.id("eof")).click();
        waitForOutput("total 5");
        waitForStatus("ok");

        assertThat(output()).isEqualTo("2\n3\ntotal 5");
        screenshot("input-ended");
    }

    @Test
    void stopKeepsTheOutputSoFarAndShowsTheStatus() throws Exception {
        load();
        setCode("import time\nprint('before the pause', flush=True)\ntime.sleep(60)\nprint('after')\n");
        clickRun();
        waitForOutput("before the pause");
        browser.findElement(By.id("stop")).click();
        waitForStatus("killed");

        assertThat(output()).isEqualTo("before the pause");
        assertThat(status()).containsIgnoringCase("stopped");
        assertThat(browser.findElement(By.id("run")).isEnabled()).isTrue();
    }

}
