package dev.sandlot.server.interview;

import static dev.sandlot.server.interview.PadProblems.ended;
import static dev.sandlot.server.interview.PadProblems.forbidden;
import static dev.sandlot.server.interview.PadProblems.interviewersOnly;
import static dev.sandlot.server.interview.PadProblems.padNotFound;
import static dev.sandlot.server.interview.PadProblems.signedIn;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.engine.Language;
import dev.sandlot.server.account.Account;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Role;
import dev.sandlot.server.interview.PadRecords.Link;
import dev.sandlot.server.interview.PadRecords.Timer;
import dev.sandlot.server.interview.PadViews.LinkView;
import dev.sandlot.server.interview.PadViews.Links;
import dev.sandlot.server.interview.PadViews.PadView;
import dev.sandlot.server.interview.PadViews.ParticipantView;
import dev.sandlot.server.interview.PadViews.TimerView;
import dev.sandlot.server.interview.PadViews.You;
import dev.sandlot.server.project.Project;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.review.TaskService;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pads: creating one, who is in it, its settings and timer, and the rules of access. A
 * pad is seen only by its participants (everyone else, admins too, gets the 404 of a pad
 * that does not exist); what is for interviewers only answers a candidate 403. Links and
 * joining are {@link PadLinks}', notes and scorecards {@link PadNotes}', ending
 * {@link PadEnding}'s.
 */
@Service
public class PadService {

    static final int MAX_TITLE = 200;

    private final PadRepository pads;

    private final ProjectService projects;

    private final AccountService accounts;

    private final TaskService tasks;

    private final Engine engine;

    private final InterviewProperties config;

    private final TransactionTemplate tx;

    private final ApplicationEventPublisher events;

    private final SecureRandom random = new SecureRandom();

    PadService(PadRepository pads, ProjectService projects, AccountService accounts, TaskService tasks, Engine engine,
            InterviewProperties config, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.pads = pads;
        this.projects = projects;
        this.accounts = accounts;
        this.tasks = tasks;
        this.engine = engine;
        this.config = config;
        this.tx = tx;
        this.events = events;
    }

    // ------------------------------------------------------------ for the live hub

    /**
     * The caller's participation in the pad, if they are in it (empty for everyone else).
     */
    public Optional<Participant> participant(Caller caller, long padId) {
        if (caller == null || !caller.signedIn())
            return Optional.empty();
        return pads.participant(padId, caller.userId());
    }

    /** The pad, with no access check (for the hub, after {@link #participant}). */
    public Optional<Pad> pad(long padId) {
        return pads.find(padId);
    }

    /** The pad whose project this is, if any. */
    public Optional<Pad> padOfProject(long projectId) {
        return pads.byProject(projectId);
    }

    /** Everyone who has joined the pad, in join order. */
    public List<Participant> participants(long padId) {
        return pads.participants(padId);
    }

    /**
     * The pad owner as a caller, for writing the shared text into the pad's project (its
     * owner's quota) and for runs the hub starts on no one's behalf.
     */
    public Caller ownerCaller(Pad pad) {
        Account owner = accounts.find(pad.ownerId())
            .orElseThrow(() -> new IllegalStateException("pad " + pad.id() + " has no owner"));
        return new Caller(owner.id(), owner.username(), owner.role(), "pad-" + pad.id());
    }

    /**
     * The caller's participation: 401 if not signed in, the 404 of a missing pad if they
     * are not in it.
     */
    public Participant requireParticipant(Caller caller, long padId) {
        signedIn(caller);
        return pads.participant(padId, caller.userId()).orElseThrow(() -> padNotFound(padId));
    }

    /**
     * The caller's participation as an interviewer: 401, 404 as
     * {@link #requireParticipant}, and 403 {@code interviewers-only} for the candidate.
     * Notes, scorecards, links, the rubric and playback are behind it.
     */
    public Participant requireInterviewer(Caller caller, long padId) {
        Participant p = requireParticipant(caller, padId);
        if (!p.role().interviewer())
            throw interviewersOnly("This");
        return p;
    }

    // ------------------------------------------------------------ creating and reading

    /** A new pad: from a task ({@code taskId}) or blank in {@code language}. */
    public record NewPad(String title, String language, Long taskId, Boolean allowGuests, Boolean interviewerMayType,
            Integer maxParticipants, OffsetDateTime linkExpiresAt) {
    }

    public PadView create(Caller caller, NewPad body) {
        signedIn(caller);
        if (caller.role() != Role.REVIEWER && !caller.isAdmin())
            throw forbidden("role", "only reviewers and admins start interviews");
        if (body == null)
            throw new InvalidFieldException("title", "is required");
        String title;
        String language;
        String entry;
        List<ProjectService.NewFile> files;
        List<String> rubric;
        if (body.taskId() != null) {
            TaskService.InterviewSource source = tasks.interviewSource(caller, body.taskId());
            title = body.title() == null ? source.title() : title(body.title());
            language = source.language();
            if (body.language() != null && !engine.language(body.language(), null).id().equals(language))
                throw new InvalidFieldException("language", "must be the task's (" + language + ") or left out");
            entry = source.entry();
            files = source.starterFiles().stream().map(f -> new ProjectService.NewFile(f.path(), f.content())).toList();
            rubric = source.rubric().isEmpty() ? Starters.DEFAULT_RUBRIC : source.rubric();
        }
        else {
            title = title(body.title());
            if (body.language() == null || body.language().isBlank())
                throw new InvalidFieldException("language", "is required for a blank pad");
            Language l = engine.language(body.language(), null);
            language = l.id();
            entry = l.fileName();
            files = blankFiles(l);
            rubric = Starters.DEFAULT_RUBRIC;
        }
        int max = body.maxParticipants() == null ? config.maxParticipants() : body.maxParticipants();
        if (max < 2 || max > config.maxParticipants()) {
            throw new InvalidFieldException("maxParticipants",
                    "must be between 2 and " + config.maxParticipants() + " (sandlot.interview.max-participants)");
        }
        OffsetDateTime expires = linkExpiry(body.linkExpiresAt(), "linkExpiresAt");
        boolean guests = Boolean.TRUE.equals(body.allowGuests());
        boolean mayType = Boolean.TRUE.equals(body.interviewerMayType());
        long id = tx.execute(status -> {
            Project project = projects.create(caller, title, language, entry, files, false);
            long padId = pads.create(caller.userId(), project.id(), body.taskId(), title, language, guests, mayType,
                    max, rubric);
            pads.addParticipant(padId, caller.userId(), PadRole.INTERVIEWER, caller.username(), Starters.colour(0),
                    false);
            for (PadRole role : PadRole.values())
                pads.issueLink(padId, role, token(), expires);
            return padId;
        });
        return view(caller, id);
    }

    /** What a blank pad starts with in this language. */
    static List<ProjectService.NewFile> blankFiles(Language language) {
        return List.of(new ProjectService.NewFile(language.fileName(), Starters.hello(language.id())));
    }

    /**
     * What the pad's project started with: the task's starter files, or a blank pad's.
     */
    List<ProjectService.NewFile> starterFiles(Pad pad) {
        if (pad.taskId() != null) {
            try {
                return tasks.interviewSource(ownerCaller(pad), pad.taskId())
                    .starterFiles()
                    .stream()
                    .map(f -> new ProjectService.NewFile(f.path(), f.content()))
                    .toList();
            }
            catch (RuntimeException gone) {
                // The task was archived or unshared since: the diff starts from nothing.
                return List.of();
            }
        }
        return blankFiles(engine.language(pad.language(), null));
    }

    public List<PadView> list(Caller caller) {
        signedIn(caller);
        return pads.padsOf(caller.userId()).stream().map(p -> view(caller, p.id())).toList();
    }

    public PadView view(Caller caller, long padId) {
        Participant me = requireParticipant(caller, padId);
        return view(me);
    }

    /** The pad as this participant sees it. */
    public PadView view(Participant me) {
        Pad pad = pads.find(me.padId()).orElseThrow(() -> padNotFound(me.padId()));
        List<Participant> all = pads.participants(pad.id());
        List<Long> guests = pads.guests(pad.id());
        List<ParticipantView> participants = all.stream()
            .map(p -> new ParticipantView(p.id(), p.name(), PadRepository.wire(p.role()), p.colour(),
                    guests.contains(p.id())))
            .toList();
        TimerView timer = pads.timer(pad.id()).map(t -> new TimerView(t.startedAt(), t.minutes())).orElse(null);
        Links links = null;
        List<String> rubric = null;
        if (me.role().interviewer()) {
            links = new Links(linkView(pads.link(pad.id(), PadRole.CANDIDATE)),
                    linkView(pads.link(pad.id(), PadRole.INTERVIEWER)));
            rubric = pads.rubric(pad.id());
        }
        return new PadView(pad.id(), pad.title(), pad.language(), pad.projectId(), pad.taskId(),
                pad.ended() ? "ended" : "live", pad.createdAt(), pad.endedAt(), pad.submissionId(), pad.allowGuests(),
                pad.interviewerMayType(), pad.maxParticipants(),
                new You(me.id(), me.name(), PadRepository.wire(me.role()), me.colour()), participants, timer, links,
                rubric);
    }

    private static LinkView linkView(Optional<Link> link) {
        return link
            .map(l -> new LinkView(l.token(), "/pad.html#join=" + l.token(), l.expiresAt(), l.revokedAt() != null,
                    l.expired()))
            .orElse(null);
    }

    // ------------------------------------------------------------ settings and timer

    /** A change of settings; absent fields stay as they are. */
    public record PadChange(String title, Boolean allowGuests, Boolean interviewerMayType) {
    }

    public PadView update(Caller caller, long padId, PadChange body) {
        Participant me = requireInterviewer(caller, padId);
        if (body == null)
            throw new InvalidFieldException("title", "is required (or allowGuests, interviewerMayType)");
        tx.executeWithoutResult(status -> {
            Pad pad = live(padId);
            pads.updateSettings(padId, body.title() == null ? pad.title() : title(body.title()),
                    body.allowGuests() == null ? pad.allowGuests() : body.allowGuests(),
                    body.interviewerMayType() == null ? pad.interviewerMayType() : body.interviewerMayType());
        });
        changed(padId);
        return view(me);
    }

    static final int MAX_TIMER_MINUTES = 24 * 60;

    /** Starts the timer (again, from now). */
    public PadView startTimer(Caller caller, long padId, Integer minutes) {
        Participant me = requireInterviewer(caller, padId);
        if (minutes == null)
            throw new InvalidFieldException("minutes", "is required");
        if (minutes < 1 || minutes > MAX_TIMER_MINUTES) {
            throw new InvalidFieldException("minutes", "must be between 1 and " + MAX_TIMER_MINUTES);
        }
        tx.executeWithoutResult(status -> {
            live(padId);
            pads.setTimer(padId, PadRecords.now(), minutes);
        });
        changed(padId);
        return view(me);
    }

    public PadView stopTimer(Caller caller, long padId) {
        Participant me = requireInterviewer(caller, padId);
        tx.executeWithoutResult(status -> {
            live(padId);
            pads.setTimer(padId, null, null);
        });
        changed(padId);
        return view(me);
    }

    /** The timer, if one runs. */
    Optional<Timer> timer(long padId) {
        return pads.timer(padId);
    }

    // ------------------------------------------------------------ shared with the pad's
    // other services

    /** The pad, locked for the rest of the transaction, if it is still live; else 409. */
    Pad live(long padId) {
        Pad pad = pads.lock(padId).orElseThrow(() -> padNotFound(padId));
        if (pad.ended())
            throw ended(padId);
        return pad;
    }

    /** Tells open connections the pad changed (after the change committed). */
    void changed(long padId) {
        events.publishEvent(new PadChanged(padId));
    }

    /** A new link token: 32 random bytes, URL-safe. */
    String token() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /**
     * When a link issued now stops working: as asked (in the future), or after the TTL.
     */
    OffsetDateTime linkExpiry(OffsetDateTime asked, String field) {
        OffsetDateTime now = PadRecords.now();
        if (asked == null)
            return now.plus(config.linkTtl());
        if (!asked.isAfter(now))
            throw new InvalidFieldException(field, "must be in the future");
        if (asked.isAfter(now.plusYears(1)))
            throw new InvalidFieldException(field, "must be within a year");
        return asked;
    }

    private static String title(String title) {
        if (title == null || title.isBlank())
            throw new InvalidFieldException("title", "is required");
        String t = title.strip();
        if (t.length() > MAX_TITLE)
            throw new InvalidFieldException("title", "must be at most " + MAX_TITLE + " characters", (long) MAX_TITLE);
        if (t.codePoints().anyMatch(Character::isISOControl))
            throw new InvalidFieldException("title", "must not contain control characters");
        return t;
    }

}
