package dev.sandlot.server.account;

import dev.sandlot.engine.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins list and search accounts, change roles (which reach open sessions at their next
 * request), disable and enable accounts, and unlock sign-in. The server never lets the
 * last enabled admin be demoted or disabled.
 */
@RestController
@Tag(name = "Accounts")
class AdminController {

    private final AccountService accounts;

    AdminController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "Accounts, newest first, whose name contains q (any case); limit (1 to 200, default 50)"
            + " at a time, pass nextCursor as cursor for the next page (admin)")
    @GetMapping("/api/v1/admin/users")
    AccountService.AdminPage users(@RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return accounts.adminList(q, limit, cursor);
    }

    @Operation(summary = "One account as admins see it (admin)")
    @GetMapping("/api/v1/admin/users/{id}")
    ResponseEntity<AccountService.AdminAccount> user(@PathVariable long id) {
        return ResponseEntity.of(accounts.adminAccount(id));
    }

    record AccountChange(String role, Boolean disabled) {
    }

    @Operation(summary = "Change an account's role (learner, reviewer or admin) and whether it is disabled; 409"
            + " last-admin when that would leave no enabled admin (admin)")
    @PatchMapping("/api/v1/admin/users/{id}")
    ResponseEntity<AccountService.AdminAccount> update(@PathVariable long id, @RequestBody AccountChange body) {
        if (body.role() == null && body.disabled() == null)
            throw new InvalidFieldException("role", "send role (learner, reviewer or admin), disabled, or both");
        Role role = null;
        if (body.role() != null) {
            try {
                role = Role.parse(body.role());
            }
            catch (IllegalArgumentException e) {
                throw new InvalidFieldException("role", "must be learner, reviewer or admin");
            }
        }
        return ResponseEntity.of(accounts.adminUpdate(id, role, body.disabled()));
    }

    @Operation(summary = "Forget every failed sign-in counted against an account, from every address (admin)")
    @PostMapping("/api/v1/admin/users/{id}/unlock")
    ResponseEntity<Void> unlock(@PathVariable long id) {
        return accounts.unlock(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

}
