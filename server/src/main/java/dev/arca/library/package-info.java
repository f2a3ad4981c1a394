/**
 * The media library: items and their versions, uploads (multipart and tus), downloads with
 * ranges, quotas, search, albums, tags, trash and garbage collection, metadata extraction
 * jobs and previews.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "storage", "media", "web"})
package dev.arca.library;
