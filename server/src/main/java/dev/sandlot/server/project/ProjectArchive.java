package dev.sandlot.server.project;

import dev.sandlot.engine.InvalidFieldException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;

/**
 * Projects as zip files. Reading trusts nothing in the archive: every name is checked
 * like any path, sizes are counted while inflating (never taken from the headers), and
 * the caps on files, bytes per file and bytes in all stop a zip bomb at the first byte
 * past them.
 */
@Component
class ProjectArchive {

    private final ProjectProperties caps;

    ProjectArchive(ProjectProperties caps) {
        this.caps = caps;
    }

    byte[] write(List<ProjectFile> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (ProjectFile f : files) {
                zip.putNextEntry(new ZipEntry(f.path()));
                zip.write(f.content().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    List<ProjectService.NewFile> read(byte[] archive) {
        return read(archive, Long.MAX_VALUE);
    }

    /**
     * The archive's files, counting what it unpacks while inflating against the caps and
     * against {@code accountRemaining}, the bytes the account may still store.
     */
    List<ProjectService.NewFile> read(byte[] archive, long accountRemaining) {
        List<ProjectService.NewFile> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (entry.isDirectory())
                    continue;
                ProjectService.path("archive entry '" + printable(name) + "'", name);
                if (!seen.add(name))
                    throw new InvalidFieldException("archive", "has '" + printable(name) + "' twice");
                if (files.size() >= caps.maxFiles()) {
                    throw new InvalidFieldException("archive", "has more than " + caps.maxFiles() + " files",
                            (long) caps.maxFiles());
                }
                long accountLeft = accountRemaining - total;
                byte[] content = readCapped(zip,
                        Math.min(Math.min(caps.maxFileBytes(), caps.maxProjectBytes() - total), accountLeft), name,
                        accountLeft);
                total += content.length;
                files.add(new ProjectService.NewFile(name, utf8(content, name)));
            }
        }
        catch (IOException e) {
            throw new InvalidFieldException("archive", "is not a readable zip file: " + e.getMessage());
        }
        if (files.isEmpty())
            throw new InvalidFieldException("archive", "has no files");
        return files;
    }

    private byte[] readCapped(InputStream in, long cap, String name, long accountLeft) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > cap && out.size() + n > accountLeft) {
                throw new InvalidFieldException("archive",
                        "'" + printable(name) + "' unpacks past what this account may still store ("
                                + Math.max(0, accountLeft) + " bytes); delete projects first",
                        Math.max(0, accountLeft));
            }
            if (out.size() + n > cap) {
                throw new InvalidFieldException("archive", "'" + printable(name) + "' unpacks past the size caps ("
                        + caps.maxFileBytes() + " bytes per file, " + caps.maxProjectBytes() + " in all)", cap);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String utf8(byte[] content, String name) {
        String text = ProjectFile.utf8OrNull(content);
        if (text == null)
            throw new InvalidFieldException("archive",
                    "'" + printable(name) + "' is not UTF-8 text; projects hold text files only");
        return text;
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

}
