/**
 * The newsletter (I.6, II.4): opt-in only, confirmed by a link (double opt-in), one-click
 * unsubscribe in every issue (RFC 8058), and sending by administrators to confirmed subscribers
 * in their language.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "mail", "accounts",
        "web"})
package dev.arca.newsletter;
