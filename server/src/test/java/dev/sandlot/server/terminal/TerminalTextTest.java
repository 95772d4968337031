package dev.sandlot.server.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void aCharacterSplitAcrossChunksIsSentWhole() {
        byte[] euro = "a€b".getBytes(StandardCharsets.UTF_8); // € is three bytes
        TerminalText text = new TerminalText();
        TerminalText.Decoded first = text.decode(Arrays.copyOfRange(euro, 0, 2));
        TerminalText.Decoded second = text.decode(Arrays.copyOfRange(euro, 2, euro.length));
        assertThat(first.text()).isEqualTo("a");
        assertThat(second.text()).isEqualTo("€b");
        assertThat(first.malformed() || second.malformed()).isFalse();
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharactersAndAreFlagged() {
        TerminalText.Decoded d = new TerminalText().decode(new byte[] { 'x', (byte) 0xff, 'y', 0x1b, '[', 'm' });
        assertThat(d.text()).isEqualTo("x\ufffdy\u001b[m");
        assertThat(d.malformed()).isTrue();
    }

    @Test
    void aReplayStartingInsideACharacterSkipsItsTail() {
        byte[] euro = "€!".getBytes(StandardCharsets.UTF_8);
        assertThat(TerminalText.decodeAll(Arrays.copyOfRange(euro, 1, euro.length))).isEqualTo("!");
    }

}
