package dev.sandlot.server.account;

import dev.sandlot.engine.InvalidFieldException;
import dev.sandlot.server.web.BodyExample;
import dev.sandlot.server.web.ProblemType;
import dev.sandlot.server.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins list accounts, change roles (which reach open sessions at their next request)
 * and unlock sign-in.
 */
@RestController
@Tag(name = "Accounts")
class AdminController {

    private final AccountService accounts;

    AdminController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "All accounts (admin)")
    @GetMapping("/api/v1/admin/users")
    List<AuthController.Me> users() {
        return accounts.list().stream().map(AuthController.Me::of).toList();
    }

    record RoleChange(String role) {
    }

    @Operation(summary = "Change an account's role: learner, reviewer or admin (admin)")
    @BodyExample(summary = "Make a reviewer", value = """
            {"role": "reviewer"}""")
    @Refuses(ProblemType.USER_NOT_FOUND)
    @PatchMapping("/api/v1/admin/users/{id}")
    ResponseEntity<AuthController.Me> setRole(@Parameter(example = "2") @PathVariable long id,
            @RequestBody RoleChange body) {
        Role role;
        try {
            role = Role.parse(body.role() == null ? "" : body.role());
        }
        catch (IllegalArgumentException e) {
            throw new InvalidFieldException("role", "must be learner, reviewer or admin");
        }
        if (!accounts.setRole(id, role))
            throw noSuchUser(id);
        return ResponseEntity.ok(AuthController.Me.of(accounts.find(id).orElseThrow()));
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
