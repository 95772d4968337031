package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Files a run returns: what it writes under /output (plots from {@code plt.show()}
 * included) and the workspace files the request names, within the caps, and nothing that
 * is not a regular file inside the sandbox.
 */
@Tag("sandbox")
class OutputFilesTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    @Test
    void plotsSavedFilesAndNamedWorkspaceFilesComeBack() {
        RunResult r = TestEngine.get().run(RunRequest.builder("python").file("main.py", """
                import os
                import matplotlib.pyplot as plt
                plt.plot([1, 2, 3], [1, 4, 9])
                plt.savefig(os.environ['SANDLOT_OUTPUT'] + '/x.svg')
                plt.show()
                os.makedirs('results')
                open('results/data.csv', 'w').write('a,b\\n1,2\\n')
                print(sorted(os.listdir('/output')))
                """).outputFiles(List.of("results/data.csv", "absent.txt")).build());

        assertThat(r.status()).as(r.stderrText()).isEqualTo(Status.OK);
        assertThat(r.stdoutText()).isEqualTo("['figure-1.png', 'x.svg']\n");
        assertThat(r.files()).extracting(OutputFile::name, OutputFile::mimeType)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("figure-1.png", "image/png"),
                    org.assertj.core.groups.Tuple.tuple("x.svg", "image/svg+xml"),
                    org.assertj.core.groups.Tuple.tuple("results/data.csv", "text/csv"));
        assertThat(Arrays.copyOf(r.files().get(0).content(), 8)).isEqualTo(PNG);
        assertThat(new String(r.files().get(1).content(), StandardCharsets.UTF_8)).contains("<svg");
        assertThat(r.files().get(2).content()).isEqualTo("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(r.filesTruncated()).isFalse();
    }

    @Test
    void plotsUseTheFontListMadeAtStartWhichNoRunCanChange() {
        String program = """
                import os, matplotlib.font_manager as fm
                folder = os.environ["MPLCONFIGDIR"]
                lists = [n for n in os.listdir(folder) if n.startswith("fontlist")]
                print(lists, len(fm.fontManager.ttflist) > 0)
                for name in lists:
                    try:
                        open(os.path.join(folder, name), "w").write("{}")
                    except OSError as e:
                        print(type(e).__name__)
                """;
        for (int i = 0; i < 2; i++) {
            RunResult r = TestEngine.run("python", program);
            assertThat(r.stdoutText()).as(r.stderrText()).matches("\\['fontlist-v[0-9]+\\.json'\\] True\nOSError\n");
            // matplotlib warns on stderr when it has to build the list itself.
            assertThat(r.stderrText()).isEmpty();
        }
    }

    @Test
    void aColdSandboxOfAnotherLanguageHasTheOutputFolderToo() {
        RunResult r = TestEngine.run("c", """
                #include <stdio.h>
                #include <stdlib.h>
                int main(void) {
                    FILE *f = fopen("/output/out.txt", "w");
                    fputs(getenv("SANDLOT_OUTPUT"), f);
                    return fclose(f);
                }
                """);

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.files()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("out.txt");
            assertThat(f.mimeType()).isEqualTo("text/plain");
            assertThat(new String(f.content(), StandardCharsets.UTF_8)).isEqualTo("/output");
        });
    }

    @Test
    void filesBeyondTheCapsAreDroppedAndTheResultSaysSo() {
        RunResult r = TestEngine.run("python", """
                for i in range(20):
                    open('/output/f%02d.txt' % i, 'w').write('x' * 10)
                open('/output/big.bin', 'wb').write(b'\\0' * (5 << 20))
                import sys
                sys.exit(3)
                """);

        // A failing program still returns its files.
        assertThat(r.status()).isEqualTo(Status.RUNTIME_ERROR);
        assertThat(r.files()).extracting(OutputFile::name)
            .containsExactlyElementsOf(IntStream.range(0, 16).mapToObj(i -> String.format("f%02d.txt", i)).toList());
        assertThat(r.filesTruncated()).isTrue();
    }

    @Test
    void linksFifosSparseFilesAndLingeringWritersNeverEscapeOrHang() {
        RunResult r = TestEngine.get().run(RunRequest.builder("python").file("main.py", """
                import os, subprocess
                os.symlink('/etc/passwd', '/output/passwd')
                os.symlink('/etc', '/output/etc')
                os.symlink('/etc/passwd', 'link')
                os.symlink('/etc', 'dir')
                os.mkfifo('/output/fifo')
                os.mkfifo('fifo')
                with open('/output/sparse', 'wb') as f:
                    f.truncate(15 << 20)
                try:
                    os.truncate('/output/huge', 1 << 30)
                except OSError as e:
                    print('huge refused', e.errno)
                open('/output/ok.txt', 'w').write('ok')
                subprocess.Popen(['sh', '-c', 'while :; do echo x >> /output/late.txt; done'])
                """).outputFiles(List.of("link", "dir/passwd", "fifo")).build());

        assertThat(r.status()).as(r.stderrText()).isEqualTo(Status.OK);
        assertThat(r.run().wallTimeMs()).isLessThan(5_000);
        assertThat(r.files()).extracting(OutputFile::name)
            .contains("ok.txt")
            .doesNotContain("passwd", "etc/passwd", "link", "dir/passwd", "fifo", "sparse");
        assertThat(r.files())
            .allSatisfy(f -> assertThat(new String(f.content(), StandardCharsets.UTF_8)).doesNotContain("root:"));
        assertThat(r.filesTruncated()).isTrue();
    }

    @Test
    void namedFilesAreCheckedLikeSourcePaths() {
        Engine engine = TestEngine.get();
        assertThatThrownBy(() -> engine
            .run(RunRequest.builder("python").file("main.py", "").outputFiles(List.of("ok.txt", "../x")).build()))
            .isInstanceOfSatisfying(InvalidFieldException.class,
                    e -> assertThat(e.field()).isEqualTo("outputFiles[1]"));
        assertThatThrownBy(() -> engine.run(RunRequest.builder("python")
            .file("main.py", "")
            .outputFiles(IntStream.range(0, 17).mapToObj(i -> "f" + i).toList())
            .build()))
            .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("outputFiles"));
    }

    @Test
    void imagesAreImagesOnlyWhenTheirBytesSaySo() {
        assertThat(MimeTypes.guess("a.png", PNG)).isEqualTo("image/png");
        assertThat(MimeTypes.guess("a.PNG", "<html>".getBytes(StandardCharsets.UTF_8))).isEqualTo(MimeTypes.BINARY);
        assertThat(MimeTypes.guess("a.svg", "<?xml version='1.0'?>\n<svg xmlns=''/>".getBytes(StandardCharsets.UTF_8)))
            .isEqualTo("image/svg+xml");
        assertThat(MimeTypes.guess("a.svg", "GIF89a".getBytes(StandardCharsets.UTF_8))).isEqualTo(MimeTypes.BINARY);
        assertThat(MimeTypes.guess("noextension", new byte[0])).isEqualTo(MimeTypes.BINARY);
    }

}
