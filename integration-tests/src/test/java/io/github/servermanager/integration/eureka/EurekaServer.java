package io.github.servermanager.integration.eureka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.netflix.discovery.shared.Application;
import com.netflix.eureka.registry.PeerAwareInstanceRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Eureka server, in this JVM, on a random loopback port, tuned so that a
 * registration, a renewal or a cancellation shows in the registry within about a second.
 */
final class EurekaServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private EurekaServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static EurekaServer start() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", "eureka-server");
		properties.put("server.port", 0);
		properties.put("eureka.instance.hostname", "127.0.0.1");
		// A standalone server: it neither registers with nor fetches from a peer. Its own
		// host in the service URL marks the URL as itself, so it has no peers to
		// replicate to.
		properties.put("eureka.client.register-with-eureka", false);
		properties.put("eureka.client.fetch-registry", false);
		properties.put("eureka.client.service-url.defaultZone", "http://127.0.0.1:1/eureka/");
		// Serve registry changes at once: no read-only cache that refreshes every 30 s,
		// no 5-minute wait for a peer sync that never comes, no self-preservation that
		// keeps
		// dead instances, and an eviction sweep every second.
		properties.put("eureka.server.use-read-only-response-cache", false);
		properties.put("eureka.server.response-cache-update-interval-ms", 100);
		properties.put("eureka.server.wait-time-in-ms-when-sync-empty", 0);
		properties.put("eureka.server.registry-sync-retries", 0);
		properties.put("eureka.server.enable-self-preservation", false);
		properties.put("eureka.server.eviction-interval-timer-in-ms", 1000);
		properties.put("eureka.server.expected-client-renewal-interval-seconds", 1);
		properties.put("eureka.dashboard.enabled", false);
		properties.putAll(EurekaTestProperties.QUIET);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ServerApplication.class)
			.properties(properties)
			.run();
		return new EurekaServer(context);
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	/**
	 * The URL clients register with and fetch from.
	 * @return the service URL
	 */
	String serviceUrl() {
		return "http://127.0.0.1:" + port() + "/eureka/";
	}

	/**
	 * The instances of an application that the registry holds as {@code UP}, as the
	 * server answers a fetch.
	 * @param applicationName the application (any case)
	 * @return their instance ids
	 */
	List<String> upInstanceIds(String applicationName) {
		Application application = this.context.getBean(PeerAwareInstanceRegistry.class)
			.getApplication(applicationName.toUpperCase(Locale.ROOT));
		if (application == null) {
			return List.of();
		}
		return application.getInstances()
			.stream()
			.filter((instance) -> instance.getStatus() == InstanceStatus.UP)
			.map(InstanceInfo::getId)
			.toList();
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableEurekaServer
	static class ServerApplication {

	}

}
