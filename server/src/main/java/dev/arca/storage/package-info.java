/**
 * Blob storage: the {@link dev.arca.storage.BlobStore} that holds encrypted chunks, with a
 * replicated store on local directories, an S3 store and an in-memory reference store. Every
 * stored object carries a checksum that each read verifies; {@link dev.arca.storage.StorageScrubber}
 * verifies and repairs all of them on a schedule. Knows nothing of accounts or the database: keys
 * are opaque paths chosen by the caller.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package dev.arca.storage;
