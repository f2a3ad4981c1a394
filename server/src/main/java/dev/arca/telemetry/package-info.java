/** The product improvement program (I.2g): anonymous usage reports, only with consent. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy"})
package dev.arca.telemetry;
