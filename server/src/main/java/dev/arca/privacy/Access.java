package dev.arca.privacy;

/**
 * What an operator did with a person's data, as the access log records it (I.5). Requests of
 * authorities are not here: the disclosure register records them, and the person may learn of one
 * only when no gag forbids it.
 */
public enum Access {
    /** Saw the person's name and address in the list of accounts. */
    LISTED_ACCOUNT,
    /** Read the person's correction request. */
    READ_CORRECTION,
    /** Answered the person's correction request. */
    RESOLVED_CORRECTION,
    /** Changed the person's storage quota. */
    CHANGED_QUOTA,
    /** Took the person off the newsletter on their request. */
    UNSUBSCRIBED_NEWSLETTER,
    /** Gave the person operator roles or took them away. */
    CHANGED_ROLES;

    /** Whether this only reads data, so that a reason must be given. */
    public boolean reads() {
        return this == LISTED_ACCOUNT || this == READ_CORRECTION;
    }
}
