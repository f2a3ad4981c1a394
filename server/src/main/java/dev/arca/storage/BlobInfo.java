package dev.arca.storage;

import java.time.Instant;

/**
 * One blob as a listing sees it, without reading or verifying its content.
 *
 * @param key the blob's key
 * @param size the payload size in bytes, as stored (the checksum header not counted)
 * @param modified when the blob was last written
 */
public record BlobInfo(String key, long size, Instant modified) {}
