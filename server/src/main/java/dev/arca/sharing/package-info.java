/**
 * Sharing with anyone who has a link (I.2d): share links to items or an album, with password,
 * expiry, download limit and revocation; the public share page; and what recipients receive, with
 * the place, times, serial numbers and names removed from the file bytes unless the owner keeps
 * them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "limits", "library", "media",
        "web", "mail", "accounts"})
package dev.arca.sharing;
