package dev.arca.devices;

/**
 * A device was revoked. Published inside the revoking transaction, so that every capability that
 * keeps the device's id or name (sync journal, transfers, backup snapshots) removes it in the same
 * commit (I.2f: device data is kept until the device is revoked).
 */
public record DeviceRevoked(String accountId, String deviceId) {}
