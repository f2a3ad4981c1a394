package dev.arca.limits;

import static dev.arca.privacy.DataTable.Column.notPersonal;
import static dev.arca.privacy.DataTable.Column.personal;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class LimitsDataMap implements DataMapContribution {

    @Override
    public List<DataTable> tables() {
        return List.of(DataTable.ownedByNoOne("rate_counts",
                "the bucket is a keyed hash of an address, network or account: pseudonymous, and tied to no "
                        + "subject row, so it is kept for its short life and not erased with an account",
                personal("bucket", "security", Purpose.SECURITY, "until its window ends, at most two days"),
                notPersonal("window_start"),
                notPersonal("hits")));
    }
}
