package dev.arca.privacy;

import dev.arca.protocol.api.ProcessorRequest;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Processors registered from configuration ({@code arca.processors[0].name}, {@code .service},
 * {@code .destination}, ...): how a relay is registered before the first start that uses it.
 */
@ConfigurationProperties("arca")
record ProcessorSettings(List<ProcessorRequest> processors) {

    ProcessorSettings {
        processors = processors == null ? List.of() : List.copyOf(processors);
    }
}
