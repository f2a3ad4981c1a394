package dev.arca.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against an S3 server (s3proxy, in memory) on a loopback port. */
class S3BlobStoreTest extends BlobStoreContract {

    private static final String ACCESS_KEY = "arca-test-access";
    private static final String SECRET_KEY = "arca-test-secret-0123456789";
    private static final String BUCKET = "arca-blobs";

    private static S3Proxy proxy;
    private static String endpoint;
    private static S3Client raw;

    private String prefix;

    @BeforeAll
    static void startS3Server() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        raw = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        raw.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopS3Server() throws Exception {
        raw.close();
        proxy.stop();
    }

    @Override
    protected BlobStore createStore() {
        prefix = "t" + UUID.randomUUID().toString().replace("-", "") + "/";
        return storeWithPrefix(prefix);
    }

    private static S3BlobStore storeWithPrefix(String prefix) {
        StorageProperties.S3 settings =
                new StorageProperties.S3(endpoint, "us-east-1", BUCKET, ACCESS_KEY, SECRET_KEY, prefix);
        return S3BlobStore.open(S3BlobStore.clientBuilder(settings).build(), settings, new TestClock());
    }

    @Test
    void objectsAreNamedByPrefixKeyAndSuffixAndCarryTheHeader() {
        store.put("acct1/a", new byte[] {7, 8});

        byte[] object = raw.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "acct1/a.blob")).asByteArray();
        assertThat(new String(object, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ARCB");
        assertThat(object).hasSize(BlobFormat.HEADER_BYTES + "acct1/a".length() + 2);
    }

    @Test
    void aCorruptObjectIsDetectedAndCountedUnrepairable() {
        byte[] bytes = randomBytes(10_000, 13);
        store.put("acct1/a", bytes);
        store.put("acct1/b", new byte[] {1});
        byte[] object = raw.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "acct1/a.blob")).asByteArray();
        object[object.length - 100] ^= 0x01;
        raw.putObject(b -> b.bucket(BUCKET).key(prefix + "acct1/a.blob"), RequestBody.fromBytes(object));

        assertThatThrownBy(() -> store.get("acct1/a")).isInstanceOf(BlobCorruptException.class);
        assertThat(store.get("acct1/b")).containsExactly(1);
        ScrubReport report = store.scrub(true);
        assertThat(report.blobsChecked()).isEqualTo(2);
        assertThat(report.replicasCorrupt()).isEqualTo(1);
        assertThat(report.unrepairable()).isEqualTo(1);
        assertThat(report.repaired()).isZero();
    }

    @Test
    void anObjectWithoutTheHeaderIsCorrupt() {
        raw.putObject(b -> b.bucket(BUCKET).key(prefix + "acct1/a.blob"), RequestBody.fromBytes(new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> store.get("acct1/a")).isInstanceOf(BlobCorruptException.class);
        assertThat(store.scrub(false).replicasCorrupt()).isEqualTo(1);
    }

    @Test
    void storesWithDifferentPrefixesShareABucketWithoutSeeingEachOther() {
        try (S3BlobStore other = storeWithPrefix("other" + UUID.randomUUID().toString().replace("-", ""))) {
            other.put("acct1/a", new byte[] {1});
            store.put("acct1/a", new byte[] {2});

            store.deletePrefix("acct1/");
            assertThat(keys("")).isEmpty();
            assertThat(other.get("acct1/a")).containsExactly(1);
            assertThat(other.list("")).extracting(BlobInfo::key).containsExactly("acct1/a");
        }
    }

    @Test
    void deletePrefixRemovesMoreThanOneBatch() {
        // More than one DeleteObjects request holds; some objects are not blobs but lie under the prefix.
        try (ExecutorService uploads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 1100; i++) {
                String name = prefix + "acct9/x" + i + (i % 2 == 0 ? ".blob" : ".other");
                uploads.submit(
                        () -> raw.putObject(b -> b.bucket(BUCKET).key(name), RequestBody.fromBytes(new byte[] {1})));
            }
        }
        assertThat(raw.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix + "acct9/")).contents().stream())
                .hasSize(1100);
        store.put("acct8/a", new byte[] {1});

        store.deletePrefix("acct9/");
        assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix + "acct9/")).keyCount()).isZero();
        assertThat(keys("")).containsExactly("acct8/a");
    }

    @Test
    void healthNamesTheBucketWithoutCredentialsAndReportsAMissingBucket() {
        StorageHealth health = store.health();
        assertThat(health.status()).isEqualTo(StorageHealth.Status.UP);
        assertThat(health.locations()).singleElement().satisfies(l -> {
            assertThat(l.name()).isEqualTo(endpoint + "/" + BUCKET);
            assertThat(l.usableBytes()).isEqualTo(-1);
        });

        StorageProperties.S3 noBucket =
                new StorageProperties.S3(endpoint, "us-east-1", "no-such-bucket", ACCESS_KEY, SECRET_KEY, "");
        try (S3BlobStore absent = S3BlobStore.open(S3BlobStore.clientBuilder(noBucket).build(), noBucket,
                new TestClock())) {
            StorageHealth down = absent.health();
            assertThat(down.status()).isEqualTo(StorageHealth.Status.DOWN);
            assertThat(down.locations().getFirst().problem()).contains("404").doesNotContain(SECRET_KEY, ACCESS_KEY);
        }
    }
}
