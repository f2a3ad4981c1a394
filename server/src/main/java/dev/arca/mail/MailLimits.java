package dev.arca.mail;

import dev.arca.limits.RateLimits;
import dev.arca.platform.IpAddresses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Decides whether a request may cause mail: at most so many per sending account, per recipient
 * address and per network in an hour. Every request that would mail is counted, whether or not
 * mail is then sent (an address without an account is counted like one with), so a limit says
 * nothing about accounts. Called before the work that mails, so the caller hears {@code 429};
 * the network is that of the current request.
 */
@Component
public class MailLimits {

    private static final Duration HOUR = Duration.ofHours(1);

    private final RateLimits limits;
    private final RateLimits.Limit perSender;
    private final RateLimits.Limit perRecipient;
    private final RateLimits.Limit perNetwork;

    MailLimits(RateLimits limits, @Value("${arca.mail.limits.per-sender:60}") int perSender,
            @Value("${arca.mail.limits.per-recipient:10}") int perRecipient,
            @Value("${arca.mail.limits.per-network:30}") int perNetwork) {
        this.limits = limits;
        this.perSender = new RateLimits.Limit("mail/sender", perSender, HOUR);
        this.perRecipient = new RateLimits.Limit("mail/recipient", perRecipient, HOUR);
        this.perNetwork = new RateLimits.Limit("mail/network", perNetwork, HOUR);
    }

    /**
     * Counts one message about to be caused.
     *
     * @param senderAccountId the signed-in account that causes it, or null for an anonymous request
     * @param recipient the address it would go to
     * @throws RateLimits.Exceeded (429) when a limit was already reached; nothing should be mailed
     */
    public void admit(String senderAccountId, String recipient) {
        String clientAddress = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr() : null;
        List<RateLimits.Check> checks = new ArrayList<>(3);
        checks.add(new RateLimits.Check(perRecipient, recipient == null ? "" : recipient.strip().toLowerCase(Locale.ROOT)));
        if (senderAccountId != null) {
            checks.add(new RateLimits.Check(perSender, senderAccountId));
        }
        if (clientAddress != null) {
            checks.add(new RateLimits.Check(perNetwork, IpAddresses.truncate(clientAddress)));
        }
        limits.require("messages", checks.toArray(RateLimits.Check[]::new));
    }
}
