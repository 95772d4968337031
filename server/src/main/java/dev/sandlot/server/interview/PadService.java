package dev.sandlot.server.interview;

import dev.sandlot.server.account.Caller;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Pads, links, participants, notes, timer, ending and scorecards. SKELETON: the
 * signatures the live hub relies on; the pad helper fills it in.
 */
@Service
public class PadService {

    /**
     * The caller's participation in the pad, if they are in it (empty for everyone else).
     */
    public Optional<Participant> participant(Caller caller, long padId) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    /** The pad, with no access check (for the hub, after {@link #participant}). */
    public Optional<Pad> pad(long padId) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    /** The pad whose project this is, if any. */
    public Optional<Pad> padOfProject(long projectId) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    /** Everyone who has joined the pad. */
    public List<Participant> participants(long padId) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

    /**
     * The pad owner as a caller, for writing the shared text into the pad's project (its
     * owner's quota) and for runs the hub starts on no one's behalf.
     */
    public Caller ownerCaller(Pad pad) {
        return dev.sandlot.server.interview.Skeleton.todo();
    }

}
