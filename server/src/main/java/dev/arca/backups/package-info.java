/**
 * Backups of the user's devices kept on the server (I.2f): snapshots of backed-up folders, whose
 * chunks stay held until the snapshot is forgotten. See docs/backup-format.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "library", "devices", "web"})
package dev.arca.backups;
