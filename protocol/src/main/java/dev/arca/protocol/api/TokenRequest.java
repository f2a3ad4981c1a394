package dev.arca.protocol.api;

/** {@code POST /api/v1/tokens}: sign in a device. {@code deviceName} names the token in lists. */
public record TokenRequest(String email, String password, String deviceName) {

    @Override
    public String toString() {
        return "TokenRequest[deviceName=" + deviceName + "]";
    }
}
