package io.github.servermanager.autoconfigure;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.github.servermanager.core.Pinger;
import io.github.servermanager.ping.HealthUris;
import io.github.servermanager.ping.HttpPinger;
import io.github.servermanager.ping.TcpPinger;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Builds the pinger a service's configuration asks for. Checks at start-up that every
 * {@code ssl-bundle} the configuration names exists, so that a typo stops the application
 * with the key at fault instead of failing every ping of a secure instance.
 */
public class ServerManagerPingers {

	private final @Nullable SslBundles sslBundles;

	/** Cuts a ping off at its timeout, whatever the server does. */
	private final ScheduledExecutorService deadlines;

	/** The current bundle of each name in use, replaced when Spring Boot reloads it. */
	private final Map<String, SslBundle> bundles = new ConcurrentHashMap<>();

	/**
	 * Creates the factory and checks the configured SSL bundles.
	 * @param properties the configuration
	 * @param sslBundles Spring Boot's SSL bundles, or {@code null} when there are none
	 * @param deadlines the timer that cuts HTTP pings off at their timeout
	 * @throws InvalidServerManagerPropertyException when an {@code ssl-bundle} names no
	 * bundle
	 */
	public ServerManagerPingers(ServerManagerProperties properties, @Nullable SslBundles sslBundles,
			ScheduledExecutorService deadlines) {
		this.sslBundles = sslBundles;
		this.deadlines = Objects.requireNonNull(deadlines, "deadlines must not be null");
		String global = properties.getSslBundle();
		if (global != null) {
			sslBundle(ServerManagerProperties.PREFIX + ".ssl-bundle", global);
		}
		properties.getServices().forEach((serviceId, service) -> {
			String bundle = service.getSslBundle();
			if (bundle != null && !bundle.equals(global)) {
				sslBundle(ServerManagerProperties.serviceKey(serviceId, "ssl-bundle"), bundle);
			}
		});
	}

	/**
	 * Creates the pinger of one service.
	 * @param configuration the service's settings
	 * @return its pinger
	 */
	public Pinger<ServiceInstance> create(ServiceProperties configuration) {
		return switch (configuration.getPing()) {
			case HTTP -> httpPinger(configuration, HttpPinger.Healthy.ANY_ANSWER_BELOW_500);
			case HTTP_HEALTH -> httpPinger(configuration, HttpPinger.Healthy.SUCCESS_ONLY);
			case TCP -> new TcpPinger(configuration.getPingTimeout());
			case NONE -> (instance) -> true;
		};
	}

	private HttpPinger httpPinger(ServiceProperties configuration, HttpPinger.Healthy healthy) {
		String bundleName = configuration.getSslBundle();
		if (bundleName != null) {
			trackedBundle(bundleName);
		}
		Supplier<@Nullable SslBundle> bundle = (bundleName != null) ? () -> this.bundles.get(bundleName) : () -> null;
		return new HttpPinger(
				new HealthUris(configuration.getHealthPath(), configuration.getPingPortMetadataKey().trim()),
				configuration.getPingTimeout(), healthy, bundle, this.deadlines);
	}

	/** Looks a bundle up once and follows its reloads from then on. */
	private void trackedBundle(String name) {
		this.bundles.computeIfAbsent(name, (key) -> {
			SslBundle bundle = sslBundle("ssl-bundle", key);
			this.sslBundles.addBundleUpdateHandler(key, (updated) -> this.bundles.put(key, updated));
			return bundle;
		});
	}

	private SslBundle sslBundle(String key, String name) {
		String configured = (this.sslBundles != null) ? String.join(", ", this.sslBundles.getBundleNames()) : "";
		if (this.sslBundles != null) {
			try {
				return this.sslBundles.getBundle(name);
			}
			catch (NoSuchSslBundleException ex) {
				// Reported below with the bundles that exist.
			}
		}
		throw new InvalidServerManagerPropertyException(key, name,
				configured.isEmpty() ? "the name of an SSL bundle, and none is configured under spring.ssl.bundle.*"
						: "the name of an SSL bundle configured under spring.ssl.bundle.* (" + configured + ")",
				configured.isEmpty() ? "my-bundle" : this.sslBundles.getBundleNames().get(0));
	}

}
