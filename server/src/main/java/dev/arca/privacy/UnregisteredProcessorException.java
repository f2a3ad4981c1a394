package dev.arca.privacy;

/**
 * Personal data was about to go to a destination that is not an active processor registered for
 * the purpose. Nothing was sent. The message says what to register; it names no person.
 */
public class UnregisteredProcessorException extends RuntimeException {

    public UnregisteredProcessorException(String message) {
        super(message);
    }
}
