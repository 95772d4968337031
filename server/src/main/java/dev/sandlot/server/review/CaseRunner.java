package dev.sandlot.server.review;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.LimitRequest;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.RunResult;
import dev.sandlot.engine.SourceFile;
import dev.sandlot.engine.StageResult;
import dev.sandlot.engine.Status;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.execute.RunService;
import dev.sandlot.server.history.RunContext;
import dev.sandlot.server.review.ReviewRecords.CaseResult;
import dev.sandlot.server.review.ReviewRecords.TaskFile;
import dev.sandlot.server.review.ReviewRecords.TestCase;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Runs test cases against a set of files. The program is compiled once: the engine's
 * build cache reuses the artifact for every case after the first, and when the first case
 * does not compile no other case runs (each is reported as {@code compile_error}).
 */
@Component
class CaseRunner {

    /** Output kept per case. */
    static final int MAX_OUTPUT_CHARS = 64 * 1024;

    private final RunService runs;

    CaseRunner(RunService runs) {
        this.runs = runs;
    }

    /** What the program ran from. */
    record Program(String language, String entry, List<TaskFile> files, Long projectId, Long projectRevision,
            String projectName) {
    }

    List<CaseResult> run(Caller caller, Program program, List<TestCase> cases, String source) {
        if (program.files().isEmpty())
            throw new InvalidFieldException("files", "the attempt has no files to run");
        List<CaseResult> out = new ArrayList<>();
        String compileFailure = null;
        runs.charge(caller); // one test run or submission is one request, however many
                             // cases it has
        for (TestCase c : cases) {
            if (compileFailure != null) {
                out.add(new CaseResult(c.id(), "compile_error", "", compileFailure, 0, 0));
                continue;
            }
            RunRequest.Builder request = RunRequest.builder(program.language())
                .entry(program.entry())
                .stdin(c.stdin())
                .limits(new LimitRequest(c.timeLimitMs(), c.timeLimitMs(), c.memoryMb(), null, null));
            program.files().forEach(f -> request.file(SourceFile.of(f.path(), f.content())));
            RunResult r = runs.runCharged(caller, request.build(), new RunContext(source, program.projectId(),
                    program.projectRevision(), program.projectName(), program.projectId() != null));
            if (r.status() == Status.COMPILE_ERROR) {
                StageResult compile = r.compile();
                compileFailure = compile == null ? "" : cap(compile.stdoutText() + compile.stderrText());
                out.add(new CaseResult(c.id(), "compile_error", "", compileFailure, 0, 0));
                continue;
            }
            StageResult last = r.last();
            String stdout = cap(r.stdoutText());
            out.add(new CaseResult(c.id(), verdict(r.status(), stdout, c.expectedStdout()), stdout, cap(r.stderrText()),
                    last == null ? 0 : last.wallTimeMs(), last == null ? 0 : last.memoryBytes() / 1024));
        }
        return out;
    }

    static String verdict(Status status, String stdout, String expected) {
        return switch (status) {
            case OK -> sameOutput(stdout, expected) ? "accepted" : "wrong_answer";
            case TIMEOUT -> "timeout";
            case MEMORY_LIMIT -> "memory_limit";
            case COMPILE_ERROR -> "compile_error";
            case OUTPUT_LIMIT -> "wrong_answer";
            case INTERNAL_ERROR -> "internal_error";
            default -> "runtime_error";
        };
    }

    /**
     * Equal line by line, ignoring whitespace at the end of each line and blank lines at
     * the end.
     */
    static boolean sameOutput(String actual, String expected) {
        return normalized(actual).equals(normalized(expected));
    }

    static List<String> normalized(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : LineDiff.lines(text == null ? "" : text.replace("\r\n", "\n")))
            lines.add(line.stripTrailing());
        while (!lines.isEmpty() && lines.getLast().isEmpty())
            lines.removeLast();
        return lines;
    }

    /**
     * The unified diff of expected against actual output, as compared (trailing
     * whitespace ignored).
     */
    static String outputDiff(String expected, String actual) {
        return LineDiff.unified("expected", "actual", LineDiff.diff(normalized(expected), normalized(actual)), 3);
    }

    private static String cap(String text) {
        return text.length() <= MAX_OUTPUT_CHARS ? text : text.substring(0, MAX_OUTPUT_CHARS);
    }

}
