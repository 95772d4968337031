package dev.sandlot.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Guesses what a returned file holds from its name, checked against its first bytes for
 * images: a page shows an image inline only when the bytes are one, so a file named x.png
 * holding anything else is just a download.
 */
public final class MimeTypes {

    public static final String BINARY = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"), Map.entry("svg", "image/svg+xml"), Map.entry("pdf", "application/pdf"),
            Map.entry("txt", "text/plain"), Map.entry("log", "text/plain"), Map.entry("md", "text/markdown"),
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("json", "application/json"), Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
            Map.entry("xml", "application/xml"), Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"), Map.entry("wav", "audio/wav"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("npy", BINARY));

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    private static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff };

    private MimeTypes() {
    }

    public static String guess(String name, byte[] content) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = BY_EXTENSION.getOrDefault(extension, BINARY);
        return switch (type) {
            case "image/png" -> startsWith(content, PNG) ? type : BINARY;
            case "image/jpeg" -> startsWith(content, JPEG) ? type : BINARY;
            case "image/gif" -> startsWith(content, "GIF8".getBytes(StandardCharsets.US_ASCII)) ? type : BINARY;
            case "image/webp" -> content.length >= 12 && startsWith(content, "RIFF".getBytes(StandardCharsets.US_ASCII))
                    && Arrays.equals(content, 8, 12, "WEBP".getBytes(StandardCharsets.US_ASCII), 0, 4) ? type : BINARY;
            case "image/svg+xml" -> looksLikeSvg(content) ? type : BINARY;
            default -> type;
        };
    }

    /** An SVG is XML text with an svg element near its start. */
    private static boolean looksLikeSvg(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.UTF_8).stripLeading();
        if (head.startsWith("\ufeff"))
            head = head.substring(1).stripLeading();
        return head.startsWith("<") && head.contains("<svg");
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }

}
