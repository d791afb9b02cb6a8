package io.github.servermanager.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A Spring Cloud LoadBalancer preset is configured for a service that the server manager
 * serves, where it would have no effect.
 * {@link UnsupportedLoadBalancerPresetFailureAnalyzer} turns it into a start-up report.
 */
public class UnsupportedLoadBalancerPresetException extends RuntimeException {

	private final String key;

	private final String preset;

	private final @Nullable String serviceId;

	/**
	 * Creates an exception.
	 * @param key the key that holds the preset
	 * @param preset the preset, for example {@code health-check}
	 * @param serviceId the service the key is for, or {@code null} for every service
	 */
	public UnsupportedLoadBalancerPresetException(String key, String preset, @Nullable String serviceId) {
		super("'" + key + "=" + preset + "' has no effect on services of the server manager");
		this.key = key;
		this.preset = preset;
		this.serviceId = serviceId;
	}

	public String getKey() {
		return this.key;
	}

	public String getPreset() {
		return this.preset;
	}

	public @Nullable String getServiceId() {
		return this.serviceId;
	}

}
