package dev.arca.privacy;

import java.util.Optional;

/**
 * Which account, if any, has an e-mail address: lets records about a message name the account it
 * reached (by pseudonym) so that the person sees them. Implemented by the accounts capability.
 */
@FunctionalInterface
public interface SubjectDirectory {

    Optional<String> accountWithAddress(String address);
}
