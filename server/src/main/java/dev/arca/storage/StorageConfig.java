package dev.arca.storage;

import dev.arca.platform.DataDirectory;
import dev.arca.privacy.EgressGate;
import org.springframework.beans.factory.ObjectProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

/**
 * The one {@link BlobStore} of the server, chosen by {@code arca.storage.type}. Settings are
 * checked here, at start, so that a wrong one stops the server with a message naming it instead
 * of failing the first upload.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfig {

    private static final Logger LOG = LoggerFactory.getLogger(StorageConfig.class);

    @Bean
    BlobStore blobStore(StorageProperties properties, DataDirectory dataDirectory, Clock clock,
            ObjectProvider<EgressGate> gate) {
        String cron = properties.scrubCron();
        if (!Scheduled.CRON_DISABLED.equals(cron) && !CronExpression.isValidExpression(cron)) {
            throw new IllegalStateException("arca.storage.scrub-cron must be a cron expression of six fields (second"
                    + " minute hour day month weekday), such as \"0 30 3 * * *\", or \"-\" to never scrub");
        }
        return switch (properties.type()) {
            case LOCAL -> localStore(properties, dataDirectory, clock);
            case S3 -> s3Store(properties.s3(), clock, gate);
        };
    }

    static LocalBlobStore localStore(StorageProperties properties, DataDirectory dataDirectory, Clock clock) {
        List<Path> dirs = properties.dirs().isEmpty() ? List.of(dataDirectory.root().resolve("blobs"))
                : properties.dirs().stream().map(dir -> dir.toAbsolutePath().normalize()).toList();
        int replicas = properties.replicas();
        if (replicas < 1 || replicas > dirs.size()) {
            throw new IllegalStateException("arca.storage.replicas is " + replicas + " but must be between 1 and the"
                    + " number of directories in arca.storage.dirs (" + dirs.size() + ")");
        }
        for (int i = 0; i < dirs.size(); i++) {
            for (int j = i + 1; j < dirs.size(); j++) {
                Path a = dirs.get(i);
                Path b = dirs.get(j);
                if (a.startsWith(b) || b.startsWith(a)) {
                    throw new IllegalStateException("arca.storage.dirs: " + a + " and " + b + " overlap; every blob"
                            + " directory must be separate, ideally on its own disk");
                }
            }
        }
        LocalBlobStore store;
        try {
            store = new LocalBlobStore(dirs, replicas, clock);
        } catch (StorageException | IllegalArgumentException e) {
            throw new IllegalStateException("arca.storage.dirs: " + e.getMessage(), e);
        }
        LOG.info("Blob store: {} local director{}, {} cop{} of each blob", dirs.size(), dirs.size() == 1 ? "y" : "ies",
                replicas, replicas == 1 ? "y" : "ies");
        return store;
    }

    /** The bucket's settings are checked before the gate is asked for a client. */
    static S3BlobStore s3Store(StorageProperties.S3 s3, Clock clock, ObjectProvider<EgressGate> gate) {
        if (!StorageProperties.S3.isSet(s3.bucket())) {
            throw new IllegalStateException("arca.storage.type=s3 needs arca.storage.s3.bucket, the name of an existing"
                    + " bucket");
        }
        if (!StorageProperties.S3.isSet(s3.region())) {
            throw new IllegalStateException("arca.storage.s3.region must not be empty (most S3-compatible servers"
                    + " accept us-east-1)");
        }
        if (StorageProperties.S3.isSet(s3.accessKey()) != StorageProperties.S3.isSet(s3.secretKey())) {
            throw new IllegalStateException("arca.storage.s3.access-key and arca.storage.s3.secret-key must be set"
                    + " together, or both left unset to use the AWS default credentials");
        }
        if (StorageProperties.S3.isSet(s3.endpoint()) && !isPlainHttpUrl(s3.endpoint())) {
            // The value is not repeated: a mistyped endpoint may hold credentials.
            throw new IllegalStateException("arca.storage.s3.endpoint must be an http or https URL without user"
                    + " information, such as https://s3.example.net");
        }
        if (!BlobKeys.isPrefix(S3BlobStore.normalizedPrefix(s3.prefix()))) {
            throw new IllegalStateException("arca.storage.s3.prefix must be segments of A-Z, a-z, 0-9, '_' and '-'"
                    + " separated by '/', such as arca/");
        }
        S3BlobStore store = S3BlobStore.connect(s3, clock, gate.getObject());
        LOG.info("Blob store: S3 bucket {}", S3BlobStore.describe(s3));
        return store;
    }

    private static boolean isPlainHttpUrl(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
