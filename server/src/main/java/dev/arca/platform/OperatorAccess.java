package dev.arca.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The one place that decides which operator role each operator page and API needs (I.5): the
 * security filter chains ask it for every path under {@code /admin} and {@code /api/v1/admin}. A
 * path not listed needs {@link StaffRole#ADMIN}, so a new operator route is closed until it is
 * given to a role here.
 */
public final class OperatorAccess {

    /** A path prefix (up to a '/' or the end) and the role it needs; the first match decides. */
    private record Rule(String prefix, StaffRole role) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/")
                    || prefix.contains("*") && path.matches(prefix.replace("*", "[^/]+") + "(/.*)?");
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("/admin/storage", StaffRole.OPERATOR),
            new Rule("/api/v1/admin/storage", StaffRole.OPERATOR),
            new Rule("/admin/mail", StaffRole.OPERATOR),
            new Rule("/api/v1/admin/mail", StaffRole.OPERATOR),
            new Rule("/admin/analytics", StaffRole.OPERATOR),
            new Rule("/admin/newsletter", StaffRole.OPERATOR),
            new Rule("/api/v1/admin/newsletters", StaffRole.OPERATOR),
            new Rule("/api/v1/admin/accounts/*/quota", StaffRole.OPERATOR),
            new Rule("/api/v1/admin/accounts/*/newsletter", StaffRole.SUPPORT),
            new Rule("/admin/users", StaffRole.SUPPORT),
            new Rule("/admin/corrections", StaffRole.SUPPORT),
            new Rule("/api/v1/admin/corrections", StaffRole.SUPPORT),
            new Rule("/admin/processors", StaffRole.PRIVACY_OFFICER),
            new Rule("/api/v1/admin/processors", StaffRole.PRIVACY_OFFICER),
            new Rule("/api/v1/admin/privacy", StaffRole.PRIVACY_OFFICER),
            new Rule("/admin/disclosures", StaffRole.PRIVACY_OFFICER),
            new Rule("/api/v1/admin/disclosures", StaffRole.PRIVACY_OFFICER),
            new Rule("/admin/records", StaffRole.PRIVACY_OFFICER),
            new Rule("/api/v1/admin/records-of-processing", StaffRole.PRIVACY_OFFICER),
            new Rule("/admin/access-log", StaffRole.PRIVACY_OFFICER),
            new Rule("/api/v1/admin/access-log", StaffRole.PRIVACY_OFFICER),
            new Rule("/admin/roles", StaffRole.ADMIN),
            new Rule("/api/v1/admin/accounts/*/roles", StaffRole.ADMIN));

    private OperatorAccess() {}

    /**
     * The role a path needs; empty for the operator start page, which any role may open (it
     * shows each holder the pages of their roles).
     */
    public static Optional<StaffRole> required(String path) {
        if (path.equals("/admin")) {
            return Optional.empty();
        }
        return Optional.of(RULES.stream().filter(r -> r.matches(path)).map(Rule::role).findFirst()
                .orElse(StaffRole.ADMIN));
    }

    /** Whether the principal may open the path. */
    public static boolean allows(ArcaPrincipal principal, String path) {
        return principal.staff() && required(path).map(principal::has).orElse(true);
    }

    /** For the filter chains: decides a request under an operator path. */
    static AuthorizationResult decide(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Authentication auth = authentication.get();
        boolean allowed = auth != null && auth.getPrincipal() instanceof ArcaPrincipal p && allows(p, path);
        return new AuthorizationDecision(allowed);
    }
}
