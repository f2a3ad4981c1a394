package dev.arca.platform;

import java.util.Optional;

/** Resolves a bearer token to its principal. Implemented by the accounts capability. */
public interface TokenAuthenticator {

    /** Returns the principal of a valid, unrevoked token; empty for any other string. */
    Optional<ArcaPrincipal> authenticate(String bearerToken);
}
