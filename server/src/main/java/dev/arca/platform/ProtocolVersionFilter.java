package dev.arca.platform;

import dev.arca.protocol.api.ProblemTypes;
import dev.arca.protocol.api.ProtocolVersion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API calls from clients that speak a protocol version this server does not, with a
 * message saying which side to upgrade. Requests without the header (browsers, scripts) pass.
 */
@Component
class ProtocolVersionFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(ProtocolVersion.HEADER);
        if (header != null) {
            int version;
            try {
                version = Integer.parseInt(header.strip());
            } catch (NumberFormatException e) {
                version = -1;
            }
            if (!ProtocolVersion.supported(version)) {
                String advice = version > ProtocolVersion.CURRENT ? "Upgrade the server." : "Upgrade the client.";
                ProblemResponses.write(response, HttpStatus.BAD_REQUEST, ProblemTypes.UNSUPPORTED_VERSION,
                        "This server speaks protocol versions " + ProtocolVersion.MIN_SUPPORTED + " to "
                                + ProtocolVersion.CURRENT + ". " + advice);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
