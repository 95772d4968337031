package dev.sandlot.server.history;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.Limits;
import dev.sandlot.engine.OutputFile;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.engine.RunResult;
import dev.sandlot.engine.SourceFile;
import dev.sandlot.engine.StageResult;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.project.ProjectWriteGuard;
import dev.sandlot.server.web.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history of runs: recorded for signed-in callers unless a request opts out, visible
 * only to its owner (and admins), pruned by count and age.
 */
@Service
public class HistoryService {

    private static final Logger log = LoggerFactory.getLogger(HistoryService.class);

    /** Bytes of input kept per run, at least. */
    static final long MAX_INPUT_BYTES = 1024 * 1024;

    private final ExecutionRepository executions;

    private final HistoryProperties config;

    private final JsonMapper json;

    private final ObjectProvider<ProjectWriteGuard> guards;

    HistoryService(ExecutionRepository executions, HistoryProperties config, JsonMapper json,
            ObjectProvider<ProjectWriteGuard> guards) {
        this.executions = executions;
        this.guards = guards;
        this.config = config;
        this.json = json;
    }

    /**
     * Records a run of {@code request} that ran under {@code limits} (null if unknown),
     * with what was typed into it ({@code typed}, null for a run that was not
     * interactive).
     */
    public void record(Caller caller, RunContext context, RunRequest request, Limits limits, TypedInput.Snapshot typed,
            RunResult result) {
        if (!config.enabled() || !caller.signedIn() || !context.saveHistory())
            return;
        try {
            StageResult last = result.last();
            String entry = request.entryName();
            // Every file is kept: the engine refused anything larger than its request
            // limits, and a run is only worth recording if it can be run again.
            String code = null;
            String filesJson = null;
            boolean nul = request.files().stream().anyMatch(f -> f.text().indexOf('\0') >= 0);
            if (request.files().size() == 1 && !nul) {
                code = request.files().getFirst().text();
            }
            else {
                Map<String, String> files = new LinkedHashMap<>();
                for (SourceFile f : request.files())
                    files.put(f.name(), f.text());
                filesJson = json.writeValueAsString(files); // JSON escapes NUL
                code = request.files()
                    .stream()
                    .filter(f -> f.name().equals(entry))
                    .findFirst()
                    .map(f -> f.text().replace("\u0000", "\uFFFD"))
                    .orElse(null);
            }
            Input input = input(request.stdin(), typed);
            StageResult output = result.run() != null ? result.run() : result.compile();
            List<OutputFile> kept = keptFiles(result.files());
            executions.insert(new Execution(result.id(), caller.userId(), context.projectId(), context.projectName(),
                    context.projectRevision(), result.language(), result.version(), entry, code, filesJson,
                    input.stdin(), request.args().isEmpty() ? null : json.writeValueAsString(request.args()),
                    output == null ? "" : cap(output.stdout()), output == null ? "" : cap(output.stderr()),
                    result.status().wireName(), last == null ? null : last.exitCode(),
                    last == null ? null : last.signalName(), last == null ? 0 : last.wallTimeMs(),
                    last == null ? 0 : last.cpuTimeMs(), last == null ? 0 : last.memoryBytes() / 1024, context.source(),
                    OffsetDateTime.now(ZoneOffset.UTC),
                    limits == null ? null : json.writeValueAsString(limitsOf(limits)), input.typedJson(),
                    input.truncated(), result.filesTruncated() || kept.size() < result.files().size()));
            executions.insertFiles(result.id(), kept);
        }
        catch (RuntimeException e) {
            // The run's result still goes back to the caller; only its record is missing.
            log.error("cannot record run {} for {}: {}", result.id(), caller, e.toString());
        }
    }

    /** The returned files that fit the history's cap, in their order. */
    private List<OutputFile> keptFiles(List<OutputFile> files) {
        List<OutputFile> kept = new ArrayList<>();
        long left = config.maxFileBytes();
        for (OutputFile f : files) {
            if (f.size() > left)
                break;
            left -= f.size();
            kept.add(f);
        }
        return kept;
    }

    private record Input(String stdin, String typedJson, boolean truncated) {
    }

    /**
     * The input kept of a run: the stdin it was given and the typed chunks, together at
     * most {@link #inputCap} bytes; what had to be dropped (or, being NUL, cannot be
     * stored as text) marks it truncated.
     */
    private Input input(byte[] given, TypedInput.Snapshot typed) {
        long cap = inputCap();
        boolean truncated = false;
        int n = given.length;
        if (n > cap) {
            n = (int) cap;
            truncated = true;
        }
        String stdin = new String(given, 0, n, StandardCharsets.UTF_8);
        if (stdin.indexOf('\0') >= 0) {
            stdin = stdin.replace("\u0000", "\uFFFD");
            truncated = true;
        }
        if (typed == null)
            return new Input(stdin, null, truncated);
        long left = cap - n;
        List<TypedInput.Event> kept = new ArrayList<>();
        truncated |= typed.truncated();
        for (TypedInput.Event e : typed.events()) {
            if (e.data() != null) {
                long size = e.data().getBytes(StandardCharsets.UTF_8).length;
                if (truncated || size > left) {
                    truncated = true;
                    continue;
                }
                left -= size;
            }
            kept.add(e);
        }
        return new Input(stdin, json.writeValueAsString(kept), truncated);
    }

    /**
     * Bytes of input (stdin and typed input together) kept per run: as much as a review
     * test case may carry, or the output cap if that is higher.
     */
    public long inputCap() {
        return Math.max(MAX_INPUT_BYTES, config.maxOutputBytes());
    }

    private static RerunRequest.LimitsInput limitsOf(Limits l) {
        return new RerunRequest.LimitsInput(l.wallTimeMs(), l.cpuTimeMs(), l.memoryMb(), l.maxProcesses(),
                l.maxOutputBytes());
    }

    private String cap(byte[] bytes) {
        int n = Math.min(bytes.length, config.maxOutputBytes());
        return new String(bytes, 0, n, StandardCharsets.UTF_8).replace("\u0000", "\uFFFD");
    }

    /** A page of history and the cursor of the next one (null at the end). */
    public record Page(List<Execution> items, String nextCursor) {
    }

    public Page list(Caller caller, Long projectId, String language, String status, Integer limit, String cursor) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200)
            throw new InvalidFieldException("limit", "must be between 1 and 200");
        OffsetDateTime beforeTime = null;
        String beforeId = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|",
                        2);
                beforeTime = OffsetDateTime.parse(parts[0]);
                beforeId = parts[1];
            }
            catch (RuntimeException e) {
                throw new InvalidFieldException("cursor", "is not a cursor this server issued");
            }
        }
        List<Execution> items = executions.list(new ExecutionRepository.Query(caller.userId(), projectId, language,
                status, beforeTime, beforeId, size + 1));
        String next = null;
        if (items.size() > size) {
            items = items.subList(0, size);
            Execution last = items.getLast();
            next = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new Page(items, next);
    }

    public Execution get(Caller caller, String id) {
        return executions.find(id)
            .filter(e -> caller.signedIn() && (caller.isAdmin() || e.userId() == caller.userId()))
            .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                    Problems.of(HttpStatus.NOT_FOUND, "execution-not-found", "Not found", "No execution " + id + "."),
                    null));
    }

    /**
     * One run with its limits, its typed input and the request that runs it again; 404
     * like {@link #get}.
     */
    public ExecutionDetail detail(Caller caller, String id) {
        Execution e = get(caller, id);
        RerunRequest.LimitsInput limits = e.limitsJson() == null ? null
                : json.readValue(e.limitsJson(), RerunRequest.LimitsInput.class);
        List<TypedInput.Event> typed = e.inputJson() == null ? List.of()
                : json.readValue(e.inputJson(), new TypeReference<List<TypedInput.Event>>() {
                });
        List<RerunRequest.File> files = new ArrayList<>();
        if (e.filesJson() != null) {
            Map<String, String> stored = json.readValue(e.filesJson(),
                    new TypeReference<LinkedHashMap<String, String>>() {
                    });
            stored.forEach((name, content) -> files.add(new RerunRequest.File(name, content)));
        }
        else if (e.code() != null) {
            files.add(new RerunRequest.File(e.entry(), e.code()));
        }
        RerunRequest request = null;
        if (!files.isEmpty()) {
            StringBuilder stdin = new StringBuilder(e.stdin() == null ? "" : e.stdin());
            typed.stream().filter(t -> t.data() != null).forEach(t -> stdin.append(t.data()));
            List<String> args = e.argsJson() == null ? List.of()
                    : json.readValue(e.argsJson(), new TypeReference<List<String>>() {
                    });
            request = new RerunRequest(e.language(), e.version(), files, e.entry(), stdin.toString(), args, limits);
        }
        List<ExecutionDetail.File> returned = executions.files(id).stream().map(ExecutionDetail.File::of).toList();
        return new ExecutionDetail(e, limits, typed, request, returned);
    }

    public void delete(Caller caller, String id) {
        Execution e = get(caller, id);
        if (e.projectId() != null)
            guards.orderedStream().forEach(g -> g.checkDeletable(e.projectId()));
        executions.delete(id);
    }

    /**
     * A recorded run of a project, in brief: what a reviewer's timeline of an attempt
     * shows.
     */
    public record ProjectRun(String id, String status, String source, Long projectRevision, long wallTimeMs,
            OffsetDateTime createdAt) {
    }

    /**
     * Every recorded run of the project, whoever ran it, newest first. For modules that
     * have already decided the caller may see them (review: an attempt's learner and its
     * task's reviewers).
     */
    public List<ProjectRun> runsOfProject(long projectId) {
        return executions.ofProject(projectId);
    }

    public List<ExecutionRepository.Stat> stats(Caller caller) {
        return executions.stats(caller.userId());
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    public void prune() {
        prune(config.maxAge(), config.keepPerUser());
    }

    /** Prunes with other limits than the configured ones (tests keep fewer runs). */
    void prune(Duration maxAge, int keepPerUser) {
        int removed = executions.prune(OffsetDateTime.now(ZoneOffset.UTC).minus(maxAge), keepPerUser);
        if (removed > 0)
            log.info("pruned {} recorded runs (older than {} or past the newest {} per user)", removed, maxAge,
                    keepPerUser);
    }

}
