package dev.arca.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class MailLanguageTest {

    @Parameter
    Db db;

    @Test
    @DisplayName("account mail is written in the account's language, with a text and an HTML part")
    void inTheAccountsLanguage() {
        TestServer server = TestServer.on(db);
        String german = Users.newEmail();
        Users.register(server, german);
        assertThat(server.mailbox.messagesTo(german).getLast()).contains("Bestätigen Sie Ihre E-Mail-Adresse")
                .contains("<p>");
        String english = Users.newEmail();
        Map<String, Object> registration = new java.util.HashMap<>(Users.registration(english));
        registration.put("language", "en");
        server.http().post("/api/v1/accounts", registration, null);
        assertThat(server.mailbox.messagesTo(english).getLast()).contains("Confirm your e-mail address for Arca");
        Users.verify(server, german);
        server.http().post("/api/v1/password-resets", Map.of("email", german), null);
        assertThat(server.mailbox.awaitMessageTo(german, m -> m.contains("/password-reset/confirm")))
                .contains("Neues Passwort");
    }
}
