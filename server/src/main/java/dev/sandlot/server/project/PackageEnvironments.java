package dev.sandlot.server.project;

import dev.sandlot.engine.FileTrees;
import dev.sandlot.engine.packages.Ecosystem;
import dev.sandlot.engine.packages.PackageGenerations;
import dev.sandlot.server.project.PackageInstall.InstalledPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generations on disk: {@code <root>/<projectId>/<N>}, each built in a staging
 * directory outside {@code <projectId>/} and renamed in complete, never changed
 * afterwards; all but the newest two are deleted. A new generation takes the other
 * ecosystem's part of the current one as it is (hard links: nothing is ever written to a
 * generation's files).
 */
final class PackageEnvironments {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path root;

    PackageEnvironments(Path root) {
        this.root = root;
    }

    Path project(long projectId) {
        return root.resolve(Long.toString(projectId));
    }

    /** Removes what installs left in staging when the server stopped during them. */
    void sweepStaging() {
        FileTrees.delete(root.resolve(".staging"));
    }

    /** A fresh, empty staging directory (the caller removes it). */
    Path staging(long projectId) throws IOException {
        Path staging = root.resolve(".staging").resolve(projectId + "-" + UUID.randomUUID());
        Files.createDirectories(staging);
        return staging;
    }

    int current(long projectId) {
        return PackageGenerations.newest(project(projectId)).orElse(0);
    }

    /**
     * Makes generation N+1 from {@code built} (what the install step unpacked: the
     * ecosystem's part) and the other ecosystem's part of generation N; returns N+1 and
     * what it holds.
     */
    synchronized Generation publish(long projectId, Ecosystem ecosystem, Path built, Path staging) throws IOException {
        Path dir = project(projectId);
        Files.createDirectories(dir);
        directoryMode(root);
        directoryMode(dir);
        int current = current(projectId);
        Path next = staging.resolve("generation");
        Files.createDirectory(next);
        String part = part(ecosystem);
        String other = part(ecosystem == Ecosystem.PYTHON ? Ecosystem.NODE : Ecosystem.PYTHON);
        if (Files.isDirectory(built.resolve(part), LinkOption.NOFOLLOW_LINKS))
            Files.move(built.resolve(part), next.resolve(part));
        else
            Files.createDirectory(next.resolve(part));
        if (current > 0 && Files.isDirectory(dir.resolve(current + "/" + other), LinkOption.NOFOLLOW_LINKS))
            link(dir.resolve(current + "/" + other), next.resolve(other));
        List<InstalledPackage> installed = installed(next);
        Files.writeString(next.resolve("manifest.json"), JSON.writeValueAsString(installed), StandardCharsets.UTF_8);
        makeReadable(next);
        int number = current + 1;
        Files.move(next, dir.resolve(Integer.toString(number)), StandardCopyOption.ATOMIC_MOVE);
        for (int old : PackageGenerations.list(dir)) {
            if (old < number - 1)
                FileTrees.delete(dir.resolve(Integer.toString(old)));
        }
        return new Generation(number, installed);
    }

    record Generation(int number, List<InstalledPackage> installed) {
    }

    void deleteProject(long projectId) {
        FileTrees.delete(project(projectId));
    }

    private static String part(Ecosystem ecosystem) {
        return ecosystem == Ecosystem.PYTHON ? "python" : "node";
    }

    /** What a generation holds: pip's dist-info folders and npm's package folders. */
    static List<InstalledPackage> installed(Path generation) throws IOException {
        List<InstalledPackage> out = new ArrayList<>();
        Path site = generation.resolve("python/site");
        if (Files.isDirectory(site, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(site, "*.dist-info")) {
                for (Path info : entries) {
                    String name = info.getFileName().toString().replaceFirst("\\.dist-info$", "");
                    int dash = name.indexOf('-');
                    if (dash > 0) {
                        out.add(new InstalledPackage("python", metadata(info, "Name", name.substring(0, dash)),
                                metadata(info, "Version", name.substring(dash + 1))));
                    }
                }
            }
        }
        builtIn(generation.resolve("python/built-in.json"), out);
        Path modules = generation.resolve("node/node_modules");
        if (Files.isDirectory(modules, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(modules)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith("@")) {
                        try (DirectoryStream<Path> scoped = Files.newDirectoryStream(entry)) {
                            for (Path p : scoped)
                                node(p, name + "/" + p.getFileName(), out);
                        }
                    }
                    else if (!name.startsWith(".")) {
                        node(entry, name, out);
                    }
                }
            }
        }
        out.sort(Comparator.comparing(InstalledPackage::ecosystem)
            .thenComparing(p -> p.name().toLowerCase(Locale.ROOT)));
        return out;
    }

    /**
     * The manifest's packages that pip found among the built-in libraries, as the install
     * sandbox listed them: untrusted, so only well-formed names and versions not already
     * in the generation are taken.
     */
    private static void builtIn(Path file, List<InstalledPackage> out) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 1 << 16)
                return;
            for (var entry : JSON.readTree(Files.readString(file))) {
                String name = entry.path("name").asString("");
                String version = entry.path("version").asString("");
                boolean listed = out.stream()
                    .anyMatch(p -> p.ecosystem().equals("python") && p.name().equalsIgnoreCase(name));
                if (!listed && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
                        && version.matches("[A-Za-z0-9.+!_-]{1,64}"))
                    out.add(new InstalledPackage("python", name, version));
            }
        }
        catch (IOException | RuntimeException e) {
            // nothing more is listed
        }
    }

    private static void node(Path dir, String name, List<InstalledPackage> out) {
        Path json = dir.resolve("package.json");
        String version = "";
        try {
            if (Files.isRegularFile(json, LinkOption.NOFOLLOW_LINKS) && Files.size(json) < 1 << 20)
                version = JSON.readTree(Files.readString(json)).path("version").asString("");
        }
        catch (IOException | RuntimeException e) {
            // a package without a readable version is still listed
        }
        out.add(new InstalledPackage("node", name, version));
    }

    private static String metadata(Path info, String header, String fallback) {
        Path file = info.resolve("METADATA");
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) < 4 << 20) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isEmpty())
                        break;
                    if (line.startsWith(header + ": "))
                        return line.substring(header.length() + 2).strip();
                }
            }
        }
        catch (IOException | RuntimeException e) {
            // the folder's name says it
        }
        return fallback;
    }

    /**
     * Hard links of every file of {@code from} (a finished generation's) under
     * {@code to}.
     */
    private static void link(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile())
                    Files.createLink(to.resolve(from.relativize(file).toString()), file);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Directories 0755 and files 0644 (as unpacked, or the manifest), whatever the umask.
     */
    private static void makeReadable(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                directoryMode(d);
                return FileVisitResult.CONTINUE;
            }
        });
        Files.setPosixFilePermissions(dir.resolve("manifest.json"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void directoryMode(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

}
