package dev.arca.platform;

/**
 * What an operator of the server may do, with least privilege (I.5). An account holds any number
 * of these; a plain user holds none. {@link OperatorAccess} decides which role each operator page
 * and API needs.
 */
public enum StaffRole {
    /** Grants and takes roles; nothing else by itself. */
    ADMIN,
    /** Runs the machine: storage, mail delivery, quotas, site analytics, newsletters. No person's data. */
    OPERATOR,
    /** Answers people's requests: corrections, unsubscribing; sees a person's data only with a stated reason. */
    SUPPORT,
    /** The register of processors, disclosures, the consent ledger's checks and the access log. */
    PRIVACY_OFFICER
}
