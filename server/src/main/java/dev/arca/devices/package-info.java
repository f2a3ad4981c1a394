/** The user's devices: registration at sign-in, listing, renaming, revocation, partition data. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "accounts", "web"})
package dev.arca.devices;
