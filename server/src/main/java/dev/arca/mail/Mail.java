package dev.arca.mail;

import java.util.Objects;

/**
 * One transactional message with a plain-text and an HTML part.
 *
 * @param actionLink the link the message is about (verification, reset); logged in outbox mode
 *     so an operator without SMTP can follow it. It must not contain personal values.
 */
public record Mail(String to, String subject, String text, String html, String actionLink) {

    public Mail {
        Objects.requireNonNull(to);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(text);
        Objects.requireNonNull(html);
    }

    @Override
    public String toString() {
        return "Mail[subject=" + subject + "]";
    }
}
