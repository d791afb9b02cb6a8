package io.github.servermanager.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Refuses Spring Cloud LoadBalancer presets
 * ({@code spring.cloud.loadbalancer.configurations} and its per-client form) for services
 * that the server manager serves. A preset builds Spring's own supplier chain, which the
 * server manager's supplier replaces: without this check the preset would be dropped
 * without a word.
 * <p>
 * Only {@code default} (Spring's plain discovery supplier, which the server manager wraps
 * anyway) is accepted. A per-client preset is accepted for a service whose server manager
 * is off ({@code server-manager.services.<id>.enabled=false}).
 */
final class LoadBalancerPresetCheck {

	static final String DEFAULT_KEY = "spring.cloud.loadbalancer.configurations";

	private static final String CLIENTS = "spring.cloud.loadbalancer.clients";

	private LoadBalancerPresetCheck() {
	}

	/**
	 * Checks the environment.
	 * @param environment the application's environment
	 * @param properties the server manager's properties
	 * @throws UnsupportedLoadBalancerPresetException when a managed service would lose a
	 * preset
	 */
	static void check(Environment environment, ServerManagerProperties properties) {
		String preset = environment.getProperty(DEFAULT_KEY);
		if (isPreset(preset)) {
			throw new UnsupportedLoadBalancerPresetException(DEFAULT_KEY, preset.trim(), null);
		}
		Map<String, Client> clients = Binder.get(environment)
			.bind(CLIENTS, Bindable.mapOf(String.class, Client.class))
			.orElse(Map.of());
		clients.forEach((serviceId, client) -> {
			if (isPreset(client.getConfigurations()) && managed(properties, serviceId)) {
				throw new UnsupportedLoadBalancerPresetException(CLIENTS + "." + serviceId + ".configurations",
						client.getConfigurations().trim(), serviceId);
			}
		});
	}

	private static boolean isPreset(@Nullable String value) {
		return value != null && !value.isBlank() && !"default".equalsIgnoreCase(value.trim());
	}

	private static boolean managed(ServerManagerProperties properties, String serviceId) {
		return properties.forService(serviceId).isEnabled();
	}

	/** The part of Spring Cloud LoadBalancer's per-client settings read here. */
	static class Client {

		private @Nullable String configurations;

		public @Nullable String getConfigurations() {
			return this.configurations;
		}

		public void setConfigurations(@Nullable String configurations) {
			this.configurations = configurations;
		}

	}

}
