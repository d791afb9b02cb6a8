package io.github.servermanager.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Says in one INFO line, once the application's beans are ready, that the server manager
 * took effect and how it manages services: the defaults every service gets, and each
 * service whose entry changes how it is pinged or fronted, or turns it off.
 */
class ServerManagerStartupReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ServerManagerStartupReport.class);

	private final ServerManagerProperties properties;

	private final @Nullable String zone;

	ServerManagerStartupReport(ServerManagerProperties properties, @Nullable String zone) {
		this.properties = properties;
		this.zone = zone;
	}

	@Override
	public void afterSingletonsInstantiated() {
		logger.info(line());
	}

	String line() {
		StringBuilder line = new StringBuilder(
				"Server manager: every load-balanced service sticks to its front servers, ")
			.append(how(this.properties))
			.append(", zone ")
			.append((this.zone != null) ? this.zone : "none");
		List<String> services = new ArrayList<>();
		for (Map.Entry<String, ServiceProperties> entry : this.properties.getServices().entrySet()) {
			ServiceProperties service = entry.getValue();
			if (!service.isEnabled()) {
				services.add(entry.getKey() + " (not managed)");
			}
			else if (!how(service).equals(how(this.properties))) {
				services.add(entry.getKey() + " (" + how(service) + ")");
			}
		}
		if (!services.isEmpty()) {
			line.append("; ").append(String.join(", ", services));
		}
		return line.toString();
	}

	private static String how(ServiceProperties service) {
		String ping = switch (service.getPing()) {
			case HTTP, HTTP_HEALTH ->
				"ping " + service.getPing().name().toLowerCase().replace('_', '-') + " " + service.getHealthPath();
			case TCP -> "ping tcp";
			case NONE -> "no ping";
		};
		return ping + " within " + service.getPingTimeout().toMillis() + "ms, front selection "
				+ service.getFrontSelection().name().toLowerCase();
	}

}
