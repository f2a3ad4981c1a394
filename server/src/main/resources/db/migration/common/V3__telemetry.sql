-- Product improvement reports (I.2g). Anonymous by construction: no account, no address,
-- and the day only, so no report can be tied back to a person or a request.
CREATE TABLE telemetry_reports (
    id              TEXT    PRIMARY KEY,
    received_day    TEXT    NOT NULL,
    product         TEXT    NOT NULL,
    product_version TEXT    NOT NULL,
    os_version      TEXT    NOT NULL,
    country         TEXT    NOT NULL,
    language        TEXT    NOT NULL,
    feature_counts  TEXT    NOT NULL
);
