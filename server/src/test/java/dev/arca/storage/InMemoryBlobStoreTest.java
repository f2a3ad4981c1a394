package dev.arca.storage;

class InMemoryBlobStoreTest extends BlobStoreContract {

    @Override
    protected BlobStore createStore() {
        return new InMemoryBlobStore();
    }
}
