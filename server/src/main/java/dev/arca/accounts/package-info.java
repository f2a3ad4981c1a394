/** Accounts: registration, e-mail verification, sign-in, bearer tokens, profile, corrections. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "mail", "web", "limits"})
package dev.arca.accounts;
