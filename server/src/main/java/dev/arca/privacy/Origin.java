package dev.arca.privacy;

/** Where a decision came from. */
public enum Origin {
    WEB, API, CLI, MAIL, OPERATOR
}
