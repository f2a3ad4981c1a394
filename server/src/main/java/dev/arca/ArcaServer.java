package dev.arca;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Starts the Arca server. Configuration is read from the environment; see README.md. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ArcaServer {

    public static void main(String[] args) {
        SpringApplication.run(ArcaServer.class, args);
    }
}
