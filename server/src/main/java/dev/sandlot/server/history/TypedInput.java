package dev.sandlot.server.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What was typed into an interactive run, in order: each stdin chunk the program was
 * given, and end of input, with the time since the run started. Kept up to a byte budget
 * and {@link #MAX_EVENTS} chunks; past either, chunks are no longer kept and the input is
 * marked truncated. Empty chunks change nothing and are not kept.
 */
public final class TypedInput {

    /**
     * The most chunks kept: a client sending empty or one-byte chunks by the million
     * would otherwise grow the list far beyond the byte budget.
     */
    static final int MAX_EVENTS = 10_000;

    /**
     * One message of the stream as the program got it: {@code stdin} with its data, or
     * {@code eof}.
     */
    public record Event(String type, @JsonInclude(JsonInclude.Include.NON_NULL) String data, long atMs) {
    }

    /** The typed input so far, and whether some of it was not kept. */
    public record Snapshot(List<Event> events, boolean truncated) {
    }

    private final long startedNanos = System.nanoTime();

    private final long maxBytes;

    private final List<Event> events = new ArrayList<>();

    private long bytes;

    private boolean truncated;

    private boolean ended;

    public TypedInput(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Hands {@code data} to the program through {@code deliver} and, once it was
     * accepted, records it: a chunk the program was refused is not part of its input.
     */
    public synchronized void stdin(String data, Runnable deliver) {
        deliver.run();
        if (data.isEmpty())
            return;
        long size = data.getBytes(StandardCharsets.UTF_8).length;
        if (truncated || bytes + size > maxBytes || events.size() >= MAX_EVENTS) {
            truncated = true;
            return;
        }
        bytes += size;
        events.add(new Event("stdin", data, sinceStart()));
    }

    /** Closes the program's stdin through {@code deliver} and records it, once. */
    public synchronized void eof(Runnable deliver) {
        deliver.run();
        if (!ended) {
            ended = true;
            events.add(new Event("eof", null, sinceStart()));
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(events), truncated);
    }

    private long sinceStart() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

}
