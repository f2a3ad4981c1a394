package dev.arca.library;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the media library ({@code arca.library.*}, {@code ARCA_LIBRARY_*}).
 *
 * @param defaultQuota storage an account may use unless an administrator set another quota;
 *     counted as the bytes of its distinct chunks (what deduplication leaves) plus the declared
 *     lengths of its unfinished resumable uploads
 * @param maxUploadSize the largest single file accepted
 * @param trashRetention how long deleted items stay in the trash before they are purged
 * @param uploadExpiry how long an unfinished resumable upload is kept after its last change
 * @param chunkGrace how long a stored chunk that nothing references yet is protected from
 *     garbage collection, to cover uploads in flight
 * @param maxOpenUploads how many unfinished resumable uploads one account may have at once
 * @param uploadLifetime the longest an unfinished resumable upload is kept after its creation,
 *     however often it is resumed: changes extend its expiry up to this bound, never past it
 */
@ConfigurationProperties("arca.library")
public record LibraryProperties(
        @DefaultValue("50GB") DataSize defaultQuota,
        @DefaultValue("64GB") DataSize maxUploadSize,
        @DefaultValue("30d") Duration trashRetention,
        @DefaultValue("24h") Duration uploadExpiry,
        @DefaultValue("1h") Duration chunkGrace,
        @DefaultValue("20") int maxOpenUploads,
        @DefaultValue("7d") Duration uploadLifetime) {}
