package dev.arca.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail delivery without an SMTP server: one {@code .eml} file per message in
 * {@code <data dir>/outbox/<recipient>/}, written to a temporary file and renamed, so a reader
 * never sees half a message. The folder of a recipient is named by a keyed hash of the address,
 * so the listing names no one, and {@link #forget} can delete a recipient's messages without
 * reading any.
 */
final class Outbox implements MailTransport {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Path root;
    private final byte[] key;
    private final String from;
    private final Session session = Session.getInstance(new Properties());

    Outbox(Path root, byte[] key, String from) {
        this.root = root;
        this.key = key;
        this.from = from;
    }

    @Override
    public void deliver(Mail mail) {
        try {
            MimeMessage message = MailConfig.compose(new MimeMessage(session), from, mail);
            message.saveChanges();
            Path folder = Files.createDirectories(folderOf(mail.to()));
            Path temp = Files.createTempFile(folder, ".mail", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                message.writeTo(out);
            }
            Path target = folder.resolve(System.currentTimeMillis() + "-" + temp.getFileName().toString()
                    .replace(".tmp", "").replace(".mail", "") + ".eml");
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            // The kind, never the subject (it can name people) nor a link (it can be a live
            // reset or verification link, and logs are read by more people than mailboxes).
            LOG.info("No SMTP server configured: mail of kind {} written to the outbox", mail.kind());
        } catch (IOException | MessagingException e) {
            throw new Mailer.MailFailedException("Cannot write to the outbox", e);
        }
    }

    @Override
    public void forget(String address) {
        Path folder = folderOf(address);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete a recipient's messages from the outbox", e);
        }
    }

    private Path folderOf(String address) {
        byte[] mac = dev.arca.platform.Secrets.hmacSha256(key, address.strip().toLowerCase(Locale.ROOT));
        return root.resolve(HexFormat.of().formatHex(mac, 0, 16));
    }
}
