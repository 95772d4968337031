package dev.sandlot.server.account;

import dev.sandlot.engine.InvalidFieldException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a password must be: 8 characters to 72 bytes, not on the bundled list of common
 * passwords (after undoing case, letter-for-digit swaps and digits or symbols at either
 * end), not a run of a few characters, and not the user name or built from it.
 */
@Component
class PasswordPolicy {

    static final String LIST = "/account/common-passwords.txt";

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null)
                throw new IllegalStateException("missing " + LIST);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                if (!line.isBlank() && !line.startsWith("#"))
                    out.add(line.strip());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }

    int size() {
        return common.size();
    }

    void check(String field, String password, String username) {
        if (password == null || password.isEmpty())
            throw new InvalidFieldException(field, "is required");
        if (password.length() < 8)
            throw new InvalidFieldException(field, "must be at least 8 characters");
        // BCrypt reads at most 72 bytes; a longer password would be silently cut.
        if (password.getBytes(StandardCharsets.UTF_8).length > 72)
            throw new InvalidFieldException(field, "must be at most 72 bytes");
        if (password.codePoints().distinct().count() < 4) {
            throw new InvalidFieldException(field, "must not be a run of so few different characters");
        }
        if (isCommon(password))
            throw new InvalidFieldException(field, "is one of the most common passwords; choose another");
        if (derivedFrom(password, username))
            throw new InvalidFieldException(field, "must not be the user name or made from it");
    }

    boolean isCommon(String password) {
        String squeezed = password.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        String core = stripTrailing(squeezed);
        for (String form : new String[] { squeezed, stripEnds(squeezed), core, deleet(core, 'i'), deleet(core, 'l'),
                stripEnds(deleet(core, 'i')), stripEnds(deleet(core, 'l')) }) {
            if (common.contains(form))
                return true;
        }
        String letters = squeezed.replaceAll("[^a-z]", "");
        return letters.length() >= 4 && common.contains(letters) && letters.length() * 2 >= squeezed.length();
    }

    /**
     * The password contains the name (or its reverse) with little else, or is a piece of
     * the name.
     */
    static boolean derivedFrom(String password, String username) {
        if (username == null || username.isBlank())
            return false;
        String p = fold(password);
        String u = fold(username);
        if (u.length() < 3)
            return p.equals(u);
        if (p.length() >= 4 && u.contains(p))
            return true;
        for (String name : new String[] { u, new StringBuilder(u).reverse().toString() }) {
            int at = p.indexOf(name);
            if (at < 0)
                continue;
            String rest = p.substring(0, at) + p.substring(at + name.length());
            if (rest.length() < 6 || rest.chars().allMatch(Character::isDigit) || rest.chars().distinct().count() < 3)
                return true;
        }
        return false;
    }

    /**
     * Lower case, look-alike digits and symbols as letters, nothing but letters and
     * digits.
     */
    static String fold(String s) {
        return deleet(s.toLowerCase(Locale.ROOT), 'i').replaceAll("[^a-z0-9]", "");
    }

    private static String deleet(String s, char one) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(switch (c) {
                case '0' -> 'o';
                case '1', '!', '|' -> one;
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7', '+' -> 't';
                case '8' -> 'b';
                default -> c;
            });
        }
        return out.toString();
    }

    /** Without the digits and symbols people append ("2024!"). */
    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && !Character.isLetter(s.charAt(end - 1)))
            end--;
        return s.substring(0, end);
    }

    private static String stripEnds(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetter(s.charAt(start)))
            start++;
        while (end > start && !Character.isLetter(s.charAt(end - 1)))
            end--;
        return s.substring(start, end);
    }

}
