package dev.sandlot.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table printed to stdout, so results paste straight into docs/benchmarks.md.
 */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++)
            row[i] = String.valueOf(cells[i]);
        rows.add(row);
        return this;
    }

    void print(String title) {
        int columns = rows.getFirst().length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++)
                width[i] = Math.max(width[i], row[i].length());
        }
        StringBuilder out = new StringBuilder("\n### ").append(title).append("\n\n");
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            for (int i = 0; i < columns; i++) {
                out.append(' ').append(String.format("%-" + width[i] + "s", rows.get(r)[i])).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (int i = 0; i < columns; i++)
                    out.append(' ').append("-".repeat(width[i])).append(" |");
                out.append('\n');
            }
        }
        System.out.print(out);
        System.out.flush();
    }

}
