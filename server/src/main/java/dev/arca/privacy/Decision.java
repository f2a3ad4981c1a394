package dev.arca.privacy;

/** A subject's decision on a consent-based purpose. */
public enum Decision {
    GRANT, DENY, WITHDRAW;

    public boolean grants() {
        return this == GRANT;
    }
}
