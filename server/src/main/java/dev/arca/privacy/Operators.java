package dev.arca.privacy;

import org.springframework.stereotype.Component;

/**
 * How records about one person name the operator who acted on them (a consent withdrawn on
 * request, a correction resolved): by a keyed pseudonym, never the operator's account id. While
 * the key exists, an audit can tell which operator acted ({@link #pseudonym} of a known id); once
 * the operator's account is erased, nothing in other people's records leads back to them.
 */
@Component
public class Operators {

    private final Pseudonyms pseudonyms;

    Operators(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /** {@code operator:} and the keyed hash of the operator's account id. */
    public String pseudonym(String operatorAccountId) {
        return "operator:" + pseudonyms.mac("operator", operatorAccountId);
    }
}
