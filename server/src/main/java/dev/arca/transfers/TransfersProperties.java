package dev.arca.transfers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code arca.transfers.*}: how long a sent file waits for its device. */
@ConfigurationProperties("arca.transfers")
public record TransfersProperties(@DefaultValue("7d") Duration expiry) {}
