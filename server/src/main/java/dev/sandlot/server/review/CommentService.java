package dev.sandlot.server.review;

import static dev.sandlot.server.review.ReviewProblems.MAX_TEXT;
import static dev.sandlot.server.review.ReviewProblems.notFound;
import static dev.sandlot.server.review.ReviewProblems.text;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.review.ReviewAccess.SubmissionContext;
import dev.sandlot.server.review.ReviewRecords.Comment;
import dev.sandlot.server.review.ReviewRecords.TaskFile;
import dev.sandlot.server.review.ReviewViews.CommentView;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Comment threads on a submission: general, on a line of a file, and replies; resolving
 * them.
 */
@Service
public class CommentService {

    private final SubmissionRepository submissionRepo;

    private final CommentRepository commentRepo;

    private final NotificationRepository notificationRepo;

    private final ReviewAccess access;

    private final AccountService accounts;

    CommentService(SubmissionRepository submissionRepo, CommentRepository commentRepo,
            NotificationRepository notificationRepo, ReviewAccess access, AccountService accounts) {
        this.submissionRepo = submissionRepo;
        this.commentRepo = commentRepo;
        this.notificationRepo = notificationRepo;
        this.access = access;
        this.accounts = accounts;
    }

    public List<CommentView> comments(Caller caller, long submissionId) {
        access.visibleSubmission(caller, submissionId);
        List<Comment> found = commentRepo.comments(submissionId);
        Map<Long, String> authors = accounts.usernames(found.stream().map(Comment::authorId).toList());
        return found.stream()
            .filter(c -> authors.containsKey(c.authorId()))
            .map(c -> commentView(c, authors.get(c.authorId())))
            .toList();
    }

    /**
     * A general comment (no path), a line comment (path and line of a file of the
     * submission), or a reply (parentId).
     */
    public CommentView comment(Caller caller, long submissionId, String body, String path, Integer line,
            Long parentId) {
        SubmissionContext c = access.visibleSubmission(caller, submissionId);
        String text = text("body", body, MAX_TEXT, true).strip();
        if (parentId != null) {
            Comment parent = commentRepo.comment(parentId)
                .filter(p -> p.submissionId() == submissionId)
                .orElseThrow(() -> new InvalidFieldException("parentId", "is not a comment on this submission"));
            path = parent.path();
            line = parent.line();
            parentId = parent.parentId() != null ? parent.parentId() : parent.id();
        }
        else if (path != null && !path.isEmpty()) {
            String p = path;
            TaskFile file = submissionRepo.submissionFiles(submissionId)
                .stream()
                .filter(f -> f.path().equals(p))
                .findFirst()
                .orElseThrow(() -> new InvalidFieldException("path", "is not a file of submission " + submissionId));
            int lines = Math.max(1, LineDiff.lines(file.content()).size());
            if (line == null)
                throw new InvalidFieldException("line", "is required with path");
            if (line < 1 || line > lines)
                throw new InvalidFieldException("line", "must be between 1 and " + lines);
        }
        else {
            if (line != null)
                throw new InvalidFieldException("path", "is required with line");
            path = null;
        }
        long id = commentRepo.addComment(submissionId, parentId, caller.userId(), path, line, text);
        String where = path == null ? "" : " (" + path + ":" + line + ")";
        if (caller.userId() != c.attempt().learnerId()) {
            notificationRepo.notify(
                    c.attempt().learnerId(), "comment", caller.username() + " commented on your submission #"
                            + c.submission().seq() + " of \u201c" + c.task().title() + "\u201d" + where + ".",
                    "/?attempt=" + c.attempt().id());
        }
        else {
            for (long reviewer : access.reviewersOf(c.task())) {
                notificationRepo.notify(
                        reviewer, "comment", caller.username() + " replied on submission #" + c.submission().seq()
                                + " of \u201c" + c.task().title() + "\u201d" + where + ".",
                        "/review.html#submission=" + submissionId);
            }
        }
        return commentView(commentRepo.comment(id).orElseThrow(), accounts.username(caller.userId()).orElse(null));
    }

    public CommentView resolve(Caller caller, long submissionId, long commentId, boolean resolved) {
        access.visibleSubmission(caller, submissionId);
        Comment c = commentRepo.comment(commentId)
            .filter(x -> x.submissionId() == submissionId)
            .orElseThrow(() -> notFound("comment", "No comment " + commentId + " on submission " + submissionId + "."));
        commentRepo.resolve(c.id(), resolved);
        return commentView(commentRepo.comment(commentId).orElseThrow(), accounts.username(c.authorId()).orElse(null));
    }

    private static CommentView commentView(Comment c, String authorName) {
        return new CommentView(c.id(), c.submissionId(), c.parentId(), c.authorId(), authorName, c.path(), c.line(),
                c.body(), c.resolved(), c.createdAt());
    }

}
