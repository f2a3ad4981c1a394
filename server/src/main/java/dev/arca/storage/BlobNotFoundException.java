package dev.arca.storage;

/** No copy of the blob exists. The key is available to the caller but kept out of the message. */
public class BlobNotFoundException extends StorageException {

    private final String key;

    public BlobNotFoundException(String key) {
        super("No blob is stored under the requested key");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
