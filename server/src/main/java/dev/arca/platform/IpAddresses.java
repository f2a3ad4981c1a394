package dev.arca.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Truncates IP addresses before anything is written or keyed on them: IPv4 to its /24, IPv6 to
 * its /48. The full address is never stored.
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** The truncated network of a literal address; "unknown" for anything that is not one. */
    public static String truncate(String address) {
        if (address == null) {
            return "unknown";
        }
        String literal = address.strip().replace("[", "").replace("]", "").replaceAll("%.*$", "");
        boolean v4 = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = literal.contains(":") && literal.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            return "unknown";
        }
        try {
            // Only literals get here, so getByName parses and never looks anything up.
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            int keep = bytes.length == 4 ? 3 : 6;
            for (int i = keep; i < bytes.length; i++) {
                bytes[i] = 0;
            }
            return InetAddress.getByAddress(bytes).getHostAddress() + (bytes.length == 4 ? "/24" : "/48");
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
