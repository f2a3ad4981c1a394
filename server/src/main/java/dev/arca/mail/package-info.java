/** Transactional mail: SMTP when configured, otherwise .eml files in the data directory's outbox. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package dev.arca.mail;
