package io.github.servermanager.ping;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Where the HTTP pings of an instance go. An instance may announce its management
 * endpoints in its discovery metadata, and the pings follow what it announces:
 * <ul>
 * <li>the port: the metadata key given here ({@code management.port} by default, the key
 * Eureka's client registers), else the instance's own port;</li>
 * <li>the path: {@code health.path} (absolute, or relative to the management context
 * path), else {@code management.context-path} + {@code /health} (the keys Spring Boot
 * Admin reads, which users set in their registration metadata), else the configured
 * health path.</li>
 * </ul>
 */
public final class HealthUris {

	/** Metadata key of the health path, absolute or relative to the management path. */
	public static final String HEALTH_PATH_KEY = "health.path";

	/** Metadata key of the management context path, for example {@code /actuator}. */
	public static final String MANAGEMENT_CONTEXT_PATH_KEY = "management.context-path";

	/** Metadata key of the management port that Eureka's client registers. */
	public static final String MANAGEMENT_PORT_KEY = "management.port";

	private static final String DEFAULT_MANAGEMENT_CONTEXT_PATH = "/actuator";

	private final String healthPath;

	private final String portMetadataKey;

	/**
	 * Creates the resolver.
	 * @param healthPath the path pinged when the metadata announces none, starting with
	 * {@code /}
	 * @param portMetadataKey the metadata key whose value is the port to ping
	 */
	public HealthUris(String healthPath, String portMetadataKey) {
		this.healthPath = requireHealthPath(healthPath);
		this.portMetadataKey = Objects.requireNonNull(portMetadataKey, "portMetadataKey must not be null");
	}

	/**
	 * Returns the health URI of an instance.
	 * @param instance the instance
	 * @return its health URI, {@code https} when the instance is secure
	 */
	public URI of(ServiceInstance instance) {
		Map<String, String> metadata = (instance.getMetadata() != null) ? instance.getMetadata() : Map.of();
		String scheme = instance.isSecure() ? "https" : "http";
		try {
			return new URI(scheme, null, instance.getHost(), port(instance, metadata), path(metadata), null, null);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Cannot build a health URI for instance " + instance.getInstanceId()
					+ " at " + instance.getHost() + ":" + instance.getPort(), ex);
		}
	}

	/**
	 * Returns the path pinged when the metadata announces none.
	 * @return the configured health path
	 */
	public String healthPath() {
		return this.healthPath;
	}

	private int port(ServiceInstance instance, Map<String, String> metadata) {
		String announced = metadata.get(this.portMetadataKey);
		if (announced != null) {
			try {
				int port = Integer.parseInt(announced.trim());
				if (port > 0 && port < 65536) {
					return port;
				}
			}
			catch (NumberFormatException ex) {
				// Not a port: the instance's own port is the better guess.
			}
		}
		return instance.getPort();
	}

	private String path(Map<String, String> metadata) {
		String contextPath = text(metadata.get(MANAGEMENT_CONTEXT_PATH_KEY));
		String health = text(metadata.get(HEALTH_PATH_KEY));
		if (health != null) {
			return health.startsWith("/") ? health
					: join((contextPath != null) ? contextPath : DEFAULT_MANAGEMENT_CONTEXT_PATH, health);
		}
		if (contextPath != null) {
			return join(contextPath, "health");
		}
		return this.healthPath;
	}

	private static String join(String base, String relative) {
		String prefix = base.startsWith("/") ? base : "/" + base;
		return prefix.endsWith("/") ? prefix + relative : prefix + "/" + relative;
	}

	private static @Nullable String text(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

	static String requireHealthPath(String healthPath) {
		Objects.requireNonNull(healthPath, "healthPath must not be null");
		if (!healthPath.startsWith("/")) {
			throw new IllegalArgumentException(
					"healthPath must start with '/', but was '" + healthPath + "' (for example /actuator/health)");
		}
		return healthPath;
	}

}
