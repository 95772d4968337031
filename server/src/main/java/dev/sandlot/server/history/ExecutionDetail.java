package dev.sandlot.server.history;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.sandlot.engine.OutputFile;
import java.util.Base64;
import java.util.List;

/**
 * One recorded run as {@code GET /api/v1/executions/{id}} shows it: the fields of
 * {@link Execution}, the limits it ran under, what was typed into it, and the request
 * that runs it again (null when its files were not kept).
 *
 * @param limits the limits it ran under, or null when not recorded
 * @param typedInput the stream's stdin and eof messages in order, with the time since the
 * run started; empty for runs that were not interactive
 * @param request the body of {@code POST /api/v1/execute} that runs it again
 * @param files the files it returned that the history kept, as a run's result gives them
 */
public record ExecutionDetail(@JsonUnwrapped Execution execution, RerunRequest.LimitsInput limits,
        List<TypedInput.Event> typedInput, RerunRequest request, List<File> files) {

    /** A kept file, as in a run's result. */
    public record File(String name, String mimeType, long size, String base64) {

        static File of(OutputFile f) {
            return new File(f.name(), f.mimeType(), f.size(), Base64.getEncoder().encodeToString(f.content()));
        }
    }
}
