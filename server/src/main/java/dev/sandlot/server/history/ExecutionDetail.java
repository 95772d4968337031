package dev.sandlot.server.history;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
 */
public record ExecutionDetail(@JsonUnwrapped Execution execution, RerunRequest.LimitsInput limits,
        List<TypedInput.Event> typedInput, RerunRequest request) {
}
