package dev.sandlot.server.interview.crdt;

/** What an item holds; mutable as in Yjs (merging appends, splicing cuts). */
sealed interface Content permits ContentDeleted, ContentString, ListContent, Content.Single {

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

    /** Content of one clock: it is never split and never merged. */
    sealed interface Single extends Content
            permits ContentBinary, ContentEmbed, ContentFormat, ContentType, ContentDoc {

        @Override
        default long length() {
            return 1;
        }

        @Override
        default boolean countable() {
            return true;
        }

        @Override
        default Content splice(long offset) {
            throw new IllegalStateException("content of length 1 cannot be split");
        }

        @Override
        default Content tail(long offset) {
            return splice(offset);
        }

        @Override
        default boolean mergeWith(Content right) {
            return false;
        }

    }

}
