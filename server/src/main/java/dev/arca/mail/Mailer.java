package dev.arca.mail;

/** Sends transactional mail. Implementations are thread-safe. */
public interface Mailer {

    /**
     * Hands the message to SMTP, or writes it durably to the outbox.
     *
     * @throws MailFailedException when the message could not be handed over; nothing was sent
     */
    void send(Mail mail);

    /**
     * Deletes every message to {@code address} still queued, and the outbox's copies: for a
     * person who was erased or removed as a recipient. Call it after that change committed.
     */
    void forget(String address);

    /**
     * Deletes every message to {@code address} still queued, in the caller's transaction, so that
     * it goes with the change that made it unwanted; {@link #forget} then removes the outbox's
     * copies once that change committed.
     */
    void dropQueued(String address);

    /** Mail could not be sent; the caller decides whether the operation still stands. */
    class MailFailedException extends RuntimeException {
        public MailFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
