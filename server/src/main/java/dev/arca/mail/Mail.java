package dev.arca.mail;

import java.util.Objects;

/**
 * One transactional message with a plain-text and an HTML part.
 *
 * @param kind what sort of mail it is ({@link #TRANSACTIONAL}, {@code share}, {@code newsletter}), for counts
 * @param headers extra headers, such as {@code List-Unsubscribe}
 */
public record Mail(String to, String subject, String text, String html, String kind,
        java.util.Map<String, String> headers) {

    /** Mail about the recipient's account (verification, reset, notices). */
    public static final String TRANSACTIONAL = "transactional";

    public Mail {
        Objects.requireNonNull(to);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(text);
        Objects.requireNonNull(html);
        kind = kind == null ? TRANSACTIONAL : kind;
        headers = headers == null ? java.util.Map.of() : java.util.Map.copyOf(headers);
    }

    /**
     * A message whose HTML part is its text, escaped, a paragraph per blank-line-separated block
     * and a line break per line.
     */
    public static Mail ofText(String to, String subject, String text, String kind,
            java.util.Map<String, String> headers) {
        StringBuilder html = new StringBuilder("<!doctype html><html><body>");
        for (String paragraph : text.split("\n\n")) {
            html.append("<p>").append(org.springframework.web.util.HtmlUtils.htmlEscape(paragraph).replace("\n", "<br>"))
                    .append("</p>");
        }
        return new Mail(to, subject, text, html.append("</body></html>").toString(), kind, headers);
    }

    public Mail(String to, String subject, String text, String html) {
        this(to, subject, text, html, TRANSACTIONAL, java.util.Map.of());
    }

    @Override
    public String toString() {
        return "Mail[subject=" + subject + "]";
    }
}
