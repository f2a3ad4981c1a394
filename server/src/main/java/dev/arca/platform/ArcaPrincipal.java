package dev.arca.platform;

import java.io.Serializable;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is signed in: the account's opaque id and role, and which credential was used, nothing
 * personal. Kept in the session, so it holds no name or address that could go stale or leak.
 *
 * @param tokenId the bearer token's id, or null for a web session
 * @param signedInAt when a web session signed in (epoch milliseconds); 0 for a bearer token
 */
public record ArcaPrincipal(String accountId, boolean admin, String tokenId, long signedInAt) implements Serializable {

    public static ArcaPrincipal ofToken(String accountId, boolean admin, String tokenId) {
        return new ArcaPrincipal(accountId, admin, tokenId, 0);
    }

    public static ArcaPrincipal ofSession(String accountId, boolean admin, long signedInAt) {
        return new ArcaPrincipal(accountId, admin, null, signedInAt);
    }

    public boolean session() {
        return tokenId == null;
    }

    /** Signed in as this principal, with its authorities. */
    public Authentication authentication() {
        return UsernamePasswordAuthenticationToken.authenticated(this, null, authorities());
    }

    public List<GrantedAuthority> authorities() {
        return admin
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
    }

    @Override
    public String toString() {
        return "ArcaPrincipal[" + accountId + "]";
    }
}
