-- Counters of rate limits, one row per key and fixed window. Keys are keyed hashes of what is
-- limited (an address, a network, an account), never the value itself. Shared by every node;
-- each count is one atomic statement.
CREATE TABLE rate_counts (
    bucket       TEXT    NOT NULL,
    window_start BIGINT  NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
