package dev.arca.privacy;

/** A subject granted a consent-based purpose, by {@code mechanism}; published once recorded. */
public record ConsentGranted(String subjectId, Purpose purpose, Mechanism mechanism) {}
