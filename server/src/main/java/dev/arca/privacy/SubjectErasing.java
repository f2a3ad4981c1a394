package dev.arca.privacy;

/**
 * An erasure is about to delete the subject's rows, inside its transaction: the moment to note
 * what must also go outside the database once it commits (such as mail files for addresses that
 * only the subject's rows name).
 */
public record SubjectErasing(String subjectId) {}
