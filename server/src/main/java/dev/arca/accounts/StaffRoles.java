package dev.arca.accounts;

import dev.arca.platform.StaffRole;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which operator roles each account holds ({@code staff_roles}); read on every request. */
@Component
class StaffRoles {

    private final JdbcClient jdbc;
    private final Clock clock;

    StaffRoles(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Set<StaffRole> of(String accountId) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        jdbc.sql("SELECT role FROM staff_roles WHERE account_id = ?").param(accountId)
                .query(rs -> {
                    roles.add(StaffRole.valueOf(rs.getString(1)));
                });
        return roles;
    }

    /** Every account holding a role, with its roles. */
    java.util.Map<String, Set<StaffRole>> staff() {
        java.util.Map<String, Set<StaffRole>> staff = new java.util.TreeMap<>();
        jdbc.sql("SELECT account_id, role FROM staff_roles").query(rs -> {
            staff.computeIfAbsent(rs.getString(1), k -> EnumSet.noneOf(StaffRole.class))
                    .add(StaffRole.valueOf(rs.getString(2)));
        });
        return staff;
    }

    /** Replaces the account's roles; returns what it held before. */
    Set<StaffRole> replace(String accountId, Set<StaffRole> roles) {
        Set<StaffRole> before = of(accountId);
        for (StaffRole role : before) {
            if (!roles.contains(role)) {
                jdbc.sql("DELETE FROM staff_roles WHERE account_id = ? AND role = ?").params(accountId, role.name())
                        .update();
            }
        }
        for (StaffRole role : roles) {
            if (!before.contains(role)) {
                jdbc.sql("INSERT INTO staff_roles (account_id, role, granted_at) VALUES (?, ?, ?)")
                        .params(accountId, role.name(), clock.millis()).update();
            }
        }
        return before;
    }
}
