package dev.sandlot.server.review;

import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Task statements are Markdown, rendered on the server with raw HTML escaped (a
 * {@code <script>} shows as text) and link and image URLs sanitised (only http, https and
 * mailto survive; {@code javascript:} links lose their target).
 *
 * <p>
 * Nesting is bounded: the parser builds its tree without recursion, but the renderer
 * walks it recursively, so a statement of {@code "> "} repeated 32,000 times (within the
 * 64 KB cap) would overflow the stack. The tree's depth is measured iteratively first:
 * past {@link #MAX_DEPTH}, a statement is refused when saved ({@link #problem}) and, if
 * one was saved before this check, shown as escaped plain text instead ({@link #html}
 * never throws), so one bad task cannot break the task list for everyone. Interview notes
 * are rendered the same way.
 */
public final class Markdown {

    /**
     * The deepest tree of blocks and inlines rendered: a list in a list in a quote with
     * emphasis is about 8.
     */
    static final int MAX_DEPTH = 64;

    private static final String TOO_DEEP = "nests Markdown more than " + MAX_DEPTH
            + " levels deep (block quotes, lists, " + "emphasis or links inside each other); flatten it";

    private static final Parser PARSER = Parser.builder().build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Markdown() {
    }

    /**
     * The HTML of a statement; escaped plain text in a {@code <pre>} if it cannot be
     * rendered safely. Never throws.
     */
    public static String html(String markdown) {
        String text = markdown == null ? "" : markdown;
        if (containersOnALine(text) > MAX_DEPTH)
            return plain(text);
        try {
            Node document = PARSER.parse(text);
            if (depth(document, MAX_DEPTH) <= MAX_DEPTH)
                return RENDERER.render(document);
        }
        catch (RuntimeException | StackOverflowError e) {
            // fall through to the plain rendering
        }
        return plain(text);
    }

    /**
     * Why a statement cannot be rendered (a sentence for a 400 naming {@code statement}),
     * or null if it can.
     */
    public static String problem(String markdown) {
        String text = markdown == null ? "" : markdown;
        if (containersOnALine(text) > MAX_DEPTH)
            return TOO_DEEP;
        try {
            Node document = PARSER.parse(text);
            int depth = depth(document, MAX_DEPTH);
            if (depth > MAX_DEPTH)
                return TOO_DEEP;
            RENDERER.render(document);
            return null;
        }
        catch (RuntimeException | StackOverflowError e) {
            return "cannot be rendered as Markdown";
        }
    }

    /**
     * The most block-quote and list markers that open one line, found in one pass before
     * parsing: the parser's work for a line grows with the containers it opens
     * ({@code "- - - … x"} re-scans the rest of the line at each level), so a line
     * opening more than {@link #MAX_DEPTH} is not parsed at all.
     */
    static int containersOnALine(String text) {
        int max = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int count = 0;
            while (true) {
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t'))
                    i++;
                if (i >= n || text.charAt(i) == '\n')
                    break;
                char c = text.charAt(i);
                if (c == '>') {
                    count++;
                    i++;
                    continue;
                }
                int end = i;
                if (c == '-' || c == '*' || c == '+') {
                    end = i + 1;
                }
                else {
                    while (end < n && end - i < 10 && Character.isDigit(text.charAt(end)))
                        end++;
                    if (end == i || end >= n || (text.charAt(end) != '.' && text.charAt(end) != ')'))
                        break;
                    end++;
                }
                if (end < n && text.charAt(end) != ' ' && text.charAt(end) != '\t' && text.charAt(end) != '\n')
                    break;
                count++;
                i = end;
            }
            max = Math.max(max, count);
            while (i < n && text.charAt(i) != '\n')
                i++;
            i++;
        }
        return max;
    }

    /**
     * The depth of the tree below {@code root}, counted without recursion, and no further
     * than one past {@code limit}.
     */
    static int depth(Node root, int limit) {
        Node n = root;
        int depth = 0;
        int max = 0;
        while (true) {
            Node child = n.getFirstChild();
            if (child != null) {
                n = child;
                if (++depth > max) {
                    max = depth;
                    if (max > limit)
                        return max;
                }
                continue;
            }
            while (n != root && n.getNext() == null) {
                n = n.getParent();
                depth--;
            }
            if (n == root)
                return max;
            n = n.getNext();
        }
    }

    private static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64).append("<pre class=\"statement-plain\">");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.append("</pre>\n").toString();
    }

}
