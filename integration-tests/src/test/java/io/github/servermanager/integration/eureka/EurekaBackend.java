package io.github.servermanager.integration.eureka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small web application on a random loopback port that registers with Eureka as a real
 * Eureka client and answers {@code GET /} with its instance id.
 */
final class EurekaBackend implements AutoCloseable {

	private final String instanceId;

	private final ConfigurableApplicationContext context;

	private EurekaBackend(String instanceId, ConfigurableApplicationContext context) {
		this.instanceId = instanceId;
		this.context = context;
	}

	/**
	 * Starts a backend and registers it.
	 * @param server the Eureka server
	 * @param serviceId the service it is an instance of
	 * @param instanceId its instance id, also the body of every answer
	 * @return the running backend
	 */
	static EurekaBackend start(EurekaServer server, String serviceId, String instanceId) {
		return start(server, serviceId, instanceId, Map.of());
	}

	/**
	 * Starts a backend and registers it with properties of its own, for example its
	 * {@code eureka.instance.metadata-map.*}.
	 * @param server the Eureka server
	 * @param serviceId the service it is an instance of
	 * @param instanceId its instance id, also the body of every answer
	 * @param extraProperties properties added to, or replacing, the defaults
	 * @return the running backend
	 */
	static EurekaBackend start(EurekaServer server, String serviceId, String instanceId,
			Map<String, Object> extraProperties) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", serviceId);
		properties.put("server.port", 0);
		properties.put("eureka.client.service-url.defaultZone", server.serviceUrl());
		properties.putAll(EurekaTestProperties.registration(instanceId));
		properties.put("eureka.client.fetch-registry", false);
		// Beans a request never needs (actuator endpoints, converters...) are not built:
		// start-up is most of what these tests spend.
		properties.put("spring.main.lazy-initialization", true);
		properties.putAll(EurekaTestProperties.QUIET);
		properties.putAll(EurekaTestProperties.REST_CLIENT_TRANSPORT);
		properties.putAll(extraProperties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BackendApplication.class)
			.properties(properties)
			.run();
		return new EurekaBackend(instanceId, context);
	}

	String instanceId() {
		return this.instanceId;
	}

	int port() {
		return webServer().getPort();
	}

	/**
	 * Returns how many {@code GET /} this backend has answered (health checks and pings
	 * not counted).
	 * @return the count
	 */
	int requests() {
		return this.context.getBean(NameController.class).requests();
	}

	/**
	 * Stops answering (connections are refused) while staying registered and renewing its
	 * lease, as a server that is hung or crashed but not yet evicted.
	 */
	void stopServing() {
		webServer().stop();
	}

	/**
	 * Deregisters from Eureka and shuts down, as a graceful shutdown does.
	 */
	@Override
	public void close() {
		this.context.close();
	}

	private WebServer webServer() {
		return ((WebServerApplicationContext) this.context).getWebServer();
	}

	@Override
	public String toString() {
		return this.instanceId;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(NameController.class)
	static class BackendApplication {

	}

	@RestController
	static class NameController {

		private final String instanceId;

		private final AtomicInteger requests = new AtomicInteger();

		NameController(@Value("${eureka.instance.instance-id}") String instanceId) {
			this.instanceId = instanceId;
		}

		@GetMapping("/")
		String name() {
			this.requests.incrementAndGet();
			return this.instanceId;
		}

		int requests() {
			return this.requests.get();
		}

	}

}
