package dev.arca.privacy;

/** Why Arca may process data for a purpose. Only {@link #CONSENT} purposes pass the gate on consent. */
public enum LegalBasis {
    /** Needed to provide what the user signed up for. */
    CONTRACT,
    /** Only with a recorded, current, affirmative consent of the subject. */
    CONSENT,
    /** Required by law (records of disclosures, tax). */
    LEGAL_OBLIGATION,
    /** Operating the service safely (diagnostics, abuse prevention), with truncated data only. */
    LEGITIMATE_INTEREST
}
