package dev.arca.telemetry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.Secrets;
import dev.arca.privacy.Purpose;
import dev.arca.privacy.PurposeGate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Receives product improvement reports. The fixed field list is the record below: any other
 * field is refused. The consent is checked first; without it nothing is stored. A stored report
 * keeps no account, no address and only the day, so it cannot be tied to the sender.
 */
@RestController
class TelemetryApi {

    private final PurposeGate gate;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;

    TelemetryApi(PurposeGate gate, JdbcClient jdbc, Clock clock, ObjectMapper json) {
        this.gate = gate;
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record Report(
            @NotBlank @Size(max = 40) String product,
            @NotBlank @Size(max = 40) String productVersion,
            @NotBlank @Size(max = 80) String osVersion,
            @NotNull @Pattern(regexp = "[A-Z]{2}") String country,
            @NotNull @Pattern(regexp = "[a-z]{2,3}") String language,
            @NotNull @Size(max = 100) Map<@Pattern(regexp = "[a-z0-9_.-]{1,64}") String, @NotNull Long> featureCounts) {}

    @PostMapping("/api/v1/telemetry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void report(@AuthenticationPrincipal ArcaPrincipal me, @Valid @RequestBody Report report) {
        gate.require(me.accountId(), Purpose.PRODUCT_IMPROVEMENT);
        jdbc.sql("""
                INSERT INTO telemetry_reports (id, received_day, product, product_version, os_version, country,
                    language, feature_counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Secrets.newId(), LocalDate.now(clock).toString(), report.product(), report.productVersion(),
                        report.osVersion(), report.country(), report.language(),
                        json.writeValueAsString(new TreeMap<>(report.featureCounts())))
                .update();
    }
}
