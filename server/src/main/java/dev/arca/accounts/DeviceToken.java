package dev.arca.accounts;

import java.time.Instant;

/** A bearer token as its owner sees it: which device, since when, last used when. No secret. */
public record DeviceToken(String id, String deviceName, Instant createdAt, Instant lastUsedAt) {}
