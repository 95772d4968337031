package dev.sandlot.server.account;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.web.BodyExample;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
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
    AccountService.AdminPage users(@Parameter(example = "ada") @RequestParam(required = false) String q,
            @Parameter(example = "50") @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return accounts.adminList(q, limit, cursor);
    }

    @Operation(summary = "One account as admins see it (admin)")
    @Refuses(ProblemType.USER_NOT_FOUND)
    @GetMapping("/api/v1/admin/users/{id}")
    AccountService.AdminAccount user(@Parameter(example = "2") @PathVariable long id) {
        return accounts.adminAccount(id).orElseThrow(() -> noSuchUser(id));
    }

    record AccountChange(String role, Boolean disabled) {
    }

    @Operation(summary = "Change an account's role (learner, reviewer or admin) and whether it is disabled; 409"
            + " last-admin when that would leave no enabled admin (admin)")
    @BodyExample(summary = "Make a reviewer", value = """
            {"role": "reviewer"}""")
    @Refuses({ ProblemType.USER_NOT_FOUND, ProblemType.LAST_ADMIN })
    @PatchMapping("/api/v1/admin/users/{id}")
    ResponseEntity<AccountService.AdminAccount> update(@Parameter(example = "2") @PathVariable long id,
            @RequestBody AccountChange body) {
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
        return ResponseEntity.ok(accounts.adminUpdate(id, role, body.disabled()).orElseThrow(() -> noSuchUser(id)));
    }

    @Operation(summary = "Forget every failed sign-in counted against an account, from every address (admin)")
    @ApiResponse(responseCode = "204", description = "Unlocked")
    @Refuses(ProblemType.USER_NOT_FOUND)
    @PostMapping("/api/v1/admin/users/{id}/unlock")
    ResponseEntity<Void> unlock(@Parameter(example = "2") @PathVariable long id) {
        if (!accounts.unlock(id))
            throw noSuchUser(id);
        return ResponseEntity.noContent().build();
    }

    private static ErrorResponseException noSuchUser(long id) {
        return AccountProblems.notFound(ProblemType.USER_NOT_FOUND, "No account " + id + ".");
    }

}
