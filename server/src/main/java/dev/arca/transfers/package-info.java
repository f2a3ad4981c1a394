/**
 * Device-to-device transfer (I.2f): a file sent from one of the user's devices waits on the
 * server for another, optionally fitted for a small screen, and is removed once delivered or
 * expired.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "library", "media",
        "devices"})
package dev.arca.transfers;
