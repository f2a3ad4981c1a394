/**
 * Content storage: the {@link dev.arca.storage.BlobStore} with a replicated store on local
 * directories, an S3 store and an in-memory reference store, each object carrying a checksum
 * that every read verifies and that {@link dev.arca.storage.StorageScrubber} verifies and
 * repairs on a schedule; and, on top of it, per-account encryption: {@link
 * dev.arca.storage.AccountKeys} and {@link dev.arca.storage.ContentVault}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "web"})
package dev.arca.storage;
