package dev.arca.support;

/** The databases every persistence and privacy test runs on. */
public enum Db { SQLITE, POSTGRES }
