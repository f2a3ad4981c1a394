package dev.arca.sharing;

/**
 * An item as a share page shows it: its name under the share's rule, its kind, and whether the
 * recipient can play or download it (otherwise only its preview shows).
 */
public record SharedItem(String id, String name, String kind, boolean deliverable) {}
