package dev.arca.privacy;

/** How a stored column is treated by export, erasure and the published data map. */
public enum Classification {
    /** Says nothing about a person. */
    NOT_PERSONAL,
    /** Personal data: exported to its subject and erased with them. */
    PERSONAL,
    /** Personal but a credential (a password or token hash): erased, never exported. */
    SECRET
}
