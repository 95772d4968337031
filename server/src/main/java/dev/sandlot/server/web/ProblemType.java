package dev.sandlot.server.web;

import java.net.URI;
import java.util.Locale;

/**
 * Every problem type the server answers with ({@code urn:sandlot:problem:<kind>}), its
 * status, its title and what it means: the catalogue the OpenAPI document lists, and
 * documents each operation's refusals with. A test checks that every kind the sources
 * make is here, and that every kind here is made.
 */
public enum ProblemType {

    // 400
    INVALID_REQUEST(400, "Invalid request",
            "A field, parameter or header is missing or invalid; `field` names it (a JSON path such as "
                    + "`files[0].name`, or the parameter's name)."),
    MALFORMED_JSON(400, "Malformed JSON",
            "The body (or a WebSocket message) is missing or is not JSON; `detail` says where it breaks."),
    INVALID_JSON(400, "Invalid JSON", "A JSON value has the wrong type or form; `field` names it."),
    UNKNOWN_LANGUAGE(400, "Unknown language",
            "The language is not installed on this server; `available` lists the ones that are."),
    UNKNOWN_VERSION(400, "Version not installed",
            "No installed version of the language matches `version`; `available` lists them."),
    LIMIT_TOO_HIGH(400, "Limit above the maximum",
            "A limit is above the server's maximum (an anonymous run: above 10 s of wall time); `field` names it "
                    + "and `maximum` says how high it may go."),
    TOO_LARGE(400, "Too large",
            "Code, a file, a project or a list is over its cap; `field` names it and `maximum` is the cap."),
    INVALID_ENCODING(400, "Invalid encoding",
            "A query or form parameter is not valid percent-encoded UTF-8; `field` names it."),
    BAD_ORIGIN(400, "Malformed Origin header", "Any request: an `Origin` header that is not `scheme://host[:port]`.",
            true),
    REJECTED_PATH(400, "Path refused",
            "Any request: a path with `;`, `//`, an encoded `/`, `..` or control characters.", true),
    BAD_REQUEST(400, "Bad Request", "Any request: a path, request line or header that cannot be read (not UTF-8, ...).",
            true),
    STDIN_CLOSED(400, "Stdin not accepted",
            "Run stream message: input after `eof`, or after the program closed its standard input."),

    // 401
    UNAUTHENTICATED(401, "Sign-in required",
            "This needs an account: sign in (browser session), or send a bearer token or API key."),
    INVALID_TOKEN(401, "Invalid credentials",
            "Any request: the bearer token or API key sent is unknown, expired or revoked (never a silent "
                    + "fallback to anonymous)."),
    BAD_CREDENTIALS(401, "Sign-in failed", "Wrong user name or password."),
    UNAUTHORIZED(401, "Sign in first", "Terminal WebSocket handshake without an account."),

    // 403
    FORBIDDEN(403, "Forbidden",
            "Signed in, but your role or relation to the resource does not allow this; `field` may say which."),
    CSRF(403, "CSRF token missing or wrong",
            "A write from a signed-in browser session without the token of GET /api/v1/auth/csrf in the "
                    + "`X-XSRF-TOKEN` header (bearer tokens and API keys need none)."),
    SIGNUP_DISABLED(403, "Sign-up disabled", "This server does not accept new accounts."),
    API_KEY_SCOPE(403, "API key not allowed",
            "Any request made with an API key whose scopes do not cover it (`missingScopes`), or that manages "
                    + "keys, the password or sessions, which no API key may do."),
    WATCH_ONLY(403, "Watch only", "Terminal WebSocket: a reviewer may only watch an attempt's terminal (mode=view)."),
    ACCOUNT_DISABLED(403, "Account disabled",
            "Sign-in with the right password to an account an admin disabled; its sessions, tokens and keys do "
                    + "not work while it is disabled."),
    READ_ONLY(403, "Read only", "Terminal WebSocket message: typing into a terminal this connection only watches."),
    TERMINAL_ACCESS_ENDED(403, "Terminal access ended",
            "Terminal WebSocket message, then the socket closes: the rules changed and this caller may no longer "
                    + "even watch the terminal."),
    PACKAGES_DISABLED(403, "Packages are off", "This server does not install per-project packages."),
    INTERVIEWERS_ONLY(403, "Interviewers only",
            "A pad's notes, scorecards, links, rubric and playback are for its interviewers; its candidate gets this."),

    // 404
    NOT_FOUND(404, "Not Found", "Any request: there is nothing at this address.", true),
    PROJECT_NOT_FOUND(404, "Not found", "No such project, or it is not yours."),
    FILE_NOT_FOUND(404, "Not found", "No such file in the project (or saved file of the seed API)."),
    EXECUTION_NOT_FOUND(404, "Not found", "No such recorded run, or it is not yours."),
    TASK_NOT_FOUND(404, "Not found", "No such task, or you may not see it."),
    ATTEMPT_NOT_FOUND(404, "Not found", "No such attempt, or you may not see it."),
    SUBMISSION_NOT_FOUND(404, "Not found", "No such submission, or you may not see it."),
    COMMENT_NOT_FOUND(404, "Not found", "No such comment on this submission."),
    NOTIFICATION_NOT_FOUND(404, "Not found", "No such notification of yours."),
    LINK_NOT_FOUND(404, "Unknown link", "A share-link token this server does not know (or that was revoked)."),
    USER_NOT_FOUND(404, "Not found", "No account with this id."),
    API_KEY_NOT_FOUND(404, "Not found", "No API key of yours with this id."),
    TERMINAL_NOT_FOUND(404, "Not found", "No running terminal of yours with this id."),
    PAD_NOT_FOUND(404, "Not found", "No such pad, or you are not in it."),
    PAD_LINK_NOT_FOUND(404, "Unknown link", "A pad link this server does not know (or that was revoked or replaced)."),

    // 405, 406
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", "Any request: this address does not take that method.", true),
    NOT_ACCEPTABLE(406, "Not Acceptable", "Any request: the `Accept` header names no type this address answers with.",
            true),

    // 409
    USERNAME_TAKEN(409, "Username taken", "The user name is taken, or reads like one that is; `field` is username."),
    FILE_EXISTS(409, "Conflict", "A file with that path already exists in the project."),
    ATTEMPT_LIMIT(409, "Conflict", "The task allows no more attempts per learner."),
    ATTEMPT_CLOSED(409, "Conflict",
            "The attempt's deadline has passed (or its project is gone): its files and runs can no longer change."),
    ATTEMPT_EVIDENCE(409, "Conflict", "The project or run is evidence of an attempt and cannot be deleted."),
    ALREADY_DECIDED(409, "Conflict", "The submission was already decided."),
    PAD_FULL(409, "Pad full", "The pad has as many participants as it takes (`maxParticipants`)."),
    PAD_HAS_CANDIDATE(409, "Candidate already in", "The pad has its candidate; a pad interviews one at a time."),
    PAD_ENDED(409, "Interview over",
            "The pad's interview has ended: the pad, its links and its project's files are read-only."),
    PAD_LIVE(409, "Interview not over", "Scorecards are filled in once the interview has ended."),
    NO_CANDIDATE(409, "No candidate", "Ending an interview no candidate has joined."),
    PAD_PROJECT(409, "Conflict", "The project is a pad's and cannot be deleted."),
    LAST_ADMIN(409, "Last admin", "The change would leave no enabled admin; `field` is role or disabled."),
    EXECUTION_NOT_RERUNNABLE(409, "Cannot be run again exactly",
            "The history does not hold all of the run (`missing`: files, stdin or limits), so it cannot be run "
                    + "again exactly."),
    TERMINAL_NOT_RUNNING(409, "No terminal",
            "Terminal WebSocket: watching (mode=view) a terminal that is not running."),
    TERMINAL_ENDED(409, "Terminal ended",
            "Terminal WebSocket message: the terminal has ended; reconnect for a new one."),
    INSTALL_IN_PROGRESS(409, "Install in progress",
            "The project is installing packages already; one install per project runs at a time."),
    NOT_STARTED(409, "No run", "Run stream message: stdin, eof or kill before the start message."),
    ALREADY_STARTED(409, "Run already started",
            "Run stream message: a second start message; a connection carries one run."),

    // 410, 412, 413, 415
    LINK_EXPIRED(410, "Link expired", "The share link has expired."),
    PAD_LINK_EXPIRED(410, "Link expired", "The pad link has expired; ask the interviewer for a new one."),
    REVISION_MISMATCH(412, "The file changed meanwhile",
            "`If-Match` names another revision than the file's; `currentRevision` is the file's now."),
    BODY_TOO_LARGE(413, "Request body too large",
            "The body is over the server's limit (`sandlot.max-request-bytes`); `maximum` is the limit."),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "The body's `Content-Type` is not one this operation takes."),

    // 429
    RATE_LIMITED(429, "Too many runs",
            "This client started too many runs (or asked for too many diffs) lately; retry after "
                    + "`retryAfterSeconds` (also the `Retry-After` header)."),
    SIGN_IN_LIMITED(429, "Too many failed sign-ins",
            "Too many failed sign-ins for this account or address; retry after `retryAfterSeconds`."),
    SIGNUP_LIMITED(429, "Too many sign-ups", "Too many sign-ups from this address; retry after `retryAfterSeconds`."),
    TOO_MANY_CONNECTIONS(429, "Too many connections",
            "Any request: too many TCP connections or WebSockets from this address or account.", true),
    TOO_MANY_TERMINALS(429, "Too many terminals", "Terminal WebSocket: you have as many terminals as you may."),
    TOO_MANY_CLIENTS(429, "Too many clients", "Terminal WebSocket: the terminal has as many watchers as it may."),
    INPUT_DROPPED(429, "Input dropped", "Terminal WebSocket message: input arrived faster than the terminal reads it."),

    // 500, 503
    INTERNAL_ERROR(500, "Internal error", "A server bug; the log has the details under `incident`.", true),
    TERMINAL_FAILED(500, "Terminal failed", "Terminal WebSocket: the terminal could not start."),
    OVERLOADED(503, "Server busy",
            "Every run slot is busy and the queue is full (or diffs are too busy); retry after `retryAfterSeconds`."),
    SANDBOX_UNAVAILABLE(503, "Sandbox unavailable",
            "This server cannot run code safely right now; `problems` says why."),
    CONNECTIONS_FULL(503, "Server busy", "WebSocket handshake: the server has as many WebSockets open as it may."),
    PADS_BUSY(503, "Server busy",
            "Live pad WebSocket: the server holds its most open pads (`sandlot.interview.live.max-loaded-pads`)."),
    PACKAGES_BUSY(503, "Server busy",
            "The server runs as many package installs as it may (`sandlot.packages.max-concurrent`); retry later."),
    TERMINALS_DISABLED(503, "Terminals are off", "Terminal WebSocket: this server runs no terminals."),
    TERMINALS_FULL(503, "Server busy", "Terminal WebSocket: the server runs as many terminals as it may.");

    private final int status;

    private final String title;

    private final String meaning;

    private final boolean anyRequest;

    ProblemType(int status, String title, String meaning) {
        this(status, title, meaning, false);
    }

    ProblemType(int status, String title, String meaning, boolean anyRequest) {
        this.status = status;
        this.title = title;
        this.meaning = meaning;
        this.anyRequest = anyRequest;
    }

    /** The kind, e.g. {@code file-exists}. */
    public String kind() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The problem's {@code type}, e.g. {@code urn:sandlot:problem:file-exists}. */
    public URI uri() {
        return URI.create("urn:sandlot:problem:" + kind());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** What it means, for a reader of the API documentation (Markdown). */
    public String meaning() {
        return meaning;
    }

    /**
     * True for a refusal any request may get (request hygiene, unknown addresses, server
     * errors): the API description lists these once instead of on every operation.
     */
    public boolean anyRequest() {
        return anyRequest;
    }

}
