package dev.arca.support;

import dev.arca.protocol.api.ProcessorRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Entries of the processor register for the relays and buckets tests run on loopback. */
public final class Processors {

    public static final List<String> MAIL_PURPOSES = List.of("ACCOUNT", "SHARING_DELIVERY", "NEWSLETTER");
    public static final List<String> MAIL_CATEGORIES = List.of("contact", "message");
    public static final List<String> STORAGE_PURPOSES = List.of("CONTENT_STORAGE");
    public static final List<String> STORAGE_CATEGORIES = List.of("file content", "identifier");

    private Processors() {}

    /** An SMTP relay registered for all of Arca's mail. */
    public static ProcessorRequest relay(String destination) {
        return new ProcessorRequest("Relay " + destination, "SMTP", destination, "DPA-2026-" + destination.hashCode(),
                LocalDate.of(2026, 1, 15), "DE", "EEA", MAIL_PURPOSES, MAIL_CATEGORIES, null);
    }

    /** A bucket registered for content storage. */
    public static ProcessorRequest bucket(String destination) {
        return new ProcessorRequest("Bucket " + destination, "S3", destination, "DPA-2026-s3", LocalDate.of(2026, 2, 1),
                "NL", "EEA", STORAGE_PURPOSES, STORAGE_CATEGORIES, null);
    }

    /** The entry as {@code arca.processors[index].*} arguments, as an operator writes it in configuration. */
    public static List<String> asArguments(int index, ProcessorRequest p) {
        String at = "--arca.processors[" + index + "].";
        List<String> args = new ArrayList<>(List.of(at + "name=" + p.name(), at + "service=" + p.service(),
                at + "destination=" + p.destination(), at + "contract-reference=" + p.contractReference(),
                at + "contract-date=" + p.contractDate(), at + "country=" + p.country(),
                at + "adequacy=" + p.adequacy(), at + "purposes=" + String.join(",", p.purposes()),
                at + "categories=" + String.join(",", p.categories())));
        return args;
    }
}
