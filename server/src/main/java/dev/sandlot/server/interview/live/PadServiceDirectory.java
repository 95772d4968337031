package dev.sandlot.server.interview.live;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.interview.Pad;
import dev.sandlot.server.interview.PadService;
import dev.sandlot.server.interview.PadViews.PadView;
import dev.sandlot.server.interview.Participant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The pad directory as the pad service keeps it. The service is looked up when first
 * used: it needs the hub (to flush documents) as the hub needs it.
 */
@Component
class PadServiceDirectory implements PadDirectory {

    private final ObjectProvider<PadService> pads;

    PadServiceDirectory(ObjectProvider<PadService> pads) {
        this.pads = pads;
    }

    @Override
    public Optional<Participant> participant(Caller caller, long padId) {
        return pads.getObject().participant(caller, padId);
    }

    @Override
    public Optional<Pad> pad(long padId) {
        return pads.getObject().pad(padId);
    }

    @Override
    public Optional<Pad> padOfProject(long projectId) {
        return pads.getObject().padOfProject(projectId);
    }

    @Override
    public List<Participant> participants(long padId) {
        return pads.getObject().participants(padId);
    }

    @Override
    public Caller ownerCaller(Pad pad) {
        return pads.getObject().ownerCaller(pad);
    }

    @Override
    public PadView view(Participant me) {
        return pads.getObject().view(me);
    }

    @Override
    public Participant requireInterviewer(Caller caller, long padId) {
        return pads.getObject().requireInterviewer(caller, padId);
    }

}
