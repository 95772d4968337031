package dev.sandlot.server.interview.crdt;

/** Text of a Y.Text; its length counts UTF-16 units, as JavaScript's strings do. */
final class ContentString implements Content {

    private static final char REPLACEMENT = '\uFFFD';

    private StringBuilder str;

    ContentString(String str) {
        this.str = new StringBuilder(str);
    }

    String string() {
        return str.toString();
    }

    void appendTo(StringBuilder out) {
        out.append(str);
    }

    @Override
    public long length() {
        return str.length();
    }

    @Override
    public boolean countable() {
        return true;
    }

    @Override
    public int ref() {
        return 4;
    }

    /** A split through a surrogate pair leaves U+FFFD on both sides, as Yjs does. */
    @Override
    public Content splice(long offset) {
        int at = (int) offset;
        StringBuilder rightPart = new StringBuilder(str.substring(at));
        str.setLength(at);
        if (at > 0 && Character.isHighSurrogate(str.charAt(at - 1))) {
            str.setCharAt(at - 1, REPLACEMENT);
            if (!rightPart.isEmpty())
                rightPart.setCharAt(0, REPLACEMENT);
            else
                rightPart.append(REPLACEMENT);
        }
        ContentString right = new ContentString("");
        right.str = rightPart;
        return right;
    }

    @Override
    public Content tail(long offset) {
        int at = (int) offset;
        String rightPart = str.substring(at);
        if (at > 0 && Character.isHighSurrogate(str.charAt(at - 1)))
            rightPart = REPLACEMENT + rightPart.substring(Math.min(1, rightPart.length()));
        return new ContentString(rightPart);
    }

    @Override
    public boolean mergeWith(Content right) {
        str.append(((ContentString) right).str);
        return true;
    }

    @Override
    public void write(ByteWriter out, long offset) {
        out.writeVarString(offset == 0 ? str.toString() : str.substring((int) offset));
    }

    @Override
    public long approximateBytes() {
        return 48 + 2L * str.capacity();
    }

}
