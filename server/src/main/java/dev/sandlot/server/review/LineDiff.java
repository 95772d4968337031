package dev.sandlot.server.review;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A line diff and its unified rendering. The edit script is Myers' O(ND) algorithm in its
 * linear-space form (the middle snake found from both ends, then each half diffed in
 * turn), on lines numbered to ints first, so memory is O(N + M) and one comparison is one
 * int compare. The work is capped: past a budget of steps for the file ({@link #MAX_WORK}
 * unless told), or for inputs above {@link #MAX_LINES} lines, the diff degrades to "every
 * old line removed, every new line added" and says so (the file changed, too differently
 * to align line by line), instead of taking quadratic time.
 */
final class LineDiff {

    static final int MAX_LINES = 20_000;

    /**
     * Steps (diagonals tried and lines compared) one file may take: a few milliseconds.
     */
    static final long MAX_WORK = 2_000_000;

    private LineDiff() {
    }

    enum Kind {

        SAME, REMOVED, ADDED

    }

    /**
     * One line of the edit script, with its 1-based numbers on each side (0 where
     * absent).
     */
    record Edit(Kind kind, String text, int oldLine, int newLine) {
    }

    /** The edit script, whether it was cut short by the caps, and the steps it took. */
    record Result(List<Edit> edits, boolean truncated, long work) {
        Result(List<Edit> edits, boolean truncated) {
            this(edits, truncated, 0);
        }

        boolean changed() {
            return edits.stream().anyMatch(e -> e.kind() != Kind.SAME);
        }
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty())
            return out;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length())
            out.add(text.substring(start));
        return out;
    }

    static Result diff(List<String> a, List<String> b) {
        return diff(a, b, MAX_WORK);
    }

    /** The diff, taking at most {@code maxWork} steps before it degrades. */
    static Result diff(List<String> a, List<String> b, long maxWork) {
        int n = a.size();
        int m = b.size();
        // Common prefix and suffix first: most edits are small and local.
        int prefix = 0;
        while (prefix < n && prefix < m && a.get(prefix).equals(b.get(prefix)))
            prefix++;
        int suffix = 0;
        while (suffix < n - prefix && suffix < m - prefix && a.get(n - 1 - suffix).equals(b.get(m - 1 - suffix)))
            suffix++;
        List<String> ma = a.subList(prefix, n - suffix);
        List<String> mb = b.subList(prefix, m - suffix);
        Script middle = null;
        boolean truncated = false;
        long work = 0;
        if (ma.size() <= MAX_LINES && mb.size() <= MAX_LINES) {
            Map<String, Integer> ids = new HashMap<>();
            int[] x = new int[ma.size()];
            int[] y = new int[mb.size()];
            for (int i = 0; i < x.length; i++)
                x[i] = ids.computeIfAbsent(ma.get(i), k -> ids.size());
            for (int j = 0; j < y.length; j++)
                y[j] = ids.computeIfAbsent(mb.get(j), k -> ids.size());
            Myers myers = new Myers(x, y, maxWork);
            try {
                myers.compare(0, x.length, 0, y.length);
                middle = myers.script;
            }
            catch (OverBudget e) {
                middle = null;
            }
            work = myers.work;
        }
        if (middle == null) {
            truncated = !ma.isEmpty() && !mb.isEmpty();
            middle = new Script(ma.size() + mb.size());
            middle.add(Kind.REMOVED, ma.size());
            middle.add(Kind.ADDED, mb.size());
        }
        EditList edits = new EditList(a, b, prefix + middle.size + suffix);
        for (int k = 0; k < prefix; k++)
            edits.add(Kind.SAME);
        for (int e = 0; e < middle.size; e++)
            edits.add(middle.kinds[e]);
        while (edits.i < n)
            edits.add(Kind.SAME);
        return new Result(edits.out, truncated, work);
    }

    /** The kinds of a result's edits, one byte per line, for a cache. */
    @SuppressWarnings("EnumOrdinal") // an in-memory cache of this process, read back by
                                     // replay with the same enum
    static byte[] compact(Result r) {
        byte[] out = new byte[r.edits().size()];
        for (int i = 0; i < out.length; i++)
            out[i] = (byte) r.edits().get(i).kind().ordinal();
        return out;
    }

    /**
     * The result that {@link #compact} stored, rebuilt on the same two texts in linear
     * time.
     */
    static Result replay(List<String> a, List<String> b, byte[] kinds, boolean truncated) {
        Kind[] all = Kind.values();
        EditList edits = new EditList(a, b, kinds.length);
        for (byte k : kinds)
            edits.add(all[k]);
        return new Result(edits.out, truncated);
    }

    /** Edits of {@code a} into {@code b}, added kind by kind, with their line numbers. */
    private static final class EditList {

        final List<String> a;

        final List<String> b;

        final List<Edit> out;

        int i;

        int j;

        EditList(List<String> a, List<String> b, int expected) {
            this.a = a;
            this.b = b;
            this.out = new ArrayList<>(expected);
        }

        void add(Kind kind) {
            switch (kind) {
                case SAME -> out.add(new Edit(Kind.SAME, a.get(i++), i, ++j));
                case REMOVED -> out.add(new Edit(Kind.REMOVED, a.get(i++), i, 0));
                case ADDED -> out.add(new Edit(Kind.ADDED, b.get(j++), 0, j));
            }
        }

    }

    /** The edit script as it grows, in order. */
    private static final class Script {

        Kind[] kinds;

        int size;

        Script(int capacity) {
            kinds = new Kind[Math.max(16, capacity)];
        }

        void add(Kind kind, int count) {
            if (size + count > kinds.length)
                kinds = Arrays.copyOf(kinds, Math.max(size + count, kinds.length * 2));
            Arrays.fill(kinds, size, size + count, kind);
            size += count;
        }

    }

    /** Thrown (without a stack trace) when a diff runs out of its budget. */
    private static final class OverBudget extends RuntimeException {

        OverBudget() {
            super("over budget", null, false, false);
        }

    }

    /**
     * Linear-space Myers: find where a shortest edit path crosses its middle diagonal,
     * searching from both ends at once with two arrays of O(N + M) ints reused for the
     * whole diff, then diff the two halves. Each half has about half the edits, so the
     * recursion is O(log D) deep.
     */
    private static final class Myers {

        final int[] a;

        final int[] b;

        final long maxWork;

        final int[] forward;

        final int[] backward;

        final Script script;

        long work;

        Myers(int[] a, int[] b, long maxWork) {
            this.a = a;
            this.b = b;
            this.maxWork = maxWork;
            int size = a.length + b.length + 3;
            this.forward = new int[2 * size + 1];
            this.backward = new int[2 * size + 1];
            this.script = new Script(a.length + b.length);
        }

        private void spend(long steps) {
            work += steps;
            if (work > maxWork)
                throw new OverBudget();
        }

        void compare(int aLo, int aHi, int bLo, int bHi) {
            int lead = 0;
            while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo]) {
                aLo++;
                bLo++;
                lead++;
            }
            int trail = 0;
            while (aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1]) {
                aHi--;
                bHi--;
                trail++;
            }
            spend(lead + trail + 1);
            script.add(Kind.SAME, lead);
            if (aLo == aHi) {
                script.add(Kind.ADDED, bHi - bLo);
            }
            else if (bLo == bHi) {
                script.add(Kind.REMOVED, aHi - aLo);
            }
            else {
                int[] snake = middleSnake(aLo, aHi, bLo, bHi);
                compare(aLo, snake[0], bLo, snake[1]);
                script.add(Kind.SAME, snake[2] - snake[0]);
                compare(snake[2], aHi, snake[3], bHi);
            }
            script.add(Kind.SAME, trail);
        }

        /**
         * The middle snake of a[aLo, aHi) against b[bLo, bHi): {x, y, u, v}, from (x, y)
         * along equal lines to (u, v).
         */
        private int[] middleSnake(int aLo, int aHi, int bLo, int bHi) {
            int n = aHi - aLo;
            int m = bHi - bLo;
            int delta = n - m;
            boolean odd = (delta & 1) != 0;
            int offset = (forward.length - 1) / 2;
            int max = (n + m + 1) / 2;
            forward[offset + 1] = 0;
            backward[offset + 1] = 0;
            for (int d = 0; d <= max; d++) {
                spend(d + 1);
                // Forward: furthest x on diagonal k = x - y after d edits.
                for (int k = -d; k <= d; k += 2) {
                    int x = (k == -d || (k != d && forward[offset + k - 1] < forward[offset + k + 1]))
                            ? forward[offset + k + 1] : forward[offset + k - 1] + 1;
                    int y = x - k;
                    int x0 = x;
                    int y0 = y;
                    while (x < n && y < m && a[aLo + x] == b[bLo + y]) {
                        x++;
                        y++;
                    }
                    spend(x - x0);
                    forward[offset + k] = x;
                    int c = delta - k; // the same diagonal, seen from the end
                    if (odd && c >= -(d - 1) && c <= d - 1 && x + backward[offset + c] >= n) {
                        return new int[] { aLo + x0, bLo + y0, aLo + x, bLo + y };
                    }
                }
                // Backward: furthest x from the end on diagonal k, after d edits.
                for (int k = -d; k <= d; k += 2) {
                    int x = (k == -d || (k != d && backward[offset + k - 1] < backward[offset + k + 1]))
                            ? backward[offset + k + 1] : backward[offset + k - 1] + 1;
                    int y = x - k;
                    int x0 = x;
                    int y0 = y;
                    while (x < n && y < m && a[aHi - 1 - x] == b[bHi - 1 - y]) {
                        x++;
                        y++;
                    }
                    spend(x - x0);
                    backward[offset + k] = x;
                    int c = delta - k;
                    if (!odd && c >= -d && c <= d && x + forward[offset + c] >= n) {
                        return new int[] { aHi - x, bHi - y, aHi - x0, bHi - y0 };
                    }
                }
            }
            throw new IllegalStateException("no middle snake");
        }

    }

    /**
     * The unified diff of two texts, with {@code context} lines around each change; empty
     * when equal.
     */
    static String unified(String oldName, String newName, Result result, int context) {
        List<Edit> e = result.edits();
        if (!result.changed())
            return "";
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < e.size()) {
            if (e.get(i).kind() == Kind.SAME) {
                i++;
                continue;
            }
            int start = Math.max(0, i - context);
            int end = i;
            // Extend the hunk while the next change is within 2 * context lines.
            while (true) {
                while (end < e.size() && e.get(end).kind() != Kind.SAME)
                    end++;
                int next = end;
                while (next < e.size() && e.get(next).kind() == Kind.SAME)
                    next++;
                if (next < e.size() && next - end <= 2 * context) {
                    end = next;
                    continue;
                }
                end = Math.min(e.size(), end + context);
                break;
            }
            int oldStart = 0, oldCount = 0, newStart = 0, newCount = 0;
            for (int k = start; k < end; k++) {
                Edit x = e.get(k);
                if (x.kind() != Kind.ADDED) {
                    if (oldStart == 0)
                        oldStart = x.oldLine();
                    oldCount++;
                }
                if (x.kind() != Kind.REMOVED) {
                    if (newStart == 0)
                        newStart = x.newLine();
                    newCount++;
                }
            }
            if (oldCount == 0)
                oldStart = lineBefore(e, start, true);
            if (newCount == 0)
                newStart = lineBefore(e, start, false);
            out.append("@@ -")
                .append(oldStart)
                .append(',')
                .append(oldCount)
                .append(" +")
                .append(newStart)
                .append(',')
                .append(newCount)
                .append(" @@\n");
            for (int k = start; k < end; k++) {
                Edit x = e.get(k);
                out.append(switch (x.kind()) {
                    case SAME -> ' ';
                    case REMOVED -> '-';
                    case ADDED -> '+';
                }).append(x.text()).append('\n');
            }
            i = end;
        }
        if (result.truncated())
            out.append("\\ diff simplified: the files differ in too many lines to align them\n");
        return out.toString();
    }

    /**
     * For an empty side of a hunk, the number of the line before it (0 at the start), as
     * diff(1) prints it.
     */
    private static int lineBefore(List<Edit> e, int start, boolean old) {
        for (int k = start - 1; k >= 0; k--) {
            int line = old ? e.get(k).oldLine() : e.get(k).newLine();
            if (line > 0)
                return line;
        }
        return 0;
    }

}
