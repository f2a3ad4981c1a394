package dev.arca.web;

import dev.arca.privacy.PolicyVersion;

/**
 * What every page's frame needs: who is signed in (as a flag, nothing personal), the CSRF field
 * for forms, whether the cookie banner must still be shown, and a pending policy notice.
 *
 * @param policyNotice a policy version the signed-in account has not acknowledged, or null
 */
public record Layout(boolean signedIn, boolean admin, String csrfParameter, String csrfToken,
        boolean cookieChoiceMade, PolicyVersion policyNotice, String path) {}
