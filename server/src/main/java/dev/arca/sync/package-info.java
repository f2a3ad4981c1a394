/**
 * Two-way sync of folders between the user's devices (I.2f): chunk exchange, file commits with
 * optimistic concurrency, moves, deletes into the library's trash, and the per-account change
 * journal that clients follow with a cursor. See docs/sync-protocol.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "library", "devices"})
package dev.arca.sync;
