package dev.sandlot.server.interview.crdt;

/**
 * Checks that a string is one JSON value as JavaScript's JSON.parse accepts it, so that
 * what the server passes on never makes a peer's parser throw. Nesting is bounded.
 */
final class JsonSyntax {

    private final String s;

    private int pos;

    private JsonSyntax(String s) {
        this.s = s;
    }

    static void check(String json, String what) {
        JsonSyntax p = new JsonSyntax(json);
        try {
            p.skipSpace();
            p.value(0);
            p.skipSpace();
            if (p.pos != json.length())
                throw p.fail();
        }
        catch (StringIndexOutOfBoundsException ex) {
            throw new YUpdateException(what + ": malformed JSON (ends early)");
        }
        catch (IllegalArgumentException ex) {
            throw new YUpdateException(what + ": malformed JSON at " + p.pos);
        }
    }

    private IllegalArgumentException fail() {
        return new IllegalArgumentException();
    }

    private void value(int depth) {
        if (depth > AnyValue.MAX_DEPTH)
            throw fail();
        char c = s.charAt(pos);
        switch (c) {
            case '{' -> {
                pos++;
                skipSpace();
                if (s.charAt(pos) == '}') {
                    pos++;
                    return;
                }
                while (true) {
                    skipSpace();
                    string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    value(depth + 1);
                    skipSpace();
                    if (s.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    expect('}');
                    return;
                }
            }
            case '[' -> {
                pos++;
                skipSpace();
                if (s.charAt(pos) == ']') {
                    pos++;
                    return;
                }
                while (true) {
                    skipSpace();
                    value(depth + 1);
                    skipSpace();
                    if (s.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    expect(']');
                    return;
                }
            }
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void expect(char c) {
        if (s.charAt(pos) != c)
            throw fail();
        pos++;
    }

    private void literal(String word) {
        if (!s.startsWith(word, pos))
            throw fail();
        pos += word.length();
    }

    private void string() {
        expect('"');
        while (true) {
            char c = s.charAt(pos++);
            if (c == '"')
                return;
            if (c < 0x20)
                throw fail();
            if (c == '\\') {
                char e = s.charAt(pos++);
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (Character.digit(s.charAt(pos++), 16) < 0)
                            throw fail();
                    }
                }
                else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw fail();
                }
            }
        }
    }

    private void number() {
        if (s.charAt(pos) == '-')
            pos++;
        if (s.charAt(pos) == '0') {
            pos++;
        }
        else {
            digits();
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            digits();
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (s.charAt(pos) == '+' || s.charAt(pos) == '-')
                pos++;
            digits();
        }
    }

    private void digits() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9')
            pos++;
        if (pos == start)
            throw fail();
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            pos++;
        }
    }

}
