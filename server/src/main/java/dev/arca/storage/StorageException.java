package dev.arca.storage;

/**
 * The blob store could not do what was asked: a disk or the network failed, or a location is
 * unavailable. Messages never contain blob keys, which name accounts.
 */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
