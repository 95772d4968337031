package dev.sandlot.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page as a user meets it, in Debian's headless Chromium: how soon a fresh browser
 * (empty profile, nothing cached) can use the playground, what each page ships (the
 * bundles it loads, gzip as served), how soon a Python hello world is on screen after
 * Run, and how long 1 MiB of output takes to render.
 */
final class PageLoad {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Resolves with the page's clock (ms since navigation) once the playground is usable.
     */
    private static final String READY = """
            const done = arguments[arguments.length - 1];
            const ready = () => document.body.dataset.ready === 'true';
            if (ready()) { done(performance.now()); return; }
            new MutationObserver((_, o) => { if (ready()) { o.disconnect(); done(performance.now()); } })
              .observe(document.body, { attributes: true });
            """;

    /**
     * Types a program, presses Run, and resolves with the ms until its text is on screen:
     * the expected text in the output pane, or the page's own figure of a run's output
     * fully painted ({@code sandlot.lastRender}, set when the output view has drawn all
     * of it); -1 when the run ended and neither came.
     */
    private static final String RUN_UNTIL = """
            const [code, expected, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
            const s = window.sandlot;
            s.editor.setValue(code);
            const output = document.getElementById('output');
            const shown = () => output.textContent.includes(expected) || (s.lastRender && s.lastRender.bytes > 1000000);
            s.lastRender = null;
            const started = performance.now();
            let endedAt = null;
            let finished = false;
            const finish = (ms) => { if (!finished) { finished = true; observer.disconnect(); done(ms); } };
            const observer = new MutationObserver(() => { if (shown()) finish(performance.now() - started); });
            observer.observe(output, { childList: true, subtree: true, characterData: true });
            const poll = () => {
              if (finished) return;
              if (shown()) { finish(performance.now() - started); return; }
              if (endedAt === null && performance.now() - started > 200 && !document.getElementById('run').disabled)
                endedAt = performance.now();
              if (endedAt !== null && performance.now() - endedAt > 3000) { finish(-1); return; }
              requestAnimationFrame(poll);
            };
            document.getElementById('run').click();
            requestAnimationFrame(poll);
            """;

    private static final String IDLE = """
            const done = arguments[arguments.length - 1];
            const idle = () => !document.getElementById('run').disabled;
            const wait = () => idle() ? done(true) : setTimeout(wait, 20);
            wait();
            """;

    private PageLoad() {
    }

    static void run(String base, int samples) throws Exception {
        if (!Files.isExecutable(CHROMEDRIVER)) {
            System.out
                .println("\n(page benchmark skipped: chromium-driver is not installed; ./sandlot test installs it)");
            return;
        }
        Table load = new Table("page", "usable p50 ms", "usable max ms", "samples");
        List<Long> usable = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            WebDriver browser = newBrowser();
            try {
                browser.get(base + "/");
                usable.add(Math.round(((Number) js(browser, READY)).doubleValue() * 1e6));
            }
            finally {
                browser.quit();
            }
        }
        Percentiles p = Percentiles.of(usable);
        load.row("playground, fresh browser", Percentiles.ms(p.p50()), Percentiles.ms(p.max()), p.count());
        load.print("Page usable (data-ready) after navigation, each in a fresh headless Chromium");
        shipped(base);
        runs(base, samples);
    }

    private static void runs(String base, int samples) throws Exception {
        WebDriver browser = newBrowser();
        try {
            browser.get(base + "/");
            js(browser, READY);
            List<Long> hello = new ArrayList<>();
            for (int i = 0; i < samples * 4; i++) {
                hello.add(Math
                    .round(((Number) js(browser, RUN_UNTIL, "print('Hello, World!')\n", "Hello, World!")).doubleValue()
                            * 1e6));
                js(browser, IDLE);
            }
            List<Long> mebibyte = new ArrayList<>();
            String program = "import sys\nsys.stdout.write(('x' * 1023 + '\\n') * 1023 + 'END-OF-OUTPUT\\n')\n";
            for (int i = 0; i < samples; i++) {
                mebibyte
                    .add(Math.round(((Number) js(browser, RUN_UNTIL, program, "END-OF-OUTPUT")).doubleValue() * 1e6));
                js(browser, IDLE);
            }
            Table table = new Table("after pressing Run", "p50 ms", "p90 ms", "max ms", "samples", "not shown");
            row(table, "Python hello world on screen", hello);
            row(table, "1 MiB of output on screen", mebibyte);
            table.print("The playground in headless Chromium: from the click on Run to the text on screen");
        }
        finally {
            browser.quit();
        }
    }

    private static void row(Table table, String what, List<Long> nanos) {
        List<Long> shown = nanos.stream().filter(n -> n >= 0).toList();
        Percentiles p = Percentiles.of(shown);
        table.row(what, Percentiles.ms(p.p50()), Percentiles.ms(p.p90()), Percentiles.ms(p.max()), p.count(),
                nanos.size() - shown.size());
    }

    /** What each page loads of the bundles: its entry, the chunks it imports, its CSS. */
    private static void shipped(String base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode outputs = JSON.readTree(get(http, base + "/app/meta.json").body()).path("outputs");
        Table table = new Table("page", "JS KiB", "JS gzip KiB", "CSS KiB", "CSS gzip KiB", "files");
        for (String page : List.of("playground", "review", "admin")) {
            Set<String> files = new LinkedHashSet<>();
            collect(outputs, page + ".js", files);
            files.add("app/" + page + ".css");
            long js = 0, jsGzip = 0, css = 0, cssGzip = 0;
            for (String file : files) {
                byte[] body = get(http, base + "/" + file).body();
                if (file.endsWith(".css")) {
                    css += body.length;
                    cssGzip += gzip(body);
                }
                else {
                    js += body.length;
                    jsGzip += gzip(body);
                }
            }
            table.row(page, kib(js), kib(jsGzip), kib(css), kib(cssGzip), files.size());
        }
        table.print("Shipped per page at load (the bundles esbuild wrote; gzip at level 6, as served compressed)");
    }

    /**
     * A bundle and, transitively, the chunks it imports statically (meta.json's names).
     */
    private static void collect(JsonNode outputs, String file, Set<String> files) {
        if (!files.add("app/" + file))
            return;
        for (JsonNode imported : outputs.path(file).path("imports"))
            collect(outputs, imported.asString(), files);
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / 1024.0);
    }

    private static long gzip(byte[] body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        }
        return out.size();
    }

    private static HttpResponse<byte[]> get(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200)
            throw new IllegalStateException(url + " answered " + response.statusCode());
        return response;
    }

    private static Object js(WebDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeAsyncScript(script, args);
    }

    private static WebDriver newBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory("sandlot-bench-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return browser;
    }

}
