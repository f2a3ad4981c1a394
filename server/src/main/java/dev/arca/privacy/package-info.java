/**
 * The privacy core: purposes and their legal bases, the consent ledger, the purpose gate,
 * policy versions, the data map, and the subject rights built on it (export, erasure).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package dev.arca.privacy;
