package dev.sandlot.engine;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The one place file paths from users are checked: relative, '/'-separated, no empty, "."
 * or ".." segment, no control characters or backslashes, not beginning with '-' or '@'
 * (which tools read as options and argument files), Unicode in NFC, and within length
 * caps. Anything else is refused with the reason, never repaired silently.
 */
public final class SourcePaths {

    public static final int MAX_PATH_BYTES = 1024;

    public static final int MAX_SEGMENT_BYTES = 255;

    public static final int MAX_DEPTH = 16;

    private SourcePaths() {
    }

    /**
     * Returns the path if it is acceptable.
     * @throws InvalidFieldException naming {@code field} and what is wrong
     */
    public static String validate(String field, String path) {
        String problem = problem(path);
        if (problem != null)
            throw new InvalidFieldException(field, problem);
        return path;
    }

    /** What is wrong with a path, or null when it is fine. */
    public static String problem(String path) {
        if (path == null || path.isEmpty())
            return "must not be empty";
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return "must be at most " + MAX_PATH_BYTES + " bytes long";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f)
                return "must not contain control characters";
            if (c == '\\')
                return "must use '/' as the separator, not '\\'";
        }
        if (!Normalizer.isNormalized(path, Normalizer.Form.NFC))
            return "must be in Unicode normal form C (NFC)";
        if (path.startsWith("/"))
            return "must be relative (no leading '/')";
        if (path.startsWith("-") || path.startsWith("@")) {
            return "must not begin with '-' or '@', which compilers read as an option or an argument file";
        }
        String[] segments = path.split("/", -1);
        if (segments.length > MAX_DEPTH)
            return "must be at most " + MAX_DEPTH + " directories deep";
        for (String segment : segments) {
            if (segment.isEmpty())
                return "must not contain empty segments ('//' or a trailing '/')";
            if (segment.equals(".") || segment.equals(".."))
                return "must not contain '.' or '..' segments";
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                return "must have segments of at most " + MAX_SEGMENT_BYTES + " bytes";
            }
        }
        return null;
    }

}
