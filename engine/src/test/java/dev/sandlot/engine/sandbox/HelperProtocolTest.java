package dev.sandlot.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelperProtocolTest {

    private static DataInputStream stream(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts)
            out.writeBytes(part);
        return new DataInputStream(new ByteArrayInputStream(out.toByteArray()));
    }

    private static List<HelperProtocol.Frame> frames(DataInputStream in) throws IOException {
        List<HelperProtocol.Frame> frames = new ArrayList<>();
        HelperProtocol.Frame frame;
        while ((frame = HelperProtocol.readFrame(in)) != null)
            frames.add(frame);
        return frames;
    }

    @Test
    void framesComeBackAsTheyWereWritten() throws IOException {
        byte[] output = "hello\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 0xAB);
        List<HelperProtocol.Frame> read = frames(stream(HelperProtocol.frame(HelperProtocol.OUTPUT, output),
                HelperProtocol.frame(HelperProtocol.LIST, new byte[0]),
                HelperProtocol.frame(HelperProtocol.INPUT, big)));

        assertThat(read).extracting(HelperProtocol.Frame::type).containsExactly('o', 'm', 'i');
        assertThat(read.get(0).payload()).isEqualTo(output);
        assertThat(read.get(1).payload()).isEmpty();
        assertThat(read.get(2).payload()).isEqualTo(big);
    }

    @Test
    void aFrameIsTypeLittleEndianLengthAndPayload() {
        byte[] frame = HelperProtocol.frame(HelperProtocol.SIGNAL, HelperProtocol.u32(2));
        assertThat(frame).containsExactly('s', 4, 0, 0, 0, 2, 0, 0, 0);
        assertThat(HelperProtocol.size(80, 24)).containsExactly(80, 0, 24, 0);
    }

    @Test
    void aRequestIsTheMagicThenFrames() throws IOException {
        byte[] request = HelperRequest.cold()
            .file("src/main.py", 0755, "print(1)".getBytes(StandardCharsets.UTF_8))
            .rlimit(HelperRequest.Resource.NOFILE, 64, 128)
            .word("python3")
            .terminal(120, 40)
            .go()
            .bytes();
        DataInputStream in = stream(request);
        assertThat(in.readNBytes(4)).isEqualTo("SLT1".getBytes(StandardCharsets.US_ASCII));
        List<HelperProtocol.Frame> read = frames(in);

        assertThat(read).extracting(HelperProtocol.Frame::type).containsExactly('F', 'L', 'P', 'T', 'G');
        ByteBuffer file = ByteBuffer.wrap(read.get(0).payload()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(file.getInt()).isEqualTo(0755);
        byte[] path = new byte[file.getInt()];
        file.get(path);
        assertThat(new String(path, StandardCharsets.UTF_8)).isEqualTo("src/main.py");
        byte[] content = new byte[file.remaining()];
        file.get(content);
        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("print(1)");
        ByteBuffer limit = ByteBuffer.wrap(read.get(1).payload()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(List.of(limit.getInt(), limit.getLong(), limit.getLong())).containsExactly(7, 64L, 128L);
        assertThat(new String(read.get(2).payload(), StandardCharsets.UTF_8)).isEqualTo("python3");
        assertThat(read.get(3).payload()).isEqualTo(HelperProtocol.size(120, 40));
        assertThat(read.get(4).payload()).isEmpty();
    }

    @Test
    void aWarmPreludeHasTheMagicAndAWarmRequestHasNone() throws IOException {
        DataInputStream prelude = stream(HelperRequest.warmPrelude(List.of("python3", "-q")));
        assertThat(prelude.readNBytes(4)).isEqualTo("SLT1".getBytes(StandardCharsets.US_ASCII));
        assertThat(frames(prelude)).extracting(HelperProtocol.Frame::type).containsExactly('W', 'W', 'S');
        assertThat(frames(stream(HelperRequest.warm().word("a").go().bytes()))).extracting(HelperProtocol.Frame::type)
            .containsExactly('P', 'G');
    }

    @Test
    void aStreamThatEndsInsideAFrameOrClaimsTooMuchIsRefused() {
        byte[] frame = HelperProtocol.frame(HelperProtocol.OUTPUT, new byte[10]);
        assertThatThrownBy(() -> HelperProtocol.readFrame(stream(Arrays.copyOf(frame, 8))))
            .isInstanceOf(IOException.class);
        byte[] huge = { 'o', 0, 0, 0, 0x7f };
        assertThatThrownBy(() -> HelperProtocol.readFrame(stream(huge))).isInstanceOf(IOException.class)
            .hasMessageContaining("bad frame length");
    }

    @Test
    void statusLinesParse() {
        assertThat(HelperProtocol.parseStatus("exit 3 1500\n"))
            .isEqualTo(new SandboxProcess.Exit(3, null, false, 1500, null));
        assertThat(HelperProtocol.parseStatus("signal 9 1 42\n"))
            .isEqualTo(new SandboxProcess.Exit(null, 9, true, 42, null));
        assertThat(HelperProtocol.parseStatus("error cannot execute x: No such file\n"))
            .isEqualTo(new SandboxProcess.Exit(null, null, false, 0, "cannot execute x: No such file"));
        assertThat(HelperProtocol.parseStatus("what 1").error()).isEqualTo("unreadable status: what 1");
        // A line still being written is not a status yet: callers treat the exception as
        // "none".
        assertThatThrownBy(() -> HelperProtocol.parseStatus("exit 3")).isInstanceOf(RuntimeException.class);
    }

}
