package dev.arca.web;

import dev.arca.privacy.PolicyVersion;

/**
 * What every page's frame needs: who is signed in (as a flag, nothing personal), the CSRF field
 * for forms, whether the cookie banner must still be shown, a pending policy notice, and the
 * page's text in its language.
 *
 * @param policy the policy version in force, whose cookie notices the banner shows
 * @param policyNotice a policy version the signed-in account has not acknowledged, or null
 * @param renewConsent purposes the signed-in account agreed to under a notice that has changed since
 * @param analytics whether the page may load the site's own analytics (the visitor opted in)
 */
public record Layout(boolean signedIn, boolean admin, String csrfParameter, String csrfToken,
        boolean cookieChoiceMade, PolicyVersion policy, PolicyVersion policyNotice,
        java.util.List<dev.arca.privacy.Purpose> renewConsent, String path, Messages messages, boolean analytics) {

    /** The text under {@code key} in the page's language, with {@code {0}}-style arguments filled in. */
    public String t(String key, Object... args) {
        return messages.get(key, args);
    }
}
