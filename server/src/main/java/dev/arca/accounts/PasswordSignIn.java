package dev.arca.accounts;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Form sign-in for the web pages, under the same limits as token sign-in. */
@Component
class PasswordSignIn implements AuthenticationProvider {

    private final AccountService accounts;
    private final SignIns signIns;

    PasswordSignIn(AccountService accounts, SignIns signIns) {
        this.accounts = accounts;
        this.signIns = signIns;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String ip = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        Object credentials = authentication.getCredentials();
        return accounts.signIn(authentication.getName(), credentials == null ? null : credentials.toString(), ip)
                .map(a -> signIns.startSession(a).authentication())
                .orElseThrow(() -> new BadCredentialsException("Wrong e-mail or password"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
