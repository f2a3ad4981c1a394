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
        return ids(accountId).contains(tokenId);
    }

    /** The ids of the account's live tokens. */
    public java.util.Set<String> ids(String accountId) {
        return tokens.list(accountId).stream().map(DeviceToken::id).collect(java.util.stream.Collectors.toSet());
    }

    /** Ends a token at once; false when the account has no such token. */
    public boolean revoke(String accountId, String tokenId) {
        return tokens.revoke(accountId, tokenId);
    }
}
