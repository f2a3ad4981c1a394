package dev.arca.web;

import dev.arca.platform.ArcaPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Picks a page's language: the account's choice, else the browser's best supported one, else English. */
final class Languages {

    /** The languages with a full message bundle; the first is the fallback. */
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    private Languages() {}

    static Locale of(HttpServletRequest request, ArcaPrincipal me, Optional<LanguagePreference> preference) {
        if (me != null && preference.isPresent()) {
            Optional<Locale> chosen = preference.get().of(me.accountId()).flatMap(Languages::supported);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        String header = request.getHeader("Accept-Language");
        if (header != null) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException malformed) {
                // A malformed header is a browser's problem; the page still renders, in English.
            }
        }
        return SUPPORTED.getFirst();
    }

    private static Optional<Locale> supported(String tag) {
        return SUPPORTED.stream().filter(l -> l.getLanguage().equalsIgnoreCase(tag)).findFirst();
    }
}
