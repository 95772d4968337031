package dev.sandlot.server.project;

import dev.sandlot.server.account.Caller;

/**
 * Another feature's grant of a project to callers besides its owner (a pad's
 * participants). A caller some grant admits may read the project's files, write them and
 * run it, as its owner may; renaming, changing and deleting the project stay its owner's
 * (and admins'). Write guards still apply to everyone.
 */
public interface ProjectSharing {

    /** Whether the signed-in {@code caller} may use the project, though not its owner. */
    boolean mayUse(Caller caller, long projectId);

}
