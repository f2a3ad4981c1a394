package dev.arca.platform;

import dev.arca.protocol.api.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two filter chains. The API ({@code /api/**}) authenticates with bearer tokens, and also
 * with the web app's session so that its pages can call the API; the API never starts a
 * session. A request that rides on a session cookie without a bearer token must carry the
 * session's CSRF token in {@code X-CSRF-TOKEN} to change anything. The web pages use the
 * session cookie and CSRF tokens on every form. Both answer with the same security headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** Everything from this origin only; no inline script; no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; script-src 'self'; style-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, TokenAuthenticator tokens, SessionCheck sessions) throws Exception {
        http.securityMatcher("/api/**")
                .addFilterAfter(new SessionRecheckFilter(sessions), SecurityContextHolderFilter.class)
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfig::changesWithSessionCookie))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/accounts", "/api/v1/tokens",
                                "/api/v1/email-verifications", "/api/v1/password-resets",
                                "/api/v1/password-resets/confirm", "/api/v1/email-changes/confirm").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/policy", "/api/v1/policy/**", "/api/v1/transparency",
                                "/api/v1/public/shares/**").permitAll()
                        .requestMatchers("/api/v1/admin/**").access(OperatorAccess::decide)
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(response,
                                HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED,
                                "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response,
                                HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "This needs another role.")));
        headers(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, AuthenticationProvider signIn, SessionCheck sessions) throws Exception {
        http.authenticationProvider(signIn)
                .addFilterAfter(new SessionRecheckFilter(sessions), SecurityContextHolderFilter.class)
                // Share links and the links in newsletter mail are used without a session: unlocking a
                // share, confirming and one-click unsubscribing (RFC 8058) need no form token. The analytics
                // beacon changes nothing anyone owns, and is dropped unless the visitor opted in.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/s/**", "/newsletter/confirm", "/newsletter/unsubscribe",
                        "/mail/stop", "/analytics/view"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/signup", "/login", "/verify", "/password-reset", "/password-reset/**",
                                "/email-change/**", "/privacy", "/privacy/**", "/transparency", "/cookies", "/css/**", "/js/**", "/icons/**", "/manifest.webmanifest",
                                "/webjars/**",
                                "/favicon.ico", "/error", "/actuator/health", "/v3/api-docs", "/v3/api-docs/**",
                                "/s/**", "/newsletter/confirm", "/newsletter/unsubscribe", "/mail/stop", "/analytics/view")
                        .permitAll()
                        .requestMatchers("/admin", "/admin/**").access(OperatorAccess::decide)
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/library", false)
                        .failureHandler((request, response, ex) -> response.sendRedirect(
                                request.getContextPath() + (ex instanceof SignInThrottledException
                                        ? "/login?throttled" : "/login?error"))))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"));
        headers(http);
        return http.build();
    }

    /**
     * Only a browser's cookie can be abused across sites; bearer tokens and anonymous calls cannot.
     * A request with an {@code Authorization} header is authenticated by that header alone
     * ({@link BearerTokenFilter}), never by the session, so it needs no CSRF token.
     */
    private static boolean changesWithSessionCookie(HttpServletRequest request) {
        String method = request.getMethod();
        boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        return !safe && request.getHeader("Authorization") == null && request.getSession(false) != null;
    }

    private static void headers(HttpSecurity http) throws Exception {
        http.headers(h -> h
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    }

    /** Authenticates {@code Authorization: Bearer ...}; an invalid token is an anonymous request. */
    static final class BearerTokenFilter extends OncePerRequestFilter {

        private final TokenAuthenticator tokens;

        BearerTokenFilter(TokenAuthenticator tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null) {
                // A request that names its credentials is judged by them alone: a header that is
                // not a valid token never falls back to the session (which skipped the CSRF check).
                SecurityContextHolder.clearContext();
                Optional<ArcaPrincipal> principal = header.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? tokens.authenticate(header.substring(7).strip()) : Optional.empty();
                principal.ifPresent(p -> SecurityContextHolder.getContext().setAuthentication(p.authentication()));
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * Checks a session's principal against the account on every request: a session that was
     * ended (password changed or reset elsewhere, account erased) is invalidated and the request
     * goes on anonymous; a changed role applies at once.
     */
    static final class SessionRecheckFilter extends OncePerRequestFilter {

        private final SessionCheck sessions;

        SessionRecheckFilter(SessionCheck sessions) {
            this.sessions = sessions;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (SecurityContextHolder.getContext().getAuthentication() != null
                    && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof ArcaPrincipal p
                    && p.session()) {
                Optional<ArcaPrincipal> current = sessions.recheck(p);
                if (current.isEmpty()) {
                    SecurityContextHolder.clearContext();
                    jakarta.servlet.http.HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                } else if (!current.get().equals(p)) {
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(current.get().authentication());
                    SecurityContextHolder.setContext(context);
                }
            }
            chain.doFilter(request, response);
        }
    }
}
