/**
 * Media understanding: content type detection, metadata extraction, previews, edits and XMP sidecars.
 *
 * <p>Plain components without database access. Files are read, never changed. Every entry point is
 * bounded in time and memory and reports bad content as a result, not as an exception. Nothing here
 * logs personal values (file names, tag values): only counts, types and reasons.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.arca.media;
