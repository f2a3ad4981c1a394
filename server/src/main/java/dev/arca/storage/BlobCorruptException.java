package dev.arca.storage;

/**
 * Copies of the blob exist but none passes verification: its content is lost unless restored
 * from a backup. The key is available to the caller but kept out of the message.
 */
public class BlobCorruptException extends StorageException {

    private final String key;

    public BlobCorruptException(String key, int corruptCopies) {
        super("Every stored copy of the requested blob failed verification (" + corruptCopies + " corrupt)");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
