package dev.arca.mail;

import dev.arca.platform.DataDirectory;
import dev.arca.platform.KeyDirectory;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** SMTP when {@code spring.mail.host} is set ({@code SPRING_MAIL_HOST}); otherwise the {@link Outbox}. */
@Configuration(proxyBeanMethods = false)
class MailConfig {

    /** How mail leaves the server: SMTP, or the outbox folder. {@link MailQueue} calls it. */
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> smtp, DataDirectory dataDirectory, KeyDirectory keys,
            @Value("${arca.mail.from:Arca <arca@localhost>}") String from) {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender != null) {
            return smtp(sender, from);
        }
        return new Outbox(dataDirectory.subdirectory("outbox"), keys.secret("outbox"), from);
    }

    /** Delivery through an SMTP server. */
    static MailTransport smtp(JavaMailSender sender, String from) {
        return mail -> {
            try {
                sender.send(compose(sender.createMimeMessage(), from, mail));
            } catch (MailException | MessagingException e) {
                throw new Mailer.MailFailedException("SMTP refused the message", e);
            }
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
