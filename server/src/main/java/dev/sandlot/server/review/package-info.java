/**
 * Review: tasks, learners' attempts (each a project), submissions with their test
 * results, comments, decisions and notifications. Its own tables only: account names come
 * from {@code AccountService}, an attempt's runs from {@code HistoryService}, files from
 * {@code ProjectService}; it runs cases with {@code RunService} and guards attempt
 * projects as a {@code ProjectWriteGuard}. {@link dev.sandlot.server.review.ReviewAccess}
 * tells the terminal who may watch.
 */
@ApplicationModule(displayName = "Review", allowedDependencies = { "account", "execute", "history", "project", "web" })
package dev.sandlot.server.review;

import org.springframework.modulith.ApplicationModule;
