package dev.arca.platform;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is signed in: the account's opaque id and operator roles, and which credential was used,
 * nothing personal. Kept in the session, so it holds no name or address that could go stale or
 * leak; the roles are checked against the database on every request ({@link SessionCheck}).
 *
 * @param roles the operator roles held; empty for a plain user
 * @param tokenId the bearer token's id, or null for a web session
 * @param signedInAt when a web session signed in (epoch milliseconds); 0 for a bearer token
 */
public record ArcaPrincipal(String accountId, Set<StaffRole> roles, String tokenId, long signedInAt)
        implements Serializable {

    public ArcaPrincipal {
        roles = Set.copyOf(roles);
    }

    public static ArcaPrincipal ofToken(String accountId, Set<StaffRole> roles, String tokenId) {
        return new ArcaPrincipal(accountId, roles, tokenId, 0);
    }

    public static ArcaPrincipal ofSession(String accountId, Set<StaffRole> roles, long signedInAt) {
        return new ArcaPrincipal(accountId, roles, null, signedInAt);
    }

    public boolean session() {
        return tokenId == null;
    }

    /** Holds at least one operator role. */
    public boolean staff() {
        return !roles.isEmpty();
    }

    public boolean has(StaffRole role) {
        return roles.contains(role);
    }

    /** The same credential with other roles. */
    public ArcaPrincipal withRoles(Set<StaffRole> now) {
        return new ArcaPrincipal(accountId, now, tokenId, signedInAt);
    }

    /** Signed in as this principal, with its authorities. */
    public Authentication authentication() {
        return UsernamePasswordAuthenticationToken.authenticated(this, null, authorities());
    }

    public List<GrantedAuthority> authorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        roles.forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r.name())));
        return authorities;
    }

    @Override
    public String toString() {
        return "ArcaPrincipal[" + accountId + "]";
    }
}
