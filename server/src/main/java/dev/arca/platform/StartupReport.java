package dev.arca.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says where Arca can be opened and how it is reached, once the web server listens. */
@Component
class StartupReport implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    private final Environment env;
    private final DataDirectory dataDirectory;

    StartupReport(Environment env, DataDirectory dataDirectory) {
        this.env = env;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        boolean tls = env.getProperty("arca.tls-active", Boolean.class, false);
        String address = env.getProperty("server.address", "127.0.0.1");
        String host = address.contains(":") ? "[" + address + "]" : address;
        String url = (tls ? "https://" : "http://") + host + ":" + event.getWebServer().getPort() + "/";
        LOG.info("Arca is ready: open {}", url);
        LOG.info("Data directory: {}", dataDirectory.root());
        if (!tls) {
            LOG.info("Serving plain HTTP on a loopback address only; set ARCA_TLS=auto to serve HTTPS.");
        }
    }
}
