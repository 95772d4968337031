package dev.sandlot.server.compat;

import dev.sandlot.engine.RunResult;
import dev.sandlot.engine.StageResult;
import dev.sandlot.engine.Status;

/**
 * How the seed APIs phrase a run's result: output, an error text or null, and seconds.
 */
final class SeedResults {

    private SeedResults() {
    }

    static String output(RunResult r) {
        return r.stdoutText();
    }

    /**
     * The program's stderr, the compiler's messages, and the reason a limit stopped it;
     * null when all is quiet.
     */
    static String error(RunResult r) {
        StringBuilder error = new StringBuilder();
        StageResult compile = r.compile();
        if (compile != null && compile.status() != Status.OK) {
            error.append(compile.stdoutText()).append(compile.stderrText());
        }
        error.append(r.stderrText());
        StageResult last = r.last();
        boolean explain = r.status() != Status.OK && r.status() != Status.RUNTIME_ERROR
                && r.status() != Status.COMPILE_ERROR;
        if (explain && last != null && last.message() != null) {
            if (!error.isEmpty() && error.charAt(error.length() - 1) != '\n')
                error.append('\n');
            error.append(last.message());
        }
        return error.isEmpty() ? null : error.toString();
    }

    static double seconds(RunResult r) {
        StageResult last = r.last();
        return last == null ? 0 : last.wallTimeMs() / 1000.0;
    }

}
