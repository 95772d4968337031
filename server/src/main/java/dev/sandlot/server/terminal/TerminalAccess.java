package dev.sandlot.server.terminal;

import dev.sandlot.server.account.Caller;
import java.util.Optional;

/**
 * Another feature's say over who may use a project's terminal (a pad: its candidate
 * types, its interviewers watch unless the pad lets them type). Asked before the
 * project's own rule; the first access with an opinion decides.
 */
public interface TerminalAccess {

    /**
     * Empty: no opinion (the project's owner and admins control, others are refused).
     * True: the signed-in {@code caller} may type into the project's terminal (and start
     * it). False: they may only watch it (mode=view).
     */
    Optional<Boolean> mayControl(Caller caller, long projectId);

}
