package dev.arca.library;

/** A new item or a new version of one was committed. */
public record ItemStored(String accountId, String itemId, int version) {}
