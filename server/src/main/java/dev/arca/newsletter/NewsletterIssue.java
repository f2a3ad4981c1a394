package dev.arca.newsletter;

import java.time.Instant;

/** A newsletter issue as the operator's page lists it. */
public record NewsletterIssue(String subject, int sent, int skipped, Instant sentAt) {}
