package dev.sandlot.server.interview;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.project.ProjectSharing;
import dev.sandlot.server.project.ProjectWriteGuard;
import dev.sandlot.server.terminal.TerminalAccess;
import dev.sandlot.server.terminal.TerminalSessions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What being in a pad grants outside it: its project to every participant (files and
 * runs, not renaming or deleting it); its terminal to the candidate, and to interviewers
 * when the pad lets them type (otherwise they watch); once the pad ended, only watching
 * and reading. Its project's files are read-only after the end, and the project cannot be
 * deleted while it is a pad's. When the pad changes, the terminal is asked to apply the
 * rules again to the connections already open.
 */
@Component
@Order(0)
class PadAccess implements ProjectSharing, TerminalAccess, ProjectWriteGuard {

    private static final Logger log = LoggerFactory.getLogger(PadAccess.class);

    private final PadRepository pads;

    private final ObjectProvider<TerminalSessions> terminals;

    PadAccess(PadRepository pads, ObjectProvider<TerminalSessions> terminals) {
        this.pads = pads;
        this.terminals = terminals;
    }

    /**
     * After a change committed (at once when published outside a transaction, as
     * {@link PadService} does): an interviewer typing when the pad stops letting them, or
     * anyone typing when it ends, only watches from then on. Runs before the request that
     * changed the pad answers.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void padChanged(PadChanged change) {
        pads.find(change.padId()).ifPresent(pad -> {
            try {
                terminals.ifAvailable(t -> t.reassess(pad.projectId(), pad.ended() ? "pad-ended" : "pad-settings"));
            }
            catch (RuntimeException e) {
                log.warn("pad {}: cannot apply its terminal rules to open connections: {}", pad.id(), e.toString());
            }
        });
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
