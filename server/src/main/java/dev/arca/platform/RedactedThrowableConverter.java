package dev.arca.platform;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * A stack trace ({@code %wEx}, as Spring Boot prints it) through {@link LogRedaction}: exception
 * messages quote paths, keys and addresses. logback-spring.xml puts it in the log pattern.
 */
public class RedactedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return LogRedaction.redact(super.throwableProxyToString(proxy));
    }
}
