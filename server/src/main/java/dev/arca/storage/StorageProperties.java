package dev.arca.storage;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where blobs are kept, bound from {@code arca.storage.*} ({@code ARCA_STORAGE_*}).
 *
 * @param type {@code local} (default) or {@code s3}
 * @param dirs the data directories of the local store; empty means {@code <data dir>/blobs}
 * @param replicas on how many of {@code dirs} the local store keeps each blob, 1 to their number
 * @param s3 the bucket of the S3 store
 * @param scrubCron when the scrub runs (Spring cron: second minute hour day month weekday), or
 *     {@code -} for never; default daily at 03:30
 */
@ConfigurationProperties("arca.storage")
public record StorageProperties(
        @DefaultValue("local") Type type,
        List<Path> dirs,
        @DefaultValue("1") int replicas,
        @DefaultValue S3 s3,
        @DefaultValue("0 30 3 * * *") String scrubCron) {

    public StorageProperties {
        dirs = dirs == null ? List.of() : List.copyOf(dirs);
    }

    public enum Type { LOCAL, S3 }

    /**
     * An S3 bucket, on AWS or any S3-compatible server (addressed path-style).
     *
     * @param endpoint the server's URL, such as {@code https://s3.example.net}; unset means AWS
     * @param region the signing region; most other servers accept the default
     * @param bucket the bucket, which must exist
     * @param accessKey the access key id; with {@code secretKey} unset too, the AWS default
     *     credential chain (environment, profile, instance role) is used
     * @param secretKey the secret access key
     * @param prefix prepended to every object name, such as {@code arca/}, to share a bucket
     */
    public record S3(
            String endpoint,
            @DefaultValue("us-east-1") String region,
            String bucket,
            String accessKey,
            String secretKey,
            @DefaultValue("") String prefix) {

        /** Leaves the credentials out, so that logging the settings never discloses them. */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                    + ", accessKey=" + (isSet(accessKey) ? "(set)" : "(unset)")
                    + ", secretKey=" + (isSet(secretKey) ? "(set)" : "(unset)") + "]";
        }

        static boolean isSet(String value) {
            return value != null && !value.isBlank();
        }
    }
}
