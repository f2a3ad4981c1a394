/**
 * First-party site analytics (II.2d, II.6): page views of visitors who opted in, counted by
 * this server alone, shown to the operator only as aggregates of at least five.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "web"})
package dev.arca.analytics;
