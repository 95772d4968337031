package dev.sandlot.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The line diff: minimal edit scripts, unified output, the cap on work, and output
 * comparison for verdicts.
 */
class LineDiffTest {

    @Test
    void aChangedLineIsOneRemovalAndOneAdditionInAUnifiedHunk() {
        String unified = LineDiff.unified("a/main.py", "b/main.py",
                LineDiff.diff(List.of("a", "b", "c", "d"), List.of("a", "B", "c", "d", "e")), 3);

        assertThat(unified).isEqualTo("""
                --- a/main.py
                +++ b/main.py
                @@ -1,4 +1,5 @@
                 a
                -b
                +B
                 c
                 d
                +e
                """);
    }

    @Test
    void equalTextsHaveNoDiffAndFarApartChangesGetTheirOwnHunks() {
        assertThat(LineDiff.unified("x", "y", LineDiff.diff(List.of("a"), List.of("a")), 3)).isEmpty();
        List<String> a = new ArrayList<>();
        for (int i = 1; i <= 30; i++)
            a.add("line " + i);
        List<String> b = new ArrayList<>(a);
        b.set(1, "changed 2");
        b.set(27, "changed 28");
        String unified = LineDiff.unified("a", "b", LineDiff.diff(a, b), 3);
        assertThat(unified).contains("@@ -1,5 +1,5 @@", "@@ -25,6 +25,6 @@");
    }

    @Test
    void theEditScriptIsMinimal() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<String> a = randomLines(random);
            List<String> b = randomLines(random);
            LineDiff.Result r = LineDiff.diff(a, b);
            long edits = r.edits().stream().filter(e -> e.kind() != LineDiff.Kind.SAME).count();
            assertThat(edits).as(a + " -> " + b).isEqualTo(a.size() + b.size() - 2L * lcs(a, b));
            // Replaying the script gives the new text.
            assertThat(
                    r.edits().stream().filter(e -> e.kind() != LineDiff.Kind.REMOVED).map(LineDiff.Edit::text).toList())
                .isEqualTo(b);
            assertThat(
                    r.edits().stream().filter(e -> e.kind() != LineDiff.Kind.ADDED).map(LineDiff.Edit::text).toList())
                .isEqualTo(a);
        }
    }

    @Test
    void hugeCompletelyDifferentFilesAreCappedNotQuadratic() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            a.add("old " + i);
            b.add("new " + i);
        }
        long started = System.nanoTime();
        LineDiff.Result r = LineDiff.diff(a, b);
        long ms = (System.nanoTime() - started) / 1_000_000;

        assertThat(r.truncated()).isTrue();
        assertThat(r.edits()).hasSize(100_000);
        assertThat(ms).isLessThan(3_000);
        assertThat(LineDiff.unified("a", "b", r, 3))
            .endsWith("\\ diff simplified: the files differ in too many lines to align them\n");
    }

    /**
     * The attack of issue 12: 60 files of 2,050 lines, every line different (or one in
     * eight shared, to defeat shortcuts).
     */
    static List<ReviewRecords.TaskFile> crafted(String side, int shareEvery) {
        List<ReviewRecords.TaskFile> files = new ArrayList<>();
        for (int f = 0; f < 60; f++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 2_050; i++) {
                text.append(shareEvery > 0 && i % shareEvery == 0 ? "same " + (i / shareEvery) : side + f + "." + i)
                    .append('\n');
            }
            files.add(new ReviewRecords.TaskFile("f" + f + ".py", text.toString()));
        }
        return files;
    }

    @Test
    void aCraftedPairOfSubmissionsIsDiffedFastInBoundedMemory() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int shareEvery : new int[] { 0, 8, 2 }) {
            List<ReviewRecords.TaskFile> old = crafted("old ", shareEvery);
            List<ReviewRecords.TaskFile> now = crafted("new ", shareEvery);
            List<ReviewService.Pair> pairs = ReviewService.pairs(old, now);
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long started = System.nanoTime();

            DiffLimits.Scripts scripts = ReviewService.scripts(pairs, LineDiff.MAX_WORK, 20_000_000);

            long ms = (System.nanoTime() - started) / 1_000_000;
            long bytes = threads.getCurrentThreadAllocatedBytes() - allocated;
            // The inputs are 60 x 4,100 lines; the diff's own memory is a few int arrays
            // and a byte per line per file.
            assertThat(bytes).as("bytes allocated, one line in " + shareEvery + " shared")
                .isLessThan(200L * 1024 * 1024);
            assertThat(ms).as("ms, one line in " + shareEvery + " shared").isLessThan(2_000);
            assertThat(scripts.kinds()).hasSize(60);
            var view = ReviewService.diffView(1, "submission", null, pairs, scripts);
            assertThat(view.modified()).isEqualTo(60);
            // Replaying the (possibly simplified) scripts still gives both texts.
            for (var file : view.files()) {
                assertThat(file.unified()).startsWith("--- a/" + file.path());
            }
        }
    }

    @Test
    void theWorkCapDegradesOneFileAndKeepsTheScriptCorrect() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            a.add(i % 3 == 0 ? "shared " + i : "a" + i);
            b.add(i % 3 == 0 ? "shared " + i : "b" + i);
        }
        LineDiff.Result exact = LineDiff.diff(a, b, Long.MAX_VALUE);
        assertThat(exact.truncated()).isFalse();
        assertThat(exact.edits().stream().filter(e -> e.kind() == LineDiff.Kind.SAME).count()).isEqualTo(1_000);
        LineDiff.Result capped = LineDiff.diff(a, b, 10_000);
        assertThat(capped.truncated()).isTrue();
        assertThat(capped.work()).isLessThanOrEqualTo(10_001 + 3_000);
        assertThat(capped.edits()).hasSize(5_999); // "shared 0" is a common prefix
        assertThat(LineDiff.unified("a", "b", capped, 3))
            .endsWith("\\ diff simplified: the files differ in too many lines to align them\n");
        // A cached script replays to the same result.
        assertThat(LineDiff.replay(a, b, LineDiff.compact(exact), false).edits()).isEqualTo(exact.edits());
    }

    @Test
    void outputsCompareIgnoringTrailingWhitespacePerLine() {
        assertThat(CaseRunner.sameOutput("7  \n8\t\n\n", "7\n8")).isTrue();
        assertThat(CaseRunner.sameOutput("7\r\n", "7\n")).isTrue();
        assertThat(CaseRunner.sameOutput(" 7\n", "7\n")).isFalse();
        assertThat(CaseRunner.outputDiff("7\n", "-1\n")).contains("-7\n", "+-1\n");
    }

    @Test
    void markdownKeepsFormattingButNotScriptsOrJavascriptLinks() {
        String html = Markdown
            .html("# Sum\n\nAdd **two** numbers. <script>alert(1)</script>\n\n[click](javascript:alert(2)) "
                    + "[docs](https://example.com) <img src=x onerror=alert(3)>");

        assertThat(html).contains("<h1>Sum</h1>", "<strong>two</strong>", "href=\"https://example.com\"",
                "&lt;script&gt;");
        assertThat(html).doesNotContain("<script", "javascript:", "<img");
    }

    @Test
    void aSubmissionDiffListsAddedRemovedRenamedModifiedAndUnchangedFiles() {
        var diff = ReviewService.diffView(9, "starter", null,
                List.of(new ReviewRecords.TaskFile("main.py", "print(1)\n"),
                        new ReviewRecords.TaskFile("old.py", "x = 1\n"), new ReviewRecords.TaskFile("gone.py", "bye\n"),
                        new ReviewRecords.TaskFile("same.txt", "s\n")),
                List.of(new ReviewRecords.TaskFile("main.py", "print(2)\n"),
                        new ReviewRecords.TaskFile("lib/new.py", "x = 1\n"),
                        new ReviewRecords.TaskFile("added.py", "hi\n"), new ReviewRecords.TaskFile("same.txt", "s\n")));

        assertThat(diff.files()).extracting(f -> f.path() + " " + f.status() + " " + f.oldPath())
            .containsExactly("added.py added null", "gone.py removed gone.py", "lib/new.py renamed old.py",
                    "main.py modified main.py", "same.txt unchanged same.txt");
        assertThat(List.of(diff.added(), diff.removed(), diff.renamed(), diff.modified())).containsExactly(1, 1, 1, 1);
        assertThat(diff.files().get(0).unified()).startsWith("--- /dev/null\n+++ b/added.py\n@@ -0,0 +1,1 @@\n+hi\n");
        assertThat(diff.files().get(1).unified()).startsWith("--- a/gone.py\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-bye\n");
        assertThat(diff.files().get(2).unified()).isEmpty();
        assertThat(diff.files().get(4).unified()).isEmpty();
    }

    private static List<String> randomLines(Random random) {
        List<String> out = new ArrayList<>();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++)
            out.add(String.valueOf((char) ('a' + random.nextInt(4))));
        return out;
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                t[i][j] = a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t[0][0];
    }

}
