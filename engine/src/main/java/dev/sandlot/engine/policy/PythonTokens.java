package dev.sandlot.engine.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A small Python tokenizer: names, operators, strings, numbers and logical line ends,
 * with comments, string contents and line continuations handled as Python does. Enough to
 * read import statements and name uses, not a full parser.
 */
final class PythonTokens {

    enum Kind {

        NAME, OP, STRING, NUMBER, NEWLINE

    }

    record Token(Kind kind, String text) {
    }

    private PythonTokens() {
    }

    static List<Token> of(String source) {
        List<Token> tokens = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '#') {
                while (i < n && source.charAt(i) != '\n')
                    i++;
            }
            else if (c == '\\' && i + 1 < n && source.charAt(i + 1) == '\n') {
                i += 2;
            }
            else if (c == '\n' || c == '\r') {
                if (depth == 0)
                    tokens.add(new Token(Kind.NEWLINE, "\n"));
                i++;
            }
            else if (Character.isWhitespace(c)) {
                i++;
            }
            else if (startsString(source, i)) {
                i = skipString(source, i);
                tokens.add(new Token(Kind.STRING, ""));
            }
            else if (Character.isJavaIdentifierStart(c) && c != '$') {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(source.charAt(i)) && source.charAt(i) != '$')
                    i++;
                tokens.add(new Token(Kind.NAME, source.substring(start, i)));
            }
            else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '.'
                        || source.charAt(i) == '_'))
                    i++;
                tokens.add(new Token(Kind.NUMBER, source.substring(start, i)));
            }
            else {
                if (c == '(' || c == '[' || c == '{')
                    depth++;
                if ((c == ')' || c == ']' || c == '}') && depth > 0)
                    depth--;
                String op = String.valueOf(c);
                if (i + 1 < n && "=<>!".indexOf(c) >= 0 && source.charAt(i + 1) == '=')
                    op += "=";
                tokens.add(new Token(Kind.OP, op));
                i += op.length();
            }
        }
        tokens.add(new Token(Kind.NEWLINE, "\n"));
        return tokens;
    }

    /** A quote, optionally after a string prefix such as r, b, f, rb or Fr. */
    private static boolean startsString(String s, int i) {
        int j = i;
        while (j < s.length() && j - i < 2 && "rRbBfFuU".indexOf(s.charAt(j)) >= 0)
            j++;
        if (j >= s.length())
            return false;
        char q = s.charAt(j);
        if (q != '\'' && q != '"')
            return false;
        // A prefix must not be the tail of a longer name, e.g. "bar" followed by a quote
        // is not possible here.
        return j == i || i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1));
    }

    private static int skipString(String s, int i) {
        boolean raw = false;
        while ("rRbBfFuU".indexOf(s.charAt(i)) >= 0) {
            if (s.charAt(i) == 'r' || s.charAt(i) == 'R')
                raw = true;
            i++;
        }
        char q = s.charAt(i);
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), i);
        String end = triple ? String.valueOf(q).repeat(3) : String.valueOf(q);
        i += end.length();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && !raw) {
                i += 2;
            }
            else if (c == '\\') {
                i += 2; // a raw string still cannot end in an escaped quote
            }
            else if (s.startsWith(end, i)) {
                return i + end.length();
            }
            else if (c == '\n' && !triple) {
                return i; // unterminated: Python reports the error when it runs
            }
            else {
                i++;
            }
        }
        return i;
    }

}
