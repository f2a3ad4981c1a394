/**
 * Rate limits shared by every node: sign-in and share-password attempts, mail per sender,
 * recipient and network. Counting and checking is one atomic database statement, so parallel
 * requests cannot slip past a limit.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy"})
package dev.arca.limits;
