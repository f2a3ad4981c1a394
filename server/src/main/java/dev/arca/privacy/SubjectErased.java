package dev.arca.privacy;

/** Published inside the erasure transaction once every classified row of the subject is gone. */
public record SubjectErased(String subjectId) {}
