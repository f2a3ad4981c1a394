package dev.arca.library.internal;

import dev.arca.storage.BlobNotFoundException;
import dev.arca.storage.ContentVault;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads an account's chunks wherever they lie: alone under their hash, or sealed in a pack with
 * others (see docs/storage-format.md), as the chunk's row says. A chunk that a repack moved while
 * it was being read is looked up again.
 */
@Component
public class StoredChunks {

    private final JdbcClient jdbc;
    private final ContentVault vault;

    StoredChunks(JdbcClient jdbc, ContentVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /**
     * The chunk's plain bytes.
     *
     * @throws BlobNotFoundException when the account does not store it
     * @throws dev.arca.storage.BlobCorruptException when no copy opens
     */
    public byte[] read(String accountId, String hash) {
        Optional<ContentVault.Packed> where = packed(accountId, hash);
        if (where.isEmpty()) {
            return vault.getChunk(accountId, hash);
        }
        try {
            return vault.getPackedChunk(accountId, hash, where.get());
        } catch (BlobNotFoundException moved) {
            Optional<ContentVault.Packed> now = packed(accountId, hash);
            if (now.isEmpty() || now.equals(where)) {
                throw moved;
            }
            return vault.getPackedChunk(accountId, hash, now.get());
        }
    }

    /** Where the chunk lies in a pack; empty when it lies alone or the account does not store it. */
    Optional<ContentVault.Packed> packed(String accountId, String hash) {
        return jdbc.sql("SELECT pack, pack_offset, sealed_length FROM chunks WHERE account_id = ? AND hash = ? "
                        + "AND pack IS NOT NULL")
                .params(accountId, hash)
                .query((rs, n) -> new ContentVault.Packed(rs.getString(1), rs.getLong(2), rs.getInt(3)))
                .optional();
    }
}
