package dev.arca.privacy;

import dev.arca.platform.ApiProblem;
import dev.arca.protocol.api.ProblemTypes;
import org.springframework.stereotype.Service;

/**
 * The one gate every collection, use or transmission for a consent-based purpose passes
 * (I.2a, I.4a). Callers ask before they touch the data; a refusal means nothing was stored.
 */
@Service
public class PurposeGate {

    private final ConsentLedger ledger;

    PurposeGate(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    /** Whether the subject has a current consent for the purpose; contract purposes always pass. */
    public boolean permits(String subjectId, Purpose purpose) {
        if (!purpose.needsConsent()) {
            return true;
        }
        return subjectId != null && ledger.state(subjectId).get(purpose).effective();
    }

    /**
     * Passes when {@link #permits} does.
     *
     * @throws ApiProblem 403 {@link ProblemTypes#CONSENT_REQUIRED} otherwise
     */
    public void require(String subjectId, Purpose purpose) {
        if (!permits(subjectId, purpose)) {
            throw ApiProblem.forbidden(ProblemTypes.CONSENT_REQUIRED,
                    "This needs your consent to '" + purpose.title() + "' under the current privacy policy.");
        }
    }
}
