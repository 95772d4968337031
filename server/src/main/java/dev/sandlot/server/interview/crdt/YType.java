package dev.sandlot.server.interview.crdt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A shared type: a list of items ({@code start}, linked left to right) and, for keyed
 * entries, the rightmost item of each key. Top-level types have a name and no item.
 */
final class YType {

    static final int ROOT = -1;

    static final int ARRAY = 0;

    static final int MAP = 1;

    static final int TEXT = 2;

    static final int XML_ELEMENT = 3;

    static final int XML_FRAGMENT = 4;

    static final int XML_HOOK = 5;

    static final int XML_TEXT = 6;

    /** The type ref of the update format, or {@link #ROOT} for a top-level type. */
    final int typeRef;

    /** The node name of an XML element, the hook name of an XML hook; else null. */
    final String nodeName;

    /** The name of a top-level type; null for a nested one. */
    final String rootName;

    /** The item holding this type; null for a top-level type. */
    Item item;

    Item start;

    Map<String, Item> map = new LinkedHashMap<>();

    /** The countable, undeleted length of the list. */
    long length;

    private YType(int typeRef, String nodeName, String rootName) {
        this.typeRef = typeRef;
        this.nodeName = nodeName;
        this.rootName = rootName;
    }

    static YType root(String name) {
        return new YType(ROOT, null, name);
    }

    static YType nested(int typeRef, String nodeName) {
        return new YType(typeRef, nodeName, null);
    }

    /** The text of a Y.Text: its undeleted strings, formatting and embeds left out. */
    String text() {
        StringBuilder out = new StringBuilder();
        for (Item n = start; n != null; n = n.right) {
            if (!n.deleted && n.content instanceof ContentString s)
                s.appendTo(out);
        }
        return out.toString();
    }

}
