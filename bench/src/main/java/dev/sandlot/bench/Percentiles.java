package dev.sandlot.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Latency samples in nanoseconds, summarised in milliseconds. */
record Percentiles(double p50, double p90, double p95, double p99, double max, int count) {

    static Percentiles of(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Percentiles(at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.95), at(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    private static double at(long[] sorted, double q) {
        if (sorted.length == 0)
            return 0;
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    @Override
    public String toString() {
        return Arrays.toString(new String[] { ms(p50), ms(p90), ms(p99) });
    }
}
