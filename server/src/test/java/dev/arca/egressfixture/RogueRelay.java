package dev.arca.egressfixture;

import java.net.http.HttpClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What the egress rule must catch: a class outside the gate that builds its own mail sender and
 * HTTP client. Only {@code EgressRuleTest} imports it; it is never run.
 */
public class RogueRelay {

    public void leak(String address) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("relay.example.net");
        SimpleMailMessage message = new SimpleMailMessage();
        message.setTo(address);
        sender.send(message);
    }

    public HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
