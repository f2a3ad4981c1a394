package dev.arca.analytics;

import dev.arca.privacy.Classification;
import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Page views belong to no account and carry no identifier; the truncated network address is
 * still treated as personal (it narrows a visitor down to a network) and kept 14 days.
 */
@Component
class AnalyticsDataMap implements DataMapContribution {

    @Override
    public List<DataTable> tables() {
        return List.of(DataTable.ownedByNoOne("analytics_hits",
                "a page view names no account and carries no identifier; only its network is narrowed down",
                DataTable.Column.notPersonal("id"), DataTable.Column.notPersonal("day"),
                DataTable.Column.notPersonal("path"), DataTable.Column.notPersonal("referrer_domain"),
                DataTable.Column.notPersonal("duration_ms"), DataTable.Column.notPersonal("browser"),
                DataTable.Column.notPersonal("language"),
                new DataTable.Column("ip_prefix", Classification.PERSONAL, "truncated network address",
                        Purpose.ANALYTICS_COOKIES, "14 days", "no one")));
    }
}
