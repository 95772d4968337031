package dev.sandlot.engine.packages;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much memory index pages held for rewriting may take across all sessions, so that
 * many installs (or a hostile one opening many connections) cannot exhaust the server's
 * heap. A page over the budget fails its request; the client may retry.
 */
final class PageBudget {

    private final long limit;

    private final AtomicLong used = new AtomicLong();

    PageBudget(long limit) {
        this.limit = limit;
    }

    Held hold() {
        return new Held();
    }

    /** The bytes one page holds; given back on close. */
    final class Held implements AutoCloseable {

        private long bytes;

        void add(long count) throws IOException {
            bytes += count;
            if (used.addAndGet(count) > limit)
                throw new IOException("the package proxy holds " + limit + " bytes of index pages already");
        }

        @Override
        public void close() {
            used.addAndGet(-bytes);
            bytes = 0;
        }

    }

}
