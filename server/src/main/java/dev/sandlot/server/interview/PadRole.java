package dev.sandlot.server.interview;

/** What a participant is in a pad. The pad's creator is an interviewer too. */
public enum PadRole {

    INTERVIEWER, CANDIDATE;

    public boolean interviewer() {
        return this == INTERVIEWER;
    }

}
