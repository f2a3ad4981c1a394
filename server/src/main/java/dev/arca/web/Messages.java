package dev.arca.web;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The UI text of one request, in its language. Every word a page shows comes from the bundles
 * under {@code i18n/}; a template asks with {@code layout.t("key")}. A missing key fails
 * loudly in tests (the bundle check), and shows as the key itself in production rather than
 * breaking the page.
 */
public final class Messages {

    private final MessageSource source;
    private final Locale locale;

    Messages(MessageSource source, Locale locale) {
        this.source = source;
        this.locale = locale;
    }

    public String get(String key, Object... args) {
        return source.getMessage(key, args, key, locale);
    }

    /** A day ({@code yyyy-MM-dd}) as people of this language write it: "17 May 2024", "17. Mai 2024". */
    public String day(String isoDate) {
        return java.time.LocalDate.parse(isoDate).format(java.time.format.DateTimeFormatter
                .ofLocalizedDate(java.time.format.FormatStyle.LONG).withLocale(locale));
    }

    /** A month ({@code yyyy-MM}) with its name: "May 2024", "Mai 2024". */
    public String month(String isoMonth) {
        return java.time.YearMonth.parse(isoMonth).format(java.time.format.DateTimeFormatter.ofPattern("LLLL yyyy", locale));
    }

    /** The language tag, for {@code <html lang>}. */
    public String language() {
        return locale.getLanguage();
    }

    public Locale locale() {
        return locale;
    }
}
