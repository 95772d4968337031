package dev.sandlot.server.interview;

import static dev.sandlot.server.interview.PadProblems.conflict;
import static dev.sandlot.server.interview.PadProblems.ended;
import static dev.sandlot.server.interview.PadProblems.linkRefused;
import static dev.sandlot.server.interview.PadProblems.unauthenticated;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.account.Account;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.BrowserSessions;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.interview.PadRecords.Link;
import dev.sandlot.server.interview.PadViews.LinkPreview;
import dev.sandlot.server.interview.PadViews.PadView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A pad's two links (the candidate's, the co-interviewers') and joining through them:
 * signed in, with the link's role; or, on the candidate's link of a pad that allows it,
 * anonymously as a named guest, for whom an account is made and this browser signed in.
 */
@Service
class PadLinks {

    static final int MAX_GUEST_NAME = 40;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final PadRepository pads;

    private final PadService padService;

    private final AccountService accounts;

    private final BrowserSessions sessions;

    private final TransactionTemplate tx;

    PadLinks(PadRepository pads, PadService padService, AccountService accounts, BrowserSessions sessions,
            TransactionTemplate tx) {
        this.pads = pads;
        this.padService = padService;
        this.accounts = accounts;
        this.sessions = sessions;
        this.tx = tx;
    }

    static PadRole role(String wire) {
        return switch (wire == null ? "" : wire) {
            case "candidate" -> PadRole.CANDIDATE;
            case "interviewer" -> PadRole.INTERVIEWER;
            default -> throw new InvalidFieldException("link", "must be candidate or interviewer");
        };
    }

    /** Issues the role's link again: a new token (the old one stops working). */
    PadView issue(Caller caller, long padId, String role, OffsetDateTime expiresAt) {
        Participant me = padService.requireInterviewer(caller, padId);
        PadRole r = role(role);
        OffsetDateTime expires = padService.linkExpiry(expiresAt, "expiresAt");
        tx.executeWithoutResult(status -> {
            padService.live(padId);
            pads.issueLink(padId, r, padService.token(), expires);
        });
        return padService.view(me);
    }

    PadView revoke(Caller caller, long padId, String role) {
        Participant me = padService.requireInterviewer(caller, padId);
        PadRole r = role(role);
        pads.revokeLink(padId, r);
        return padService.view(me);
    }

    /** The link's pad and role, if the token is one that works now; else 404 or 410. */
    private Link working(String token) {
        if (token == null || !TOKEN.matcher(token).matches())
            throw linkRefused(false, "is not a pad link this server knows (it may have been revoked or replaced)");
        Link link = pads.linkByToken(token)
            .filter(l -> l.revokedAt() == null)
            .orElseThrow(() -> linkRefused(false,
                    "is not a pad link this server knows (it may have been revoked or replaced)"));
        if (link.expired())
            throw linkRefused(true, "expired at " + link.expiresAt());
        return link;
    }

    LinkPreview preview(String token) {
        Link link = working(token);
        Pad pad = pads.find(link.padId()).orElseThrow();
        return new LinkPreview(pad.id(), pad.title(), pad.language(), PadRepository.wire(link.role()),
                accounts.username(pad.ownerId()).orElse(null), pad.allowGuests(), pad.ended() ? "ended" : "live");
    }

    /**
     * Joins the link's pad with its role, or returns the caller's place if they are in it
     * already (their role stays). Anonymous callers join as guests where that is allowed,
     * and this browser is signed in to the guest's new account.
     */
    PadView join(Caller caller, String token, String guestName, HttpServletRequest request,
            HttpServletResponse response) {
        Link link = working(token);
        Caller joiner = caller;
        String name = caller.signedIn() ? caller.username() : null;
        boolean guest = false;
        if (!caller.signedIn()) {
            if (guestName == null) {
                throw unauthenticated("Sign in or sign up to join this pad" + (link.role() == PadRole.CANDIDATE
                        ? ", or join as a guest with guestName if it allows guests." : "."));
            }
            Pad pad = pads.find(link.padId()).orElseThrow();
            if (link.role() != PadRole.CANDIDATE)
                throw unauthenticated("Co-interviewers sign in to join; only a candidate may join as a guest.");
            if (!pad.allowGuests())
                throw unauthenticated("This pad does not take guests: sign in or sign up to join it.");
            name = guestName(guestName) + " (guest)";
            // Refused before an account is made for nothing.
            tx.executeWithoutResult(status -> admit(pad.id(), link.role()));
            Account account = accounts.createGuest();
            sessions.signIn(account, request, response);
            joiner = new Caller(account.id(), account.username(), account.role(), caller.address());
            guest = true;
        }
        else if (accounts.isGuest(caller.userId())) {
            guest = true;
        }
        long userId = joiner.userId();
        String shownName = name;
        boolean asGuest = guest;
        boolean joined = Boolean.TRUE.equals(tx.execute(status -> {
            Optional<Participant> already = pads.participant(link.padId(), userId);
            if (already.isPresent())
                return false;
            int count = admit(link.padId(), link.role());
            pads.addParticipant(link.padId(), userId, link.role(), shownName, Starters.colour(count), asGuest);
            return true;
        }));
        if (joined)
            padService.changed(link.padId());
        return padService.view(joiner, link.padId());
    }

    /**
     * Locks the pad and checks a newcomer may join it with {@code role}: it is live, not
     * full, and has no candidate yet if they would be one. Returns how many are in it.
     */
    private int admit(long padId, PadRole role) {
        Pad pad = pads.lock(padId).orElseThrow();
        if (pad.ended())
            throw ended(padId);
        List<Participant> in = pads.participants(padId);
        if (in.size() >= pad.maxParticipants()) {
            throw conflict("pad-full", "Pad full",
                    "Pad " + padId + " has " + in.size() + " participants, the most it takes.");
        }
        if (role == PadRole.CANDIDATE && in.stream().anyMatch(p -> p.role() == PadRole.CANDIDATE)) {
            throw conflict("pad-has-candidate", "Candidate already in",
                    "Pad " + padId + " has its candidate; a pad interviews one candidate at a time.");
        }
        return in.size();
    }

    /**
     * A guest's name: 1 to 40 characters once trimmed, with no control or format
     * characters.
     */
    static String guestName(String raw) {
        String name = raw.strip();
        if (name.isEmpty())
            throw new InvalidFieldException("guestName", "is required (the name others see)");
        if (name.codePointCount(0, name.length()) > MAX_GUEST_NAME) {
            throw new InvalidFieldException("guestName", "must be at most " + MAX_GUEST_NAME + " characters",
                    (long) MAX_GUEST_NAME);
        }
        boolean bad = name.codePoints().anyMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED ->
                true;
            default -> false;
        });
        if (bad)
            throw new InvalidFieldException("guestName", "must not contain control, format or unassigned characters");
        if (name.toLowerCase(Locale.ROOT).endsWith("(guest)"))
            throw new InvalidFieldException("guestName", "is your name alone: '(guest)' is added to it");
        return name;
    }

}
