package dev.arca.privacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.arca.egressfixture.RogueRelay;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * I.4b: only {@link EgressGate} opens network clients that could carry personal data, so every
 * byte that leaves passes its check and its record. The rule runs on the server's own classes and,
 * to show that it bites, on a fixture class that opens clients of its own.
 */
class EgressRuleTest {

    /** A call that opens a connection or builds a client that will: sockets, URL connections, HTTP, mail, S3. */
    static final DescribedPredicate<JavaCall<?>> OPENS_A_NETWORK_CLIENT = new DescribedPredicate<>(
            "open a network client (socket, URL connection, HTTP client, mail transport or sender, S3 client)") {
        @Override
        public boolean test(JavaCall<?> call) {
            JavaClass owner = call.getTargetOwner();
            String name = call.getName();
            boolean constructor = name.equals("<init>");
            return (constructor && (owner.isAssignableTo("java.net.Socket") || owner.isAssignableTo("java.net.DatagramSocket")
                            || owner.isAssignableTo("org.springframework.mail.javamail.JavaMailSenderImpl")))
                    || (owner.isAssignableTo("java.net.URL") && Set.of("openConnection", "openStream").contains(name))
                    || (owner.isAssignableTo("javax.net.SocketFactory") && name.equals("createSocket"))
                    || (owner.isAssignableTo("java.net.http.HttpClient") && Set.of("newHttpClient", "newBuilder").contains(name))
                    || owner.isAssignableTo("jakarta.mail.Transport")
                    || (owner.isAssignableTo("jakarta.mail.Session") && name.equals("getTransport"))
                    || (owner.isAssignableTo("org.springframework.mail.MailSender") && name.equals("send"))
                    || (owner.isAssignableTo("software.amazon.awssdk.core.client.builder.SdkClientBuilder")
                            && name.equals("build"))
                    || (owner.isAssignableTo("software.amazon.awssdk.core.SdkClient") && name.equals("create"));
        }
    };

    static final ArchRule ONLY_THE_GATE_OPENS_NETWORK_CLIENTS = noClasses()
            .that(DescribedPredicate.describe("are not the egress gate",
                    (JavaClass c) -> !c.getName().equals(EgressGate.class.getName())
                            && !c.getName().startsWith(EgressGate.class.getName() + "$")))
            .should().callCodeUnitWhere(OPENS_A_NETWORK_CLIENT)
            .because("personal data leaves only through EgressGate, which checks the processor register and records "
                    + "each transfer (I.4b)");

    @Test
    @DisplayName("I.4b no class of the server but the egress gate opens a network client")
    void onlyTheGateOpensNetworkClients() {
        JavaClasses server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.arca");
        assertThat(server.contain(EgressGate.class)).isTrue();
        ONLY_THE_GATE_OPENS_NETWORK_CLIENTS.check(server);
    }

    @Test
    @DisplayName("I.4b the rule fails on a class that builds its own mail sender and HTTP client")
    void theRuleCatchesARogueClient() {
        JavaClasses rogue = new ClassFileImporter().importClasses(RogueRelay.class);
        EvaluationResult result = ONLY_THE_GATE_OPENS_NETWORK_CLIENTS.evaluate(rogue);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("JavaMailSenderImpl.<init>()"))
                .anyMatch(d -> d.contains("JavaMailSenderImpl.send("))
                .anyMatch(d -> d.contains("HttpClient.newHttpClient()"));
    }
}
