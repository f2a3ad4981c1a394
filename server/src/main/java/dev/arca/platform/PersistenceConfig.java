package dev.arca.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the database: SQLite in the data directory by default, PostgreSQL when
 * {@code arca.db.url} is set. Both run the same Flyway migrations.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArcaProperties.class)
class PersistenceConfig {

    @Bean
    DataDirectory dataDirectory(ArcaProperties properties) {
        Path root = properties.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + root, e);
        }
        return new DataDirectory(root);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(ArcaProperties properties, DataDirectory dataDirectory) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("arca");
        if (properties.db().external()) {
            config.setJdbcUrl(properties.db().url());
            config.setUsername(properties.db().user());
            config.setPassword(properties.db().password());
            config.setMaximumPoolSize(10);
        } else {
            Path file = dataDirectory.root().resolve("arca.db");
            // WAL lets readers run beside the one writer; busy_timeout makes a second writer
            // wait instead of failing with "database is locked". Transactions begin IMMEDIATE:
            // a deferred one that reads, then writes after another connection wrote, would fail
            // at once (SQLITE_BUSY_SNAPSHOT) instead of waiting its turn.
            config.setJdbcUrl("jdbc:sqlite:" + file
                    + "?busy_timeout=10000&journal_mode=WAL&foreign_keys=on&transaction_mode=IMMEDIATE");
            config.setMaximumPoolSize(4);
        }
        return new HikariDataSource(config);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
