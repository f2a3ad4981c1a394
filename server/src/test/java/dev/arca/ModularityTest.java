package dev.arca;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    @Test
    void capabilitiesRespectTheirBoundaries() {
        ApplicationModules.of(ArcaServer.class).verify();
    }
}
