package dev.arca.platform;

import java.util.Optional;

/**
 * Decides on every request whether a web session still holds. Implemented by the accounts
 * capability from the database, so a session ended on one node is ended on all of them.
 */
public interface SessionCheck {

    /**
     * The principal to go on with for a session's principal: the same one, one with the
     * account's current role, or empty when the account is gone or its sessions were ended
     * after this one signed in.
     */
    Optional<ArcaPrincipal> recheck(ArcaPrincipal fromSession);
}
