/**
 * Mail: a durable queue with retries, suppression of addresses that asked for no more mail, and
 * delivery by SMTP when configured, otherwise as .eml files in the data directory's outbox.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "web", "limits"})
package dev.arca.mail;
