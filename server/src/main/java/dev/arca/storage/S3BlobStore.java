package dev.arca.storage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.arca.privacy.EgressGate;
import dev.arca.privacy.ProcessorRegister;
import dev.arca.privacy.Purpose;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects in one S3 bucket, named {@code <prefix><key>.blob}, in the same checksummed
 * form as on disk ({@link BlobFormat}). The suffix keeps an object's name from ever being a
 * "directory" of another's ({@code a.blob} beside {@code a/b.blob}), which S3-compatible servers
 * storing objects as files refuse. The bucket is a single copy as far as Arca can see (the provider
 * may replicate underneath), so a scrub verifies but cannot repair. A put is atomic and durable
 * when S3 acknowledges it.
 */
final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    private static final int DELETE_BATCH = 1000;
    static final String SUFFIX = ".blob";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String location;
    private final Clock clock;

    /**
     * @param prefix empty or ending with '/'
     * @param location how health names the bucket; never credentials
     */
    S3BlobStore(S3Client s3, String bucket, String prefix, String location, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.location = location;
        this.clock = clock;
    }

    /**
     * A store on the configured bucket, its client built by the egress gate: the bucket must be a
     * registered processor, and every object written is recorded under the account its key names.
     * The settings must have been validated.
     */
    static S3BlobStore connect(StorageProperties.S3 settings, Clock clock, EgressGate gate) {
        S3Client client = gate.s3(clientBuilder(settings), destination(settings), Purpose.CONTENT_STORAGE,
                Set.of(ProcessorRegister.FILE_CONTENT, "identifier"),
                name -> accountOf(normalizedPrefix(settings.prefix()), name));
        return open(client, settings, clock);
    }

    /** A store on the bucket through {@code client}. */
    static S3BlobStore open(S3Client client, StorageProperties.S3 settings, Clock clock) {
        return new S3BlobStore(client, settings.bucket(), normalizedPrefix(settings.prefix()), describe(settings),
                clock);
    }

    /** The client's settings; {@link EgressGate} builds it. */
    static S3ClientBuilder clientBuilder(StorageProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(settings.region()))
                .forcePathStyle(true)
                // Objects carry their own CRC32C, checked end to end on every read; the SDK's
                // additional checksums are left to the operations that require them, which every
                // S3-compatible server supports.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(settings));
        if (StorageProperties.S3.isSet(settings.endpoint())) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder;
    }

    /** The processor's destination: the endpoint's host and port, or AWS's regional S3 host. */
    static String destination(StorageProperties.S3 settings) {
        return EgressGate.destination(StorageProperties.S3.isSet(settings.endpoint()) ? URI.create(settings.endpoint())
                : URI.create("https://s3." + settings.region() + ".amazonaws.com"));
    }

    /**
     * The account an object belongs to: blob keys start with the account's id and a '/'
     * ({@code ContentVault}); null for an object of no account.
     */
    static String accountOf(String prefix, String objectName) {
        if (!objectName.startsWith(prefix)) {
            return null;
        }
        int slash = objectName.indexOf('/', prefix.length());
        return slash <= prefix.length() ? null : objectName.substring(prefix.length(), slash);
    }

    private static AwsCredentialsProvider credentials(StorageProperties.S3 settings) {
        if (StorageProperties.S3.isSet(settings.accessKey())) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** An empty prefix, or the prefix with a trailing '/'. */
    static String normalizedPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** The endpoint's scheme, host and port with the bucket: no user information, no query. */
    static String describe(StorageProperties.S3 settings) {
        if (!StorageProperties.S3.isSet(settings.endpoint())) {
            return "s3://" + settings.bucket() + " (AWS " + settings.region() + ")";
        }
        URI endpoint = URI.create(settings.endpoint());
        String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
        return endpoint.getScheme() + "://" + endpoint.getHost() + port + "/" + settings.bucket();
    }

    @Override
    public void put(String key, byte[] bytes) {
        BlobKeys.requireKey(key);
        byte[] object = BlobFormat.encode(key, clock.millis(), bytes);
        try {
            s3.putObject(b -> b.bucket(bucket).key(objectName(key)).contentLength((long) object.length),
                    RequestBody.fromBytes(object));
        } catch (SdkException e) {
            throw new StorageException("Cannot write a blob to " + location, e);
        }
    }

    @Override
    public byte[] get(String key) {
        BlobKeys.requireKey(key);
        byte[] object = read(key);
        if (object == null) {
            throw new BlobNotFoundException(key);
        }
        try {
            return BlobFormat.payload(object, key);
        } catch (BlobFormat.InvalidObjectException e) {
            LOG.warn("A blob in {} failed verification: {}", location, e.getMessage());
            throw new BlobCorruptException(key, 1);
        }
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        BlobKeys.requireKey(key);
        BlobKeys.requireRange(offset, length);
        if (length == 0) {
            if (!exists(key)) {
                throw new BlobNotFoundException(key);
            }
            return new byte[0];
        }
        // The payload follows the header and the key (ASCII) in the object.
        long start = BlobFormat.HEADER_BYTES + key.length() + offset;
        byte[] bytes;
        try {
            bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectName(key))
                    .range("bytes=" + start + "-" + (start + length - 1))).asByteArrayUnsafe();
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new BlobNotFoundException(key);
            }
            if (e.statusCode() == 416) {
                throw new BlobCorruptException(key, 1);
            }
            throw new StorageException("Cannot read a blob from " + location, e);
        } catch (SdkException e) {
            throw new StorageException("Cannot read a blob from " + location, e);
        }
        if (bytes.length != length) {
            throw new BlobCorruptException(key, 1);
        }
        return bytes;
    }

    /** The stored object, or null when absent. */
    private byte[] read(String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectName(key))).asByteArrayUnsafe();
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw new StorageException("Cannot read a blob from " + location, e);
        } catch (SdkException e) {
            throw new StorageException("Cannot read a blob from " + location, e);
        }
    }

    @Override
    public boolean exists(String key) {
        BlobKeys.requireKey(key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(objectName(key)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new StorageException("Cannot query " + location, e);
        } catch (SdkException e) {
            throw new StorageException("Cannot query " + location, e);
        }
    }

    @Override
    public void delete(String key) {
        BlobKeys.requireKey(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(objectName(key)));
        } catch (SdkException e) {
            throw new StorageException("Cannot delete a blob in " + location, e);
        }
    }

    @Override
    public void deletePrefix(String keyPrefix) {
        BlobKeys.requirePrefix(keyPrefix, false);
        List<ObjectIdentifier> batch = new ArrayList<>(DELETE_BATCH);
        // Every object under the prefix goes, including any whose name is not a key: erasing an
        // account must leave nothing behind.
        Iterator<S3Object> objects = objects(keyPrefix).iterator();
        while (objects.hasNext()) {
            batch.add(ObjectIdentifier.builder().key(objects.next().key()).build());
            if (batch.size() == DELETE_BATCH) {
                deleteBatch(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            deleteBatch(batch);
        }
    }

    private void deleteBatch(List<ObjectIdentifier> batch) {
        DeleteObjectsResponse response;
        try {
            response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
        } catch (SdkException e) {
            throw new StorageException("Cannot delete blobs in " + location, e);
        }
        if (response.hasErrors() && !response.errors().isEmpty()) {
            throw new StorageException(location + " refused to delete " + response.errors().size() + " of "
                    + batch.size() + " blobs (" + response.errors().getFirst().code() + ")");
        }
    }

    @Override
    public Stream<BlobInfo> list(String keyPrefix) {
        BlobKeys.requirePrefix(keyPrefix, true);
        return objects(keyPrefix)
                .filter(object -> keyOf(object.key()) != null)
                .map(object -> {
                    String key = keyOf(object.key());
                    return new BlobInfo(key, BlobFormat.payloadSize(key, object.size()), object.lastModified());
                });
    }

    private String objectName(String key) {
        return prefix + key + SUFFIX;
    }

    /** The key an object name stands for, or null for an object that is not a blob. */
    private String keyOf(String objectName) {
        if (!objectName.startsWith(prefix) || !objectName.endsWith(SUFFIX)) {
            return null;
        }
        String key = objectName.substring(prefix.length(), objectName.length() - SUFFIX.length());
        return BlobKeys.isKey(key) ? key : null;
    }

    /** The bucket's objects under {@code prefix + keyPrefix}, read page by page as consumed. */
    private Stream<S3Object> objects(String keyPrefix) {
        Iterator<S3Object> pages = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix))
                .contents().iterator();
        Iterator<S3Object> guarded = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return pages.hasNext();
                } catch (SdkException e) {
                    throw new StorageException("Cannot list " + location, e);
                }
            }

            @Override
            public S3Object next() {
                try {
                    return pages.next();
                } catch (SdkException e) {
                    throw new StorageException("Cannot list " + location, e);
                }
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(guarded, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public StorageHealth health() {
        String problem;
        try {
            s3.headBucket(b -> b.bucket(bucket));
            problem = null;
        } catch (S3Exception e) {
            problem = "HTTP " + e.statusCode()
                    + (e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                            : " " + e.awsErrorDetails().errorCode());
        } catch (SdkException e) {
            problem = "unreachable: " + e.getMessage();
        }
        return StorageHealth.of("s3", List.of(new StorageHealth.Location(location,
                problem == null ? StorageHealth.Status.UP : StorageHealth.Status.DOWN, -1, -1, problem)));
    }

    /**
     * Reads and verifies every object. A corrupt object is counted as corrupt and unrepairable:
     * the bucket holds its only copy. An object that cannot be read counts as missing.
     */
    @Override
    public ScrubReport scrub(boolean repair) {
        ScrubTally tally = new ScrubTally(clock.instant(), repair);
        Iterator<BlobInfo> blobs = list("").iterator();
        while (blobs.hasNext()) {
            String key = blobs.next().key();
            byte[] object;
            try {
                object = read(key);
            } catch (StorageException e) {
                tally.blobsChecked++;
                tally.replicasMissing++;
                continue;
            }
            if (object == null) {
                continue;
            }
            tally.blobsChecked++;
            try {
                tally.bytes += BlobFormat.verify(object, key).payloadLength();
            } catch (BlobFormat.InvalidObjectException e) {
                tally.replicasCorrupt++;
                tally.unrepairable++;
            }
        }
        return tally.report();
    }

    @Override
    public void close() {
        s3.close();
    }
}
