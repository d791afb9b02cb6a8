package io.github.servermanager.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.ClientApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The client application with a web server on a random port and the {@code servermanager}
 * and {@code health} endpoints exposed, calling real backends on loopback. One per test
 * class: each test uses its own services so that tests do not see each other's failovers.
 */
final class ObservedApplication implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private final RestClient loadBalanced;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUri;

	private ObservedApplication(ConfigurableApplicationContext context) {
		this.context = context;
		this.loadBalanced = context.getBean(RestClient.Builder.class).build();
		this.baseUri = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	/**
	 * Starts the application.
	 * @param services the backends of each service, by service id
	 * @param properties more properties, {@code key=value}
	 * @return the running application
	 */
	static ObservedApplication start(Map<String, Backends> services, String... properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		services.forEach((serviceId, backends) -> defaults.putAll(backends.discoveryProperties(serviceId)));
		defaults.put("spring.application.name", "client");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("server.port", "0");
		defaults.put("server.address", "127.0.0.1");
		defaults.put("server-manager.membership-refresh", "10m");
		defaults.put("server-manager.ping-timeout", "500ms");
		defaults.put("management.endpoints.web.exposure.include", "servermanager,health");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(defaults)
			.properties(properties)
			.run();
		return new ObservedApplication(context);
	}

	/**
	 * Sends {@code GET http://<serviceId>/whoami} through the load balancer.
	 * @param serviceId the service
	 * @return the name of the backend that answered
	 */
	String whoami(String serviceId) {
		return this.loadBalanced.get().uri("http://" + serviceId + "/whoami").retrieve().body(String.class);
	}

	/**
	 * Sends a request that is expected to fail, for example to start the load balancer of
	 * a service without servers.
	 * @param serviceId the service
	 */
	void failingWhoami(String serviceId) {
		try {
			whoami(serviceId);
		}
		catch (RuntimeException ex) {
			return;
		}
		throw new AssertionError("A request to " + serviceId + " succeeded");
	}

	Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUri + path)).GET());
	}

	Answer post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUri + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	ManagedService service(String serviceId) {
		return this.context.getBean(ServerManagerRegistry.class)
			.find(serviceId)
			.orElseThrow(() -> new AssertionError("No managed service " + serviceId));
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * A status and body.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 */
	record Answer(int status, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
