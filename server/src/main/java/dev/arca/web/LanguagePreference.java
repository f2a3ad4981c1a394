package dev.arca.web;

import java.util.Optional;

/**
 * The language an account chose, when it chose one the web speaks. Provided by the module
 * that keeps accounts; the web falls back to the browser's {@code Accept-Language}.
 */
public interface LanguagePreference {

    Optional<String> of(String accountId);
}
