package dev.sandlot.server.account;

import java.util.Locale;

/**
 * What makes two user names the same account or look-alikes. Lookups and sign-in limits
 * use the {@link #skeleton}: case, punctuation and characters that read alike
 * ({@code 0}/{@code o}, {@code 1}/{@code l}/{@code i}, {@code rn}/{@code m},
 * {@code vv}/{@code w}) are folded, so {@code Admin}, {@code admin.}, {@code a_dmin} and
 * {@code adm1n} are one name.
 */
final class Usernames {

    private Usernames() {
    }

    static String skeleton(String username) {
        if (username == null)
            return "";
        String s = username.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        s = s.replace("rn", "m").replace("vv", "w");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(switch (c) {
                case '0' -> 'o';
                case '1', 'i' -> 'l';
                case '5' -> 's';
                default -> c;
            });
        }
        return out.toString();
    }

}
