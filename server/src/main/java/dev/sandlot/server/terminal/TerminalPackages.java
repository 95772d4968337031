package dev.sandlot.server.terminal;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.PackageRequests;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.project.PackageInstall;
import dev.sandlot.server.project.ProjectPackages;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Carries out the {@code pip install} and {@code npm install} typed in one project's
 * terminal: the same install as the API's, for the terminal's owner, with its log printed
 * in the terminal and its outcome as the command's exit code. The workspace is saved
 * first, so that an edited requirements.txt or package.json is the one installed.
 */
final class TerminalPackages implements PackageRequests {

    /** The exit code of a timed-out command, as {@code timeout(1)} gives. */
    static final int TIMED_OUT = 124;

    private static final Logger log = LoggerFactory.getLogger(TerminalPackages.class);

    private final ProjectPackages packages;

    private final Caller owner;

    private final long projectId;

    private final Runnable saveWorkspace;

    TerminalPackages(ProjectPackages packages, Caller owner, long projectId, Runnable saveWorkspace) {
        this.packages = packages;
        this.owner = owner;
        this.projectId = projectId;
        this.saveWorkspace = saveWorkspace;
    }

    @Override
    public int handle(Request request, Consumer<String> out) {
        PackageCommand.Parsed parsed = PackageCommand.parse(request);
        if (parsed instanceof PackageCommand.Refusal(String message, int exitCode)) {
            out.accept(message);
            return exitCode;
        }
        PackageCommand.Change change = (PackageCommand.Change) parsed;
        saveWorkspace.run();
        try {
            PackageInstall result = packages.install(owner, projectId, change.change(), out);
            return switch (result.status()) {
                case "installed" -> result.exitCode() == null ? 0 : result.exitCode();
                case "timeout" -> {
                    out.accept("sandlot: " + orDefault(result.message(), "the install ran out of time"));
                    yield TIMED_OUT;
                }
                default -> {
                    if (result.message() != null && !result.message().isBlank())
                        out.accept("sandlot: " + result.message());
                    yield result.exitCode() == null || result.exitCode() == 0 ? 1 : result.exitCode();
                }
            };
        }
        catch (InvalidFieldException e) {
            out.accept("ERROR: " + plainly(e));
            return 2;
        }
        catch (ErrorResponseException e) {
            ProblemDetail body = e.getBody();
            out.accept(
                    "sandlot: " + orDefault(body.getDetail(), orDefault(body.getTitle(), "the install was refused")));
            return 1;
        }
        catch (RuntimeException e) {
            log.warn("terminal of project {}: package command failed: {}", projectId, e.toString());
            out.accept("sandlot: the install failed; the server log says why");
            return 1;
        }
    }

    /**
     * The refusal without the API's field name where the words typed are quoted in it
     * anyway ({@code add[0] 'x' is ...}).
     */
    private static String plainly(InvalidFieldException e) {
        String message = e.getMessage();
        if (e.field().matches("(add|remove)\\[\\d+\\]") && message.startsWith(e.field() + " "))
            return message.substring(e.field().length() + 1);
        return message;
    }

    private static String orDefault(String text, String otherwise) {
        return text == null || text.isBlank() ? otherwise : text;
    }

}
