package dev.arca.privacy;

/** Published when a subject withdraws or denies a consent; listeners stop that processing at once. */
public record ConsentWithdrawn(String subjectId, Purpose purpose) {}
