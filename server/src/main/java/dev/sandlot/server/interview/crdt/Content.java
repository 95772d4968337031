package dev.sandlot.server.interview.crdt;

/** What an item holds; mutable as in Yjs (merging appends, splicing cuts). */
sealed interface Content permits ContentDeleted, ContentString, ContentJson, ContentAny, ContentBinary, ContentEmbed,
        ContentFormat, ContentType, ContentDoc {

    long length();

    boolean countable();

    /** The content ref number of the update format. */
    int ref();

    /** Keeps the first {@code offset} clocks here and returns the rest. */
    Content splice(long offset);

    /** What {@link #splice} would return, leaving this content as it is. */
    Content tail(long offset);

    /** Appends {@code right} if this kind of content can merge. */
    boolean mergeWith(Content right);

    void write(ByteWriter out, long offset);

    long approximateBytes();

    /** Content of length one: it cannot be split. */
    static IllegalStateException unsplittable() {
        return new IllegalStateException("content of length 1 cannot be split");
    }

}
