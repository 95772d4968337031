package dev.sandlot.engine.packages;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The numbered generations of one project's packages ({@code <root>/1}, {@code 2}, ...):
 * each complete before it appears and never changed afterwards; the highest is the
 * current one. Only plain decimal directory names count, so a staging directory or a
 * stray file is never taken for one.
 */
public final class PackageGenerations {

    /** Where a sandbox sees a project's generations. */
    public static final String MOUNT = "/packages.d";

    /** The environment variable that names {@link #MOUNT} inside a sandbox. */
    public static final String ENV = "SANDLOT_PACKAGES";

    private PackageGenerations() {
    }

    /** The generation numbers under {@code root}, lowest first; none if it is missing. */
    public static List<Integer> list(Path root) {
        List<Integer> numbers = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS))
            return numbers;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.matches("[1-9][0-9]{0,8}") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS))
                    numbers.add(Integer.parseInt(name));
            }
        }
        catch (IOException e) {
            return List.of();
        }
        numbers.sort(null);
        return numbers;
    }

    /** The current generation under {@code root}, or empty when there is none. */
    public static OptionalInt newest(Path root) {
        List<Integer> numbers = list(root);
        return numbers.isEmpty() ? OptionalInt.empty() : OptionalInt.of(numbers.getLast());
    }

}
