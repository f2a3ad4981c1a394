package dev.arca.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** The web session's own record of who signed in. */
public final class WebSessions {

    private WebSessions() {}

    /**
     * Keeps the request's session signed in as {@code principal}, e.g. restamped after the
     * account ended its other sessions. Does nothing for a request without a session.
     */
    public static void keep(HttpServletRequest request, ArcaPrincipal principal) {
        HttpSession session = request.getSession(false);
        if (session == null || !principal.session()) {
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(principal.authentication());
        SecurityContextHolder.setContext(context);
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
    }
}
