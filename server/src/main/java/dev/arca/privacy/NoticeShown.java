package dev.arca.privacy;

/**
 * What a person was shown when they decided: the policy version and the SHA-256 of the notice
 * text of the purpose. A grant is recorded only when both are the ones in force, so the ledger
 * never claims agreement to a text the person did not see.
 */
public record NoticeShown(int policyVersion, String noticeSha256) {

    /** The notice of {@code purpose} under {@code policy}, as a page shows it. */
    public static NoticeShown of(PolicyVersion policy, Purpose purpose) {
        return new NoticeShown(policy.version(), policy.notice(purpose).sha256());
    }
}
