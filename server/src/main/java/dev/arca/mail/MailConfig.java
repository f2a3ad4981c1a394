package dev.arca.mail;

import dev.arca.platform.DataDirectory;
import dev.arca.platform.KeyDirectory;
import dev.arca.privacy.EgressGate;
import dev.arca.privacy.Purpose;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * SMTP when {@code spring.mail.host} is set ({@code SPRING_MAIL_HOST}), through the
 * {@link EgressGate}: the relay must be a registered processor; otherwise the {@link Outbox}.
 * Spring Boot's own mail sender is switched off (application.properties), so that no other
 * client of the relay exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfig {

    /** What the relay receives: addresses and messages, for the purposes of the kinds of mail Arca sends. */
    static final Set<Purpose> PURPOSES = EnumSet.of(Purpose.ACCOUNT, Purpose.SHARING_DELIVERY, Purpose.NEWSLETTER);
    static final Set<String> CATEGORIES = Set.of("contact", "message");

    /** How mail leaves the server: SMTP, or the outbox folder. {@link MailQueue} calls it. */
    @Bean
    MailTransport mailTransport(MailProperties smtp, EgressGate gate, DataDirectory dataDirectory, KeyDirectory keys,
            @Value("${arca.mail.from:Arca <arca@localhost>}") String from) {
        if (smtp.getHost() != null && !smtp.getHost().isBlank()) {
            return smtp(gate.smtp(new EgressGate.SmtpSettings(smtp.getHost().strip(),
                    smtp.getPort() == null ? 25 : smtp.getPort(), smtp.getUsername(), smtp.getPassword(),
                    smtp.getProperties()), PURPOSES, CATEGORIES), from);
        }
        return new Outbox(dataDirectory.subdirectory("outbox"), keys.secret("outbox"), from);
    }

    /** Delivery through an SMTP relay behind the gate. */
    static MailTransport smtp(EgressGate.SmtpRelay relay, String from) {
        return mail -> {
            try {
                relay.send(compose(relay.newMessage(), from, mail), purpose(mail.kind()), mail.to());
            } catch (MailException | MessagingException e) {
                throw new Mailer.MailFailedException("SMTP refused the message", e);
            }
        };
    }

    /** Why a kind of mail is sent. */
    static Purpose purpose(String kind) {
        return switch (kind) {
            case Mail.TRANSACTIONAL -> Purpose.ACCOUNT;
            case "share", "invitation", "notification" -> Purpose.SHARING_DELIVERY;
            case "newsletter" -> Purpose.NEWSLETTER;
            default -> throw new IllegalArgumentException("A kind of mail without a purpose: " + kind);
        };
    }

    static MimeMessage compose(MimeMessage message, String from, Mail mail) throws MessagingException {
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        for (var header : mail.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        return message;
    }
}
