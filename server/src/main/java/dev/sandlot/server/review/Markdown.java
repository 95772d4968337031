package dev.sandlot.server.review;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Task statements are Markdown, rendered on the server with raw HTML escaped
 * (a {@code <script>} shows as text) and link and image URLs sanitised (only
 * http, https and mailto survive; {@code javascript:} links lose their target).
 */
final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Markdown() {
    }

    static String html(String markdown) {
        return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
    }
}
