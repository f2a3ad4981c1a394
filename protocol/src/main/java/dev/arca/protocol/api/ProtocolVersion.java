package dev.arca.protocol.api;

/**
 * The API's protocol version. Clients send it in the {@value #HEADER} header; a server answers
 * requests outside [{@link #MIN_SUPPORTED}, {@link #CURRENT}] with
 * {@link ProblemTypes#UNSUPPORTED_VERSION}.
 */
public final class ProtocolVersion {

    public static final String HEADER = "Arca-Protocol";
    public static final int CURRENT = 1;
    public static final int MIN_SUPPORTED = 1;

    private ProtocolVersion() {}

    public static boolean supported(int version) {
        return version >= MIN_SUPPORTED && version <= CURRENT;
    }
}
