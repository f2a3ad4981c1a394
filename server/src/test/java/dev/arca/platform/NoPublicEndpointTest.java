package dev.arca.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * II.2e: personal data sits behind the application. A running server listens on its one HTTP
 * port and nothing else (no database, storage, debug or management port), and the files of its
 * data directory cannot be fetched through that port.
 */
class NoPublicEndpointTest {

    @TempDir
    Path dataDir;

    @Test
    @EnabledOnOs(OS.LINUX)
    @DisplayName("II.2e the server opens no listening socket but its HTTP port, and serves no file of its data directory")
    void onlyTheApplicationListens() throws Exception {
        ServerProcess server = ServerProcess.start(dataDir);
        try {
            assertThat(listening(server.process().pid())).as("ports the server process listens on")
                    .containsExactly("127.0.0.1:" + server.port());
            String token = server.signUp();
            for (String path : List.of("/arca.db", "/arca.db-wal", "/keys/server.key", "/outbox", "/disk-a",
                    "/..%2farca.db", "/css/../arca.db", "/css/..%2f..%2farca.db", "/h2-console", "/actuator",
                    "/actuator/env", "/actuator/heapdump")) {
                for (String caller : new String[] {null, token}) {
                    var response = server.send("GET", path, caller, null, null);
                    assertThat(response.status()).as(path + (caller == null ? "" : " signed in")).isNotEqualTo(200);
                    assertThat(new String(response.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                            .doesNotContain("SQLite format 3");
                }
            }
        } finally {
            server.kill();
        }
    }

    /** The local addresses of the process's listening TCP sockets, from /proc. */
    private static Set<String> listening(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed while listed
                }
            }
        }
        Set<String> addresses = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = line.trim().split("\\s+");
                boolean listen = f[3].equals("0A");
                if (listen && inodes.contains(f[9])) {
                    addresses.add(address(f[1], table.equals("tcp6")));
                }
            }
        }
        return addresses;
    }

    /**
     * {@code 0100007F:1F90} as {@code 127.0.0.1:8080}, an IPv4-mapped IPv6 address as its IPv4
     * address, other IPv6 addresses as their hex.
     */
    private static String address(String hex, boolean six) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String v4 = parts[0];
        if (six) {
            if (!parts[0].startsWith("0000000000000000FFFF0000")) {
                return "[" + parts[0] + "]:" + port;
            }
            v4 = parts[0].substring(24);
        }
        long ip = Long.parseLong(v4, 16);
        return (ip & 0xff) + "." + ((ip >> 8) & 0xff) + "." + ((ip >> 16) & 0xff) + "." + ((ip >> 24) & 0xff) + ":" + port;
    }
}
