package dev.sandlot.server.interview.live;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.interview.Pad;
import dev.sandlot.server.interview.PadViews.PadView;
import dev.sandlot.server.interview.Participant;
import java.util.List;
import java.util.Optional;

/**
 * What the hub needs to know of pads and who is in them (the pad service answers; tests
 * may answer with less).
 */
interface PadDirectory {

    Optional<Participant> participant(Caller caller, long padId);

    Optional<Pad> pad(long padId);

    Optional<Pad> padOfProject(long projectId);

    List<Participant> participants(long padId);

    Caller ownerCaller(Pad pad);

    /**
     * The pad as this participant may see it (links and rubric for interviewers only).
     */
    PadView view(Participant me);

    /**
     * The caller's participation if they are an interviewer of the pad; else 404 (not in
     * it) or 403 interviewers-only.
     */
    Participant requireInterviewer(Caller caller, long padId);

}
