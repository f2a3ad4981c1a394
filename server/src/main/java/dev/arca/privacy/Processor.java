package dev.arca.privacy;

import dev.arca.protocol.api.ProcessorEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An outside service that receives personal data on the server's behalf, as the register says
 * (I.4b). Only an {@link Status#ACTIVE} processor registered for the purpose receives anything.
 */
public record Processor(String id, String name, Service service, String destination, String contractReference,
        LocalDate contractDate, String country, Adequacy adequacy, Set<Purpose> purposes, Set<String> categories,
        Status status, Instant registeredAt, Instant updatedAt) {

    /** How Arca reaches it; each kind of client is built by {@link EgressGate} only. */
    public enum Service {
        SMTP, S3, HTTPS
    }

    /** Why personal data may go to the processor's country. */
    public enum Adequacy {
        /** The European Economic Area, or the operator's own country. */
        EEA,
        ADEQUACY_DECISION,
        STANDARD_CONTRACTUAL_CLAUSES,
        BINDING_CORPORATE_RULES
    }

    public enum Status {
        ACTIVE,
        /** Registered, but nothing may go to it for now. */
        SUSPENDED,
        /** The contract ended; kept so that past transfers still name it. */
        ENDED
    }

    public Processor {
        purposes = Set.copyOf(purposes);
        categories = Set.copyOf(categories);
    }

    /** Whether data of this purpose may go to it now. */
    public boolean receives(Purpose purpose) {
        return status == Status.ACTIVE && purposes.contains(purpose);
    }

    public ProcessorEntry entry() {
        return new ProcessorEntry(id, name, service.name(), destination, contractReference, contractDate, country,
                adequacy.name(), purposes.stream().map(Purpose::name).sorted().toList(),
                categories.stream().sorted().toList(), status.name(), registeredAt, updatedAt);
    }

    /** Purposes in declaration order, for pages. */
    public List<Purpose> purposeList() {
        return java.util.Arrays.stream(Purpose.values()).filter(purposes::contains).toList();
    }
}
