package dev.arca.web;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.privacy.ConsentLedger;
import dev.arca.privacy.CookieChoices;
import dev.arca.privacy.PolicyVersions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the {@link Layout} into the model of every {@link PageController}. */
@ControllerAdvice(annotations = PageController.class)
class LayoutAdvice {

    private final CookieChoices cookies;
    private final PolicyVersions policies;
    private final ConsentLedger consents;
    private final MessageSource messageSource;
    private final Optional<LanguagePreference> languages;

    LayoutAdvice(CookieChoices cookies, PolicyVersions policies, ConsentLedger consents, MessageSource messageSource,
            Optional<LanguagePreference> languages) {
        this.cookies = cookies;
        this.policies = policies;
        this.consents = consents;
        this.messageSource = messageSource;
        this.languages = languages;
    }

    @ModelAttribute("layout")
    Layout layout(HttpServletRequest request, @AuthenticationPrincipal ArcaPrincipal me) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return new Layout(me != null, me != null && me.staff(),
                csrf == null ? "_csrf" : csrf.getParameterName(), csrf == null ? "" : csrf.getToken(),
                cookies.of(request).isPresent(), policies.current(),
                me == null ? null : policies.unacknowledged(me.accountId()).orElse(null),
                me == null ? java.util.List.of() : consents.toRenew(me.accountId()),
                request.getRequestURI(), new Messages(messageSource, Languages.of(request, me, languages)),
                cookies.analyticsAllowed(request, me == null ? null : me.accountId()));
    }
}
