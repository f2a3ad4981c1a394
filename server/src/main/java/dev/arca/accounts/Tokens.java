package dev.arca.accounts;

import org.springframework.stereotype.Service;

/** What other capabilities may do with an account's bearer tokens. */
@Service
public class Tokens {

    private final ApiTokens tokens;

    Tokens(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** Whether the account has a live token with this id. */
    public boolean exists(String accountId, String tokenId) {
        return tokens.list(accountId).stream().anyMatch(t -> t.id().equals(tokenId));
    }

    /** Ends a token at once; false when the account has no such token. */
    public boolean revoke(String accountId, String tokenId) {
        return tokens.revoke(accountId, tokenId);
    }
}
