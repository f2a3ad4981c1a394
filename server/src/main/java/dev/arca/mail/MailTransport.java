package dev.arca.mail;

/** Hands one message to SMTP or writes it to the outbox; throws when it could not. */
@FunctionalInterface
interface MailTransport {
    void deliver(Mail mail);

    /** Deletes what this transport keeps of messages to {@code address}; SMTP keeps nothing. */
    default void forget(String address) {}
}
