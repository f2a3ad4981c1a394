package dev.arca.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

    @Test
    @DisplayName("II.2d addresses are truncated to /24 and /48 before use")
    void truncatesToNetwork() {
        assertThat(IpAddresses.truncate("203.0.113.77")).isEqualTo("203.0.113.0/24");
        assertThat(IpAddresses.truncate("2001:db8:85a3:8d3:1319:8a2e:370:7348")).isEqualTo("2001:db8:85a3:0:0:0:0:0/48");
        assertThat(IpAddresses.truncate("[::1]")).isEqualTo("0:0:0:0:0:0:0:0/48");
    }

    @Test
    void nonLiteralsAreNeverLookedUp() {
        assertThat(IpAddresses.truncate("example.com")).isEqualTo("unknown");
        assertThat(IpAddresses.truncate("")).isEqualTo("unknown");
        assertThat(IpAddresses.truncate(null)).isEqualTo("unknown");
        assertThat(IpAddresses.truncate("999.1.1.1")).isEqualTo("unknown");
    }
}
