package dev.arca.sharing;

import dev.arca.accounts.Account;
import dev.arca.mail.Mail;
import dev.arca.mail.MailQueue;
import dev.arca.platform.Links;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The mail that brings a share to a recipient: who shares, the recipient's own link, and a link
 * to stop all further mail from this server to the address. In the sharer's language.
 */
@Component
class ShareMail {

    private final MailQueue mail;
    private final Links links;

    ShareMail(MailQueue mail, Links links) {
        this.mail = mail;
        this.links = links;
    }

    void send(Account owner, String title, String to, String token) {
        String link = links.to("/s/" + token);
        String stop = links.to("/mail/stop?token=" + mail.stopToken(to));
        boolean german = "de".equals(owner.language());
        String what = title == null || title.isBlank() ? (german ? "Fotos" : "photos") : "\u201c" + title + "\u201d";
        String subject = german ? owner.name() + " teilt " + what + " mit Ihnen" : owner.name() + " shared " + what
                + " with you";
        String text = (german
                ? owner.name() + " teilt " + what + " mit Ihnen: " + link
                        + "\n\nSie erhalten diese Nachricht, weil " + owner.name() + " Ihre Adresse angegeben hat. "
                        + "Keine weitere Post von diesem Server: " + stop
                : owner.name() + " shared " + what + " with you: " + link
                        + "\n\nYou receive this because " + owner.name() + " entered your address. "
                        + "No more mail from this server: " + stop);
        mail.send(Mail.ofText(to, subject, text, "share", Map.of("List-Unsubscribe", "<" + stop + ">")));
    }
}
