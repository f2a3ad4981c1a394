package dev.arca.privacy;

import java.util.Arrays;
import java.util.List;

/**
 * Every purpose Arca processes personal data for, with its legal basis and the policy clause it
 * keeps. Consent-based purposes carry the notice shown when asking; that exact text is hashed
 * into the consent ledger and published with each policy version (see {@link PolicyRelease}).
 */
public enum Purpose {
    ACCOUNT(LegalBasis.CONTRACT, "I.2b", "Your account: sign-in, your profile and mail about your account.", null),
    CONTENT_STORAGE(LegalBasis.CONTRACT, "I.2e", "Storing, organising and serving the files you upload, with their metadata.", null),
    SHARING_DELIVERY(LegalBasis.CONTRACT, "I.2d", "Delivering what you share to the people you choose.", null),
    DEVICE_SYNC(LegalBasis.CONTRACT, "I.2f", "Synchronising and backing up the devices you register.", null),
    SECURITY(LegalBasis.LEGITIMATE_INTEREST, "II.2d", "Keeping the service running and safe: access logs with truncated addresses, sign-in limits.", null),
    LEGAL_OBLIGATION(LegalBasis.LEGAL_OBLIGATION, "I.4c", "Records the law requires, such as disclosures to authorities.", null),
    PRODUCT_IMPROVEMENT(LegalBasis.CONSENT, "I.2g", "Product improvement program",
            "Send anonymous usage statistics (product, version, operating system, country, language and counts of "
                    + "features used) to improve Arca. No content and nothing that identifies you. You can stop at any time."),
    NEWSLETTER(LegalBasis.CONSENT, "I.6", "Newsletter",
            "Send me Arca's newsletter by e-mail. I confirm by a link first and can unsubscribe from every issue."),
    PREFERENCE_COOKIES(LegalBasis.CONSENT, "II.7", "Preference cookies",
            "Remember my display preferences, such as language, in a cookie on this browser."),
    ANALYTICS_COOKIES(LegalBasis.CONSENT, "II.6", "Analytics cookies",
            "Count my page views with Arca's own analytics (truncated address, no account, no third party).");

    private final LegalBasis basis;
    private final String clause;
    private final String title;
    private final String notice;

    Purpose(LegalBasis basis, String clause, String titleOrDescription, String notice) {
        this.basis = basis;
        this.clause = clause;
        this.title = titleOrDescription;
        this.notice = notice;
    }

    public LegalBasis basis() {
        return basis;
    }

    /** The clause ID in the requirements that this purpose keeps. */
    public String clause() {
        return clause;
    }

    /** A short title (consent purposes) or one-line description (others). */
    public String title() {
        return title;
    }

    public boolean needsConsent() {
        return basis == LegalBasis.CONSENT;
    }

    /**
     * The notice this build asks with; what a published version asks with is in its
     * {@link PolicySnapshot}, and a build whose notices differ from the latest version's does not pass.
     */
    String notice() {
        return notice != null ? notice : title;
    }

    public static List<Purpose> consentBased() {
        return Arrays.stream(values()).filter(Purpose::needsConsent).toList();
    }
}
