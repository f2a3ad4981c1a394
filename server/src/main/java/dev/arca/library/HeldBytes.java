package dev.arca.library;

/**
 * Bytes an account stores outside its chunks (the sealed files of its backup repositories, say):
 * {@link Admission} counts them against the quota with the chunks, so every way bytes enter an
 * account is decided in one place.
 */
public interface HeldBytes {

    /** The bytes the account holds here. */
    long of(String accountId);
}
