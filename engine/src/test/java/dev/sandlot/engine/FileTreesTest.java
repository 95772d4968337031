package dev.sandlot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path temp;

    /**
     * Made with relative mkdir and cd, as a program in a sandbox would: the whole path is
     * far past PATH_MAX.
     */
    static void makeDeepTree(Path root, int levels, int nameLength) throws Exception {
        Process p = new ProcessBuilder("/bin/bash", "-c", """
                cd "$1" && name=$(printf 'd%%.0s' $(seq 1 %d))
                for i in $(seq 1 %d); do mkdir "$name" && cd "$name" || exit 3; done
                echo deep > file && ln -s / escape && mkfifo fifo
                """.formatted(nameLength, levels), "deep", root.toString()).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void deletesATreeWhosePathsAreLongerThanPathMaxWithoutFollowingLinks() throws Exception {
        Path root = Files.createDirectory(temp.resolve("tree"));
        Path outside = Files.writeString(temp.resolve("keep.txt"), "keep");
        Files.createSymbolicLink(root.resolve("link"), temp);
        makeDeepTree(root, 120, 200); // about 24 KB of path

        assertThat(FileTrees.delete(root)).isTrue();
        assertThat(root).doesNotExist();
        assertThat(outside).hasContent("keep");
    }

    @Test
    void aMissingTreeIsAlreadyDeleted() {
        assertThat(FileTrees.delete(temp.resolve("nothing"))).isTrue();
    }

}
