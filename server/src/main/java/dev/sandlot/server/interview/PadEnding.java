package dev.sandlot.server.interview;

import static dev.sandlot.server.interview.PadProblems.conflict;
import static dev.sandlot.server.interview.PadProblems.ended;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.interview.PadViews.Ended;
import dev.sandlot.server.project.Project;
import dev.sandlot.server.project.ProjectFile;
import dev.sandlot.server.project.ProjectService;
import dev.sandlot.server.review.ReviewService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ending an interview: the shared text is written to the project, the pad becomes
 * read-only, and its project's files enter review as the candidate's submission. Ending
 * again after the submission failed (the pad ended without one) makes it.
 */
@Service
class PadEnding {

    private final PadRepository pads;

    private final PadService padService;

    private final ProjectService projects;

    private final ReviewService reviews;

    private final ObjectProvider<PadDocuments> documents;

    private final TransactionTemplate tx;

    /** One ending at a time per pad, so a pad never makes two submissions. */
    private final Map<Long, Object> endings = new ConcurrentHashMap<>();

    PadEnding(PadRepository pads, PadService padService, ProjectService projects, ReviewService reviews,
            ObjectProvider<PadDocuments> documents, TransactionTemplate tx) {
        this.pads = pads;
        this.padService = padService;
        this.projects = projects;
        this.reviews = reviews;
        this.documents = documents;
        this.tx = tx;
    }

    Ended end(Caller caller, long padId) {
        Participant me = padService.requireInterviewer(caller, padId);
        Object lock = endings.computeIfAbsent(padId, id -> new Object());
        synchronized (lock) {
            try {
                return endLocked(me, padId);
            }
            finally {
                endings.remove(padId, lock);
            }
        }
    }

    private Ended endLocked(Participant me, long padId) {
        Pad pad = padService.pad(padId).orElseThrow();
        if (pad.submissionId() != null)
            throw ended(padId);
        List<Participant> in = pads.participants(padId);
        Participant candidate = in.stream()
            .filter(p -> p.role() == PadRole.CANDIDATE)
            .findFirst()
            .orElseThrow(() -> conflict("no-candidate", "No candidate",
                    "Pad " + padId + " has no candidate yet: send the candidate's link first."));
        if (!pad.ended()) {
            // The shared text, as it is now, becomes the project's files; then nothing
            // more is written.
            documents.ifAvailable(d -> d.freeze(padId));
            tx.executeWithoutResult(status -> {
                if (pads.lock(padId).orElseThrow().ended())
                    return;
                pads.end(padId, PadRecords.now());
            });
            padService.changed(padId);
        }
        Caller owner = padService.ownerCaller(pad);
        List<ProjectFile> files = projects.filesForReview(pad.projectId());
        Project project = projects.get(owner, pad.projectId());
        List<ProjectService.NewFile> snapshot = files.stream()
            .map(f -> new ProjectService.NewFile(f.path(), f.content()))
            .toList();
        List<Long> coReviewers = in.stream()
            .filter(p -> p.role().interviewer() && p.userId() != pad.ownerId())
            .map(Participant::userId)
            .toList();
        long submissionId = reviews.submitInterview(owner,
                new ReviewService.InterviewSubmission(pad.taskId(), pad.title(), pad.language(),
                        projects.entryOf(project, files), candidate.userId(), pad.projectId(),
                        padService.starterFiles(pad), snapshot, pads.rubric(padId), coReviewers));
        pads.setSubmission(padId, submissionId);
        padService.changed(padId);
        return new Ended(padService.view(me), submissionId);
    }

}
