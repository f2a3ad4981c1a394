package dev.arca.protocol.api;

/**
 * The {@code type} URIs of the API's problem details (RFC 9457). Clients act on these, never
 * on the human-readable {@code detail}.
 */
public final class ProblemTypes {

    private static final String PREFIX = "urn:arca:problem:";

    /** The request is malformed or a field is invalid; the body names the field. */
    public static final String INVALID_REQUEST = PREFIX + "invalid-request";
    /** No valid credentials were given. */
    public static final String UNAUTHENTICATED = PREFIX + "unauthenticated";
    /** Signed in, but the operation needs another role. */
    public static final String FORBIDDEN = PREFIX + "forbidden";
    /** The e-mail and password do not match an account (never says which was wrong). */
    public static final String BAD_CREDENTIALS = PREFIX + "bad-credentials";
    /** Too many attempts; retry after the {@code Retry-After} seconds. */
    public static final String RATE_LIMITED = PREFIX + "rate-limited";
    /** The operation needs a consent the subject has not given for the current policy. */
    public static final String CONSENT_REQUIRED = PREFIX + "consent-required";
    /** The resource does not exist or belongs to someone else. */
    public static final String NOT_FOUND = PREFIX + "not-found";
    /** The request conflicts with the current state. */
    public static final String CONFLICT = PREFIX + "conflict";

    /** 409: a consent was granted to a notice no longer in force; the body names the current version. */
    public static final String NOTICE_CHANGED = PREFIX + "notice-changed";
    /** A link or token has expired or was already used. */
    public static final String TOKEN_INVALID = PREFIX + "token-invalid";
    /** The client speaks a protocol version this server does not. */
    public static final String UNSUPPORTED_VERSION = PREFIX + "unsupported-protocol-version";

    /** Storing this would take the account over its quota; nothing was stored. */
    public static final String QUOTA_EXCEEDED = PREFIX + "quota-exceeded";
    /** The file is larger than this server accepts in one upload. */
    public static final String TOO_LARGE = PREFIX + "too-large";
    /** The image has more pixels than this server renders at full size; its previews still show. */
    public static final String IMAGE_TOO_LARGE = PREFIX + "image-too-large";
    /** The account has as many unfinished resumable uploads as it may; finish or cancel one first. */
    public static final String TOO_MANY_UPLOADS = PREFIX + "too-many-uploads";
    /** The bytes received do not match the checksum the client sent; they were discarded. */
    public static final String CHECKSUM_MISMATCH = PREFIX + "checksum-mismatch";
    /** The upload is gone: finished, cancelled or expired. */
    public static final String GONE = PREFIX + "gone";
    /** The stored content could not be read back intact from any copy. */
    public static final String STORAGE_FAILURE = PREFIX + "storage-failure";
    /** A sync change was based on another version of the file than the current one ({@code current} says which). */
    public static final String SYNC_CONFLICT = PREFIX + "sync-conflict";
    /** A manifest names chunks the account does not store ({@code missing} lists them); nothing was committed. */
    public static final String MISSING_CHUNKS = PREFIX + "missing-chunks";

    private ProblemTypes() {}
}
