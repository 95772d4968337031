package dev.sandlot.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the history keeps of typed input, against a client that sends chunks by the
 * million.
 */
class TypedInputTest {

    @Test
    void tinyChunksStopBeingKeptAtTheChunkCapAndEmptyOnesAreNeverKept() {
        TypedInput typed = new TypedInput(1 << 20);
        AtomicInteger delivered = new AtomicInteger();
        for (int i = 0; i < 100_000; i++)
            typed.stdin("", delivered::incrementAndGet);
        assertThat(typed.snapshot().events()).isEmpty();
        assertThat(typed.snapshot().truncated()).isFalse();

        for (int i = 0; i < TypedInput.MAX_EVENTS + 5; i++)
            typed.stdin("x", delivered::incrementAndGet);

        TypedInput.Snapshot snapshot = typed.snapshot();
        assertThat(snapshot.events()).hasSize(TypedInput.MAX_EVENTS);
        assertThat(snapshot.truncated()).isTrue();
        assertThat(delivered.get()).as("every chunk still reaches the program")
            .isEqualTo(100_000 + TypedInput.MAX_EVENTS + 5);
    }

    @Test
    void pastTheByteBudgetTheInputIsMarkedTruncated() {
        TypedInput typed = new TypedInput(10);
        typed.stdin("12345\n", () -> {
        });
        typed.stdin("67890\n", () -> {
        });
        typed.eof(() -> {
        });

        assertThat(typed.snapshot().events()).extracting(TypedInput.Event::type).containsExactly("stdin", "eof");
        assertThat(typed.snapshot().truncated()).isTrue();
    }

}
