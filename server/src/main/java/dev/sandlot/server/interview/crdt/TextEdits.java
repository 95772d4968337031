package dev.sandlot.server.interview.crdt;

/**
 * Local insertions into and deletions from a Y.Text, placed as Yjs's YText places them.
 */
final class TextEdits {

    private TextEdits() {
    }

    /** The neighbours at a UTF-16 index: the item ending there and the one after it. */
    private record Position(Item left, Item right) {
    }

    private static Position find(Transaction tx, YType text, long index) {
        Item left = null;
        Item right = text.start;
        long count = index;
        while (right != null && count > 0) {
            if (!right.deleted && right.content instanceof ContentString) {
                if (count < right.length)
                    tx.store.cleanStart(tx, new Id(right.client, right.clock + count));
                count -= right.length;
            }
            left = right;
            right = right.right;
        }
        return new Position(left, right);
    }

    static void insert(Transaction tx, YType text, long index, String s, long clientId) {
        if (s.isEmpty())
            return;
        Position pos = find(tx, text, index);
        Item left = pos.left();
        Item right = pos.right();
        while (right != null && right.deleted) {
            left = right;
            right = right.right;
        }
        Item item = new Item(clientId, tx.store.state(clientId), left == null ? null : left.lastId(),
                right == null ? null : right.id(), null, null, new ContentString(s));
        item.left = left;
        item.right = right;
        item.parent = text;
        item.integrate(tx, 0);
    }

    static void delete(Transaction tx, YType text, long index, long length) {
        if (length <= 0)
            return;
        Position pos = find(tx, text, index);
        Item right = pos.right();
        long remaining = length;
        while (remaining > 0 && right != null) {
            if (!right.deleted && right.content instanceof ContentString) {
                if (remaining < right.length)
                    tx.store.cleanStart(tx, new Id(right.client, right.clock + remaining));
                remaining -= right.length;
                right.delete(tx);
            }
            right = right.right;
        }
    }

}
