package dev.sandlot.server.execute;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.Language;
import dev.sandlot.engine.Library;
import dev.sandlot.engine.RunRequest;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.history.RunContext;
import dev.sandlot.server.web.BodyExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The native execution API. */
@RestController
@Tag(name = "Execute", description = "Run programs in the sandbox")
class ExecuteController {

    private final RunService runs;

    ExecuteController(RunService runs) {
        this.runs = runs;
    }

    @Operation(summary = "Run a program and wait for its result",
            description = "A program that fails (non-zero exit, timeout, memory limit, ...) is a 200 with that status; "
                    + "4xx answers are requests the server refuses, as problem details naming the field.")
    @BodyExample(summary = "Hello, world in Python", value = """
            {"language": "python", "code": "print('Hello, world!')"}""")
    @BodyExample(summary = "A program reading standard input", value = """
            {"language": "python", "code": "name = input()\\nprint(f'Hello, {name}!')", "stdin": "Ada\\n"}""")
    @BodyExample(summary = "Several files, an entry point, arguments and limits",
            value = """
                    {"language": "python",
                     "files": [{"name": "main.py", "content": "import sys\\nfrom greet import greet\\nprint(greet(sys.argv[1]))\\n"},
                               {"name": "greet.py", "content": "def greet(name):\\n    return f'Hello, {name}!'\\n"}],
                     "entry": "main.py", "args": ["Ada"], "limits": {"wallTimeMs": 5000, "memoryMb": 128}}""")
    @RunRefusals
    @PostMapping(path = "/api/v1/execute", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    RunResponse execute(@RequestBody ExecuteRequest body, Caller caller) {
        RunRequest request;
        try {
            request = body.toRunRequest(runs.engine());
            runs.refuseLongAnonymousRun(caller, request);
            return RunResponse
                .of(runs.run(caller, request, RunContext.of("execute").withSaveHistory(body.saveHistory())));
        }
        catch (InvalidFieldException e) {
            throw body.renameFields(e);
        }
    }

    /** A language as the API lists it. */
    record LanguageResponse(String id, String name, String version, List<String> aliases, boolean compiled,
            String fileName, List<LibraryResponse> libraries) {
        static LanguageResponse of(Language l) {
            return new LanguageResponse(l.id(), l.name(), l.version(), l.aliases(), l.compiled(), l.fileName(),
                    l.libraries().stream().map(LibraryResponse::of).toList());
        }
    }

    /**
     * A built-in library: its name, version and the name a program imports.
     *
     * @param name the distribution's name, e.g. scikit-learn
     * @param version the installed version
     * @param module what a program imports, e.g. sklearn
     */
    record LibraryResponse(String name, String version, String module) {
        static LibraryResponse of(Library l) {
            return new LibraryResponse(l.name(), l.version(), l.module());
        }
    }

    @Operation(summary = "The languages installed on this server, newest version of each first",
            description = "Each with the built-in libraries its programs can import (Python: numpy, pandas, ... as "
                    + "sandlot.python.libraries chooses), with their versions.")
    @GetMapping(path = "/api/v1/languages", produces = MediaType.APPLICATION_JSON_VALUE)
    List<LanguageResponse> languages() {
        return runs.engine().languages().stream().map(LanguageResponse::of).toList();
    }

}
