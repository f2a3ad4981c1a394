package dev.arca.accounts;

import java.time.Instant;

/** An account as its owner sees it. Never carries the password hash. */
public record Account(String id, String name, String email, boolean emailVerified, String country, String language,
        String productSerial, Role role, Instant createdAt, Instant updatedAt) {

    public enum Role { USER, ADMIN }

    @Override
    public String toString() {
        return "Account[" + id + "]";
    }
}
