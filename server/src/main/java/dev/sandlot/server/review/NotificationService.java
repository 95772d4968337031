package dev.sandlot.server.review;

import static dev.sandlot.server.review.ReviewProblems.notFound;
import static dev.sandlot.server.review.ReviewProblems.signedIn;

import dev.sandlot.server.account.Caller;
import dev.sandlot.server.review.ReviewViews.NotificationView;
import dev.sandlot.server.review.ReviewViews.Notifications;
import org.springframework.stereotype.Service;

/**
 * The caller's notifications: submissions, comments, decisions and assignments that
 * concern them.
 */
@Service
public class NotificationService {

    private final NotificationRepository notificationRepo;

    NotificationService(NotificationRepository notificationRepo) {
        this.notificationRepo = notificationRepo;
    }

    public Notifications notifications(Caller caller, boolean unreadOnly) {
        signedIn(caller);
        return new Notifications(notificationRepo.unread(caller.userId()), notificationRepo
            .notifications(caller.userId(), unreadOnly, 100)
            .stream()
            .map(n -> new NotificationView(n.id(), n.kind(), n.message(), n.link(), n.createdAt(), n.readAt() != null))
            .toList());
    }

    public void markRead(Caller caller, long id) {
        signedIn(caller);
        if (!notificationRepo.markRead(caller.userId(), id))
            throw notFound("notification", "No notification " + id + ".");
    }

    public void markAllRead(Caller caller) {
        signedIn(caller);
        notificationRepo.markAllRead(caller.userId());
    }

}
