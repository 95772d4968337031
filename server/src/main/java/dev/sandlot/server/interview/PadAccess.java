package dev.sandlot.server.interview;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.project.ProjectSharing;
import dev.sandlot.server.project.ProjectWriteGuard;
import dev.sandlot.server.terminal.TerminalAccess;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What being in a pad grants outside it: its project to every participant (files and
 * runs, not renaming or deleting it); its terminal to the candidate, and to interviewers
 * when the pad lets them type (otherwise they watch); once the pad ended, only watching
 * and reading. Its project's files are read-only after the end, and the project cannot be
 * deleted while it is a pad's.
 */
@Component
@Order(0)
class PadAccess implements ProjectSharing, TerminalAccess, ProjectWriteGuard {

    private final PadRepository pads;

    PadAccess(PadRepository pads) {
        this.pads = pads;
    }

    @Override
    public boolean mayUse(Caller caller, long projectId) {
        return caller.signedIn() && pads.roleInProjectPad(projectId, caller.userId()).isPresent();
    }

    @Override
    public Optional<Boolean> mayControl(Caller caller, long projectId) {
        if (!caller.signedIn())
            return Optional.empty();
        Optional<PadRole> role = pads.roleInProjectPad(projectId, caller.userId());
        if (role.isEmpty())
            return Optional.empty();
        Pad pad = pads.byProject(projectId).orElseThrow();
        if (pad.ended())
            return Optional.of(false);
        return Optional.of(role.get() == PadRole.CANDIDATE || pad.interviewerMayType());
    }

    @Override
    public void checkWritable(long projectId) {
        pads.byProject(projectId).filter(Pad::ended).ifPresent(p -> {
            throw PadProblems.ended(p.id());
        });
    }

    @Override
    public void checkDeletable(long projectId) {
        pads.byProject(projectId).ifPresent(p -> {
            throw PadProblems.conflict("pad-project", "Conflict",
                    "projectId " + projectId + " is the project of pad " + p.id() + " and cannot be deleted");
        });
    }

}
