package dev.arca.telemetry;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reports are anonymous by construction (no account, no address, day only), so not personal. */
@Component
class TelemetryDataMap implements DataMapContribution {

    @Override
    public List<DataTable> tables() {
        return List.of(DataTable.notPersonal("telemetry_reports", "id", "received_day", "product", "product_version",
                "os_version", "country", "language", "feature_counts"));
    }
}
