package dev.arca.accounts;

/** A new account was registered with this (normalised) address; published in its transaction. */
public record AccountRegistered(String accountId, String email) {}
