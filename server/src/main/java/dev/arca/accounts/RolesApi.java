package dev.arca.accounts;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.StaffRole;
import dev.arca.privacy.Access;
import dev.arca.privacy.AccessLog;
import dev.arca.protocol.api.RolesRequest;
import dev.arca.protocol.api.StaffMember;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators hand out operator roles (I.5). Every change is written to the access log, for the
 * person concerned to read; a change that would leave no administrator is refused.
 */
@RestController
class RolesApi {

    private final StaffRoles roles;
    private final AccountStore accounts;
    private final AccessLog accessLog;
    private final TransactionTemplate transaction;

    RolesApi(StaffRoles roles, AccountStore accounts, AccessLog accessLog, TransactionTemplate transaction) {
        this.roles = roles;
        this.accounts = accounts;
        this.accessLog = accessLog;
        this.transaction = transaction;
    }

    @GetMapping("/api/v1/admin/roles")
    List<StaffMember> staff() {
        return roles.staff().entrySet().stream()
                .map(e -> new StaffMember(e.getKey(), e.getValue().stream().map(Enum::name).toList())).toList();
    }

    @PutMapping("/api/v1/admin/accounts/{id}/roles")
    StaffMember set(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, @RequestBody RolesRequest body) {
        if (accounts.byId(id).isEmpty()) {
            throw ApiProblem.notFound("Account");
        }
        Set<StaffRole> wanted = EnumSet.noneOf(StaffRole.class);
        for (String role : body.roles() == null ? List.<String>of() : body.roles()) {
            try {
                wanted.add(StaffRole.valueOf(role == null ? "" : role.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("roles may be " + List.of(StaffRole.values()));
            }
        }
        String reason = AccessLog.requireReason(Access.CHANGED_ROLES, body.reason());
        transaction.executeWithoutResult(status -> {
            roles.replace(id, wanted);
            if (roles.staff().values().stream().noneMatch(r -> r.contains(StaffRole.ADMIN))) {
                throw ApiProblem.conflict("This would leave no administrator to hand out roles");
            }
        });
        String recorded = (reason.isEmpty() ? "" : reason + "; ") + "roles now " + wanted;
        accessLog.record(me, StaffRole.ADMIN, Access.CHANGED_ROLES, id,
                recorded.substring(0, Math.min(recorded.length(), AccessLog.MAX_REASON)));
        return new StaffMember(id, wanted.stream().map(Enum::name).toList());
    }
}
