-- First-party site analytics (II.2d, II.6): one row per page view of a visitor who opted in.
-- No account, no cookie, no identifier; the network address is truncated before it is stored.
-- Only the day is kept, not the time, so views cannot be chained into one visitor's visit.
-- Rows are deleted after 14 days; the operator sees only aggregates of at least 5.
CREATE TABLE analytics_hits (
    id              TEXT    PRIMARY KEY,
    day             TEXT    NOT NULL,
    path            TEXT    NOT NULL,
    referrer_domain TEXT,
    duration_ms     BIGINT,
    browser         TEXT    NOT NULL,
    language        TEXT,
    ip_prefix       TEXT
);
CREATE INDEX analytics_hits_day ON analytics_hits (day);
