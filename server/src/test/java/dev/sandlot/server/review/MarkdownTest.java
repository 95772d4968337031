package dev.sandlot.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The renderer attacked: statements within the 64 KB cap that nest block quotes, lists,
 * emphasis, links and code as deep as the size allows, and a fuzz of random mixtures.
 * Everything runs on a thread with a small stack (256 KB, a quarter of the usual
 * default), and must neither throw nor take long.
 */
class MarkdownTest {

    static final int CAP = ReviewProblems.MAX_TEXT;
    static final String[] TOKENS = { "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "`", "```\n", "[", "]", "(", ")",
            "](x)", "*", "_", "**", "__", "![", "\n", "\n\n", "  ", "    ", "\t", "word ", "<", "&", "\\", "#", "|",
            "~~~\n", "<div>", "[a]: /u\n" };

    static String repeat(String s) {
        return s.repeat(CAP / s.length());
    }

    /**
     * Runs {@code body} on a thread with a small stack; fails on any throwable or if it
     * takes longer than {@code maxMs}.
     */
    static void smallStack(long maxMs, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            }
            catch (Throwable e) {
                failure.set(e);
            }
        }, "markdown-fuzz", 256 * 1024);
        long start = System.nanoTime();
        t.start();
        t.join(maxMs * 4);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(t.isAlive()).as("still rendering after " + ms + " ms").isFalse();
        assertThat(failure.get()).as("thrown").isNull();
        assertThat(ms).isLessThan(maxMs);
    }

    @Test
    void deepNestingWithinTheSizeCapIsRefusedAndStillRendersAsText() throws InterruptedException {
        List<String> attacks = new ArrayList<>(List.of(repeat("> "), repeat(">"), repeat("- "), repeat("* "),
                repeat("+ "), repeat("1. "), repeat("[").substring(1) + "x", repeat("!["),
                repeat("*_").substring(2) + "x", "*_".repeat(CAP / 8) + "x" + "_*".repeat(CAP / 8),
                "[".repeat(CAP / 4) + "x" + "](u)".repeat(CAP / 8), "![".repeat(CAP / 8) + "x" + "](u)".repeat(CAP / 8),
                repeat("> - "), repeat("- ").substring(2) + "x", repeat("* ").substring(2) + "x"));
        StringBuilder indented = new StringBuilder();
        for (int level = 0; indented.length() < CAP - 400; level++)
            indented.append("  ".repeat(level)).append("- x\n");
        attacks.add(indented.toString());
        smallStack(20_000, () -> {
            for (String attack : attacks) {
                assertThat(attack.length()).isLessThanOrEqualTo(CAP);
                String html = Markdown.html(attack);
                assertThat(html).isNotNull();
                assertThat(html).doesNotContain("<script");
            }
        });
        for (String deep : List.of(repeat("> "), repeat("- ").substring(2) + "x", repeat("+ ").substring(2) + "x",
                repeat("1. "), "![".repeat(CAP / 8) + "x" + "](u)".repeat(CAP / 8))) {
            assertThat(Markdown.problem(deep)).as(deep.substring(0, 8)).contains("levels deep");
            assertThat(Markdown.html(deep)).startsWith("<pre class=\"statement-plain\">");
        }
        assertThat(Markdown.html("> <script>alert(1)</script>\n".repeat(100) + "> ".repeat(1000))).startsWith("<pre")
            .contains("&lt;script&gt;")
            .doesNotContain("<script");
    }

    @Test
    void ordinaryNestingRendersAsBefore() {
        String doc = "# Sum\n\n> quoted *with **strong** and `code`*\n>\n> - a list\n>   - nested [link](https://x.org)\n\n1. one\n2. two\n";
        assertThat(Markdown.problem(doc)).isNull();
        assertThat(Markdown.html(doc)).contains("<h1>Sum</h1>", "<blockquote>", "<strong>strong</strong>", "<ol>",
                "href=\"https://x.org\">link</a>");
        String tenLevels = "> ".repeat(10) + "deep but fine\n";
        assertThat(Markdown.problem(tenLevels)).isNull();
        assertThat(Markdown.html(tenLevels)).contains("<blockquote>");
    }

    @Test
    void fuzzRandomNestingWithinTheSizeCap() throws InterruptedException {
        Random random = new Random(12);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            StringBuilder s = new StringBuilder();
            int length = i % 3 == 0 ? CAP - 16 : random.nextInt(CAP);
            // Runs of one token (deep nesting) mixed with random tokens.
            while (s.length() < length) {
                String token = TOKENS[random.nextInt(TOKENS.length)];
                int run = random.nextInt(4) == 0 ? 1 + random.nextInt(2000) : 1;
                for (int r = 0; r < run && s.length() + token.length() <= length; r++)
                    s.append(token);
                if (s.length() + token.length() > length)
                    break;
            }
            inputs.add(s.toString());
        }
        long[] slowest = new long[1];
        smallStack(60_000, () -> {
            for (String input : inputs) {
                long start = System.nanoTime();
                String problem = Markdown.problem(input);
                String html = Markdown.html(input);
                long ms = (System.nanoTime() - start) / 1_000_000;
                slowest[0] = Math.max(slowest[0], ms);
                assertThat(html).isNotNull().doesNotContain("<script", "<div");
                if (problem == null)
                    assertThat(html).doesNotStartWith("<pre class=\"statement-plain\">");
            }
        });
        // Generous for a shared machine: one statement renders in milliseconds.
        assertThat(slowest[0]).as("slowest statement, ms").isLessThan(3_000);
    }

}
