package dev.sandlot.server.review;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff (Myers' O(ND) algorithm) and its unified rendering. The work is
 * capped: past {@link #MAX_EDITS} differing lines, or for inputs above
 * {@link #MAX_LINES} lines, the diff degrades to "every old line removed,
 * every new line added" and says so, instead of taking quadratic time.
 */
final class LineDiff {

    static final int MAX_LINES = 20_000;
    static final int MAX_EDITS = 2_000;

    private LineDiff() {
    }

    enum Kind { SAME, REMOVED, ADDED }

    /** One line of the edit script, with its 1-based numbers on each side (0 where absent). */
    record Edit(Kind kind, String text, int oldLine, int newLine) {
    }

    /** The edit script, and whether it was cut short by the caps. */
    record Result(List<Edit> edits, boolean truncated) {
        boolean changed() {
            return edits.stream().anyMatch(e -> e.kind() != Kind.SAME);
        }
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) return out;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) out.add(text.substring(start));
        return out;
    }

    static Result diff(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        // Common prefix and suffix first: most edits are small and local.
        int prefix = 0;
        while (prefix < n && prefix < m && a.get(prefix).equals(b.get(prefix))) prefix++;
        int suffix = 0;
        while (suffix < n - prefix && suffix < m - prefix && a.get(n - 1 - suffix).equals(b.get(m - 1 - suffix))) suffix++;
        List<String> ma = a.subList(prefix, n - suffix);
        List<String> mb = b.subList(prefix, m - suffix);
        List<Kind> middle = null;
        boolean truncated = false;
        if (ma.size() <= MAX_LINES && mb.size() <= MAX_LINES) middle = myers(ma, mb, MAX_EDITS);
        if (middle == null) {
            truncated = !ma.isEmpty() && !mb.isEmpty();
            middle = new ArrayList<>();
            for (int i = 0; i < ma.size(); i++) middle.add(Kind.REMOVED);
            for (int i = 0; i < mb.size(); i++) middle.add(Kind.ADDED);
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (int k = 0; k < prefix; k++, i++, j++) edits.add(new Edit(Kind.SAME, a.get(i), i + 1, j + 1));
        for (Kind kind : middle) {
            switch (kind) {
                case SAME -> { edits.add(new Edit(Kind.SAME, a.get(i), i + 1, j + 1)); i++; j++; }
                case REMOVED -> { edits.add(new Edit(Kind.REMOVED, a.get(i), i + 1, 0)); i++; }
                case ADDED -> { edits.add(new Edit(Kind.ADDED, b.get(j), 0, j + 1)); j++; }
            }
        }
        for (; i < n; i++, j++) edits.add(new Edit(Kind.SAME, a.get(i), i + 1, j + 1));
        return new Result(edits, truncated);
    }

    /** Myers' greedy shortest edit script, or null when it needs more than {@code maxD} edits. */
    private static List<Kind> myers(List<String> a, List<String> b, int maxD) {
        int n = a.size();
        int m = b.size();
        int max = Math.min(n + m, maxD);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
                else x = v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) { x++; y++; }
                v[offset + k] = x;
                if (x >= n && y >= m) return backtrack(trace, v, offset, n, m, d);
            }
        }
        return null;
    }

    private static List<Kind> backtrack(List<int[]> trace, int[] last, int offset, int n, int m, int dEnd) {
        List<Kind> out = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = dEnd; d > 0; d--) {
            int[] v = trace.get(d);
            int k = x - y;
            int prevK = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1;
            int prevX = v[offset + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) { out.add(Kind.SAME); x--; y--; }
            out.add(x == prevX ? Kind.ADDED : Kind.REMOVED);
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) { out.add(Kind.SAME); x--; y--; }
        java.util.Collections.reverse(out);
        return out;
    }

    /** The unified diff of two texts, with {@code context} lines around each change; empty when equal. */
    static String unified(String oldName, String newName, Result result, int context) {
        List<Edit> e = result.edits();
        if (!result.changed()) return "";
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < e.size()) {
            if (e.get(i).kind() == Kind.SAME) { i++; continue; }
            int start = Math.max(0, i - context);
            int end = i;
            // Extend the hunk while the next change is within 2 * context lines.
            while (true) {
                while (end < e.size() && e.get(end).kind() != Kind.SAME) end++;
                int next = end;
                while (next < e.size() && e.get(next).kind() == Kind.SAME) next++;
                if (next < e.size() && next - end <= 2 * context) { end = next; continue; }
                end = Math.min(e.size(), end + context);
                break;
            }
            int oldStart = 0, oldCount = 0, newStart = 0, newCount = 0;
            for (int k = start; k < end; k++) {
                Edit x = e.get(k);
                if (x.kind() != Kind.ADDED) { if (oldStart == 0) oldStart = x.oldLine(); oldCount++; }
                if (x.kind() != Kind.REMOVED) { if (newStart == 0) newStart = x.newLine(); newCount++; }
            }
            if (oldCount == 0) oldStart = lineBefore(e, start, true);
            if (newCount == 0) newStart = lineBefore(e, start, false);
            out.append("@@ -").append(oldStart).append(',').append(oldCount).append(" +").append(newStart).append(',')
                    .append(newCount).append(" @@\n");
            for (int k = start; k < end; k++) {
                Edit x = e.get(k);
                out.append(switch (x.kind()) { case SAME -> ' '; case REMOVED -> '-'; case ADDED -> '+'; })
                        .append(x.text()).append('\n');
            }
            i = end;
        }
        if (result.truncated()) out.append("\\ diff simplified: the files differ in too many lines to align them\n");
        return out.toString();
    }

    /** For an empty side of a hunk, the number of the line before it (0 at the start), as diff(1) prints it. */
    private static int lineBefore(List<Edit> e, int start, boolean old) {
        for (int k = start - 1; k >= 0; k--) {
            int line = old ? e.get(k).oldLine() : e.get(k).newLine();
            if (line > 0) return line;
        }
        return 0;
    }
}
