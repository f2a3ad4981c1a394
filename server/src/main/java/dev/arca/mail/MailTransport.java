package dev.arca.mail;

/** Hands one message to SMTP or writes it to the outbox; throws when it could not. */
@FunctionalInterface
interface MailTransport {
    void deliver(Mail mail);
}
