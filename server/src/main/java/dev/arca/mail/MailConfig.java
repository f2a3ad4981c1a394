package dev.arca.mail;

import dev.arca.platform.DataDirectory;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * SMTP when {@code spring.mail.host} is set ({@code SPRING_MAIL_HOST}); otherwise the outbox: one
 * {@code .eml} file per message in {@code <data dir>/outbox}, written to a temporary file and
 * renamed, so a reader never sees half a message.
 */
@Configuration(proxyBeanMethods = false)
class MailConfig {

    private static final Logger LOG = LoggerFactory.getLogger(MailConfig.class);

    /** How mail leaves the server: SMTP, or the outbox folder. {@link MailQueue} calls it. */
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> smtp, DataDirectory dataDirectory,
            @Value("${arca.mail.from:Arca <arca@localhost>}") String from) {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender != null) {
            return smtp(sender, from);
        }
        Path outbox = dataDirectory.subdirectory("outbox");
        Session session = Session.getInstance(new Properties());
        return mail -> {
            try {
                MimeMessage message = compose(new MimeMessage(session), from, mail);
                message.saveChanges();
                Path temp = Files.createTempFile(outbox, ".mail", ".tmp");
                try (OutputStream out = Files.newOutputStream(temp)) {
                    message.writeTo(out);
                }
                Path target = outbox.resolve(System.currentTimeMillis() + "-" + temp.getFileName().toString()
                        .replace(".tmp", "").replace(".mail", "") + ".eml");
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                // The kind, never the subject (it can name people), a link (it can be a live reset or
                // verification link, and logs are read by more people than mailboxes) or the file,
                // which holds the recipient's address; files are named by time, as lines are.
                LOG.info("No SMTP server configured: mail of kind {} written to the outbox", mail.kind());
            } catch (IOException | MessagingException e) {
                throw new Mailer.MailFailedException("Cannot write to the outbox", e);
            }
        };
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

    private static MimeMessage compose(MimeMessage message, String from, Mail mail) throws MessagingException {
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
