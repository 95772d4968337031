package dev.sandlot.engine;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the files a run returned, as the sandbox init packed them after the program
 * exited (see outputs.c). The sandbox chose the names and the bytes, so the caps are
 * checked again here and every name must be an acceptable source path; anything else is
 * dropped, and the result then says files were left out.
 */
final class OutputArchive {

    private static final byte[] MAGIC = "SLO1".getBytes(StandardCharsets.US_ASCII);

    /** What a run returned: its files, and whether any were left out. */
    record Returned(List<OutputFile> files, boolean truncated) {

        static final Returned NONE = new Returned(List.of(), false);

    }

    private OutputArchive() {
    }

    /**
     * The files in {@code archive}; an empty or missing archive (the program was stopped
     * before the init could pack) returns none.
     */
    static Returned read(Path archive, OutputCaps caps) throws IOException {
        List<OutputFile> files = new ArrayList<>();
        boolean truncated = false;
        long total = 0;
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(Files.newInputStream(archive, LinkOption.NOFOLLOW_LINKS), 1 << 16))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (magic.length == 0)
                return Returned.NONE;
            if (!Arrays.equals(magic, MAGIC))
                return new Returned(List.of(), true);
            while (true) {
                int type = in.read();
                long length = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
                switch (type) {
                    case 'Z' -> {
                        return new Returned(List.copyOf(files), truncated);
                    }
                    case 'X' -> {
                        skip(in, length);
                        truncated = true;
                    }
                    case 'f' -> {
                        int nameLength = Integer.reverseBytes(in.readInt());
                        long size = length - 4 - nameLength;
                        if (nameLength < 0 || nameLength > SourcePaths.MAX_PATH_BYTES || size < 0)
                            return new Returned(List.copyOf(files), true);
                        String name = Utf8.decodeOrNull(in.readNBytes(nameLength));
                        if (name == null || SourcePaths.problem(name) != null || files.size() >= caps.maxFiles()
                                || size > caps.maxFileBytes() || total + size > caps.maxTotalBytes()) {
                            skip(in, size);
                            truncated = true;
                            continue;
                        }
                        byte[] content = in.readNBytes((int) size);
                        if (content.length != size)
                            return new Returned(List.copyOf(files), true);
                        total += size;
                        files.add(new OutputFile(name, MimeTypes.guess(name, content), content));
                    }
                    default -> {
                        return new Returned(List.copyOf(files), true);
                    }
                }
            }
        }
        catch (NoSuchFileException e) {
            return Returned.NONE;
        }
        catch (EOFException e) {
            // Packing was cut short (the sandbox was stopped): keep what is whole.
            return new Returned(List.copyOf(files), true);
        }
    }

    private static void skip(DataInputStream in, long length) throws IOException {
        long left = length;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0)
                    throw new EOFException();
                n = 1;
            }
            left -= n;
        }
    }

}
