package dev.arca.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

    @Bean
    KeyDirectory keyDirectory(ArcaProperties properties, DataDirectory dataDirectory) {
        return new KeyDirectory(properties.keysDir() == null ? dataDirectory.root().resolve("keys")
                : properties.keysDir().toAbsolutePath().normalize());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(ArcaProperties properties, DataDirectory dataDirectory) {
        if (!properties.db().external()) {
            return new SqlitePool(dataDirectory.root().resolve("arca.db"), Duration.ofSeconds(10), 4);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("arca");
        config.setJdbcUrl(properties.db().url());
        config.setUsername(properties.db().user());
        config.setPassword(properties.db().password());
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
