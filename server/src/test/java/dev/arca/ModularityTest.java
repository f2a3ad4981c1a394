package dev.arca;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    @Test
    void capabilitiesRespectTheirBoundaries() {
        // arca-protocol is a library shared with the client, not a module of the server.
        ApplicationModules.of(ArcaServer.class, JavaClass.Predicates.resideInAPackage("dev.arca.protocol..")).verify();
    }
}
