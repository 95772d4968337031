package dev.sandlot.server.interview;

/** Marks what the issue-15 helpers have not written yet; gone once they land. */
public final class Skeleton {

    private static volatile boolean written;

    private Skeleton() {
    }

    @SuppressWarnings({ "TypeParameterUnusedInFormals", "unchecked" })
    public static <T> T todo() {
        if (!written)
            throw new IllegalStateException("not written yet");
        return (T) null;
    }

}
