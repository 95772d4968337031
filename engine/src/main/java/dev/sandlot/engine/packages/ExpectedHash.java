package dev.sandlot.engine.packages;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The content hash an index page promised for a file: the file's name in the download
 * cache.
 *
 * @param algorithm "sha256" or "sha512"
 * @param hex the digest, lower-case hex
 */
record ExpectedHash(String algorithm, String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    ExpectedHash {
        int length = switch (algorithm) {
            case "sha256" -> 64;
            case "sha512" -> 128;
            default -> throw new IllegalArgumentException("unsupported hash " + algorithm);
        };
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.length() != length || !HEX.matcher(hex).matches())
            throw new IllegalArgumentException("not a " + algorithm + " digest");
    }

    /**
     * From npm's {@code dist.integrity} ("sha512-BASE64 ..."), or null without a sha512.
     */
    static ExpectedHash fromIntegrity(String integrity) {
        for (String part : integrity.trim().split("\\s+")) {
            if (part.startsWith("sha512-")) {
                try {
                    byte[] digest = Base64.getDecoder().decode(part.substring(7).replaceFirst("\\?.*$", ""));
                    return new ExpectedHash("sha512", HexFormat.of().formatHex(digest));
                }
                catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
