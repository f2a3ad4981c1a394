/**
 * Platform: configuration, the security chain, persistence, TLS and request logging that every
 * capability stands on. It knows no capability; capabilities plug in through its interfaces.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.arca.platform;
