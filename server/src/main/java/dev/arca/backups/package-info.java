/**
 * Backups of the user's devices kept on the server (I.2f): the files of repositories the client
 * encrypted, which the server stores without being able to read them, and the snapshots kept in
 * the clear before that, whose chunks stay held until the snapshot is forgotten. See
 * docs/backup-format.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "library", "storage",
        "devices", "web"})
package dev.arca.backups;
