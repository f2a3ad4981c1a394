package dev.arca.platform;

import java.io.Serializable;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is signed in: the account's opaque id and role, nothing personal. Kept in the session,
 * so it holds no name or address that could go stale or leak.
 */
public record ArcaPrincipal(String accountId, boolean admin) implements Serializable {

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
