package dev.arca.accounts;

import dev.arca.privacy.Purpose;
import java.util.Set;

/** What the sign-up form shows again after an error; the password is never sent back. */
public record SignupForm(String name, String email, String country, String language, String productSerial,
        Set<Purpose> consents) {

    static SignupForm empty() {
        return new SignupForm("", "", "", "en", "", Set.of());
    }
}
