package dev.arca.privacy;

import java.util.Optional;

/**
 * Which accounts exist and which has an e-mail address: lets records about a message name the
 * account it reached (by pseudonym) so that the person sees them, and lets the disclosure register
 * name the accounts a request concerns. Implemented by the accounts capability.
 */
public interface SubjectDirectory {

    Optional<String> accountWithAddress(String address);

    boolean exists(String accountId);
}
