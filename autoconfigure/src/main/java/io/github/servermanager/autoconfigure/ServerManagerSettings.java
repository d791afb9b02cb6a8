package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.github.servermanager.autoconfigure.ServerManagerProperties.Service;
import io.github.servermanager.core.RebalanceSpread;
import io.github.servermanager.loadbalancer.ServiceSettings;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@link ServerManagerProperties} and merges each service's overrides with the
 * defaults. Created at start-up, so that a bad value stops the application with a message
 * naming the key rather than failing on the first request.
 */
public class ServerManagerSettings {

	private final ServerManagerProperties properties;

	/**
	 * Validates the properties.
	 * @param properties the bound properties
	 * @throws InvalidServerManagerPropertyException when a value is invalid
	 */
	public ServerManagerSettings(ServerManagerProperties properties) {
		this.properties = Objects.requireNonNull(properties, "properties must not be null");
		requirePositive(new Resolved<>(ServerManagerProperties.PREFIX + ".tick", properties.getTick()), "1s");
		requireAtLeastOne(new Resolved<>(ServerManagerProperties.PREFIX + ".scheduling.max-threads",
				properties.getScheduling().getMaxThreads()), "64");
		requirePositive(new Resolved<>(ServerManagerProperties.PREFIX + ".cluster-size-refresh",
				properties.getClusterSizeRefresh()), "5m");
		connectionMaxIdleTime();
		forService(null);
		for (String serviceId : properties.getServices().keySet()) {
			forService(serviceId);
		}
	}

	/**
	 * Returns the validated properties.
	 * @return the properties
	 */
	public ServerManagerProperties getProperties() {
		return this.properties;
	}

	/**
	 * Merges a service's overrides with the defaults and validates the result.
	 * @param serviceId the service, or {@code null} for the defaults alone
	 * @return the configuration of the service
	 * @throws InvalidServerManagerPropertyException when a value is invalid
	 */
	public ServiceConfiguration forService(@Nullable String serviceId) {
		ServerManagerProperties defaults = this.properties;
		ServerManagerProperties.Service service = (serviceId != null) ? defaults.getServices().get(serviceId) : null;
		Merger merge = new Merger(serviceId, service);
		boolean enabled = merge.resolve("enabled", Service::getEnabled, defaults.isEnabled()).value();
		Duration minReuse = requirePositive(merge.resolve("min-reuse", Service::getMinReuse, defaults.getMinReuse()),
				"2m");
		int jitterFraction = requireAtLeastOne(
				merge.resolve("jitter-fraction", Service::getJitterFraction, defaults.getJitterFraction()), "2");
		int connsPerSec = requireAtLeastOne(merge.resolve("conns-per-sec-per-server", Service::getConnsPerSecPerServer,
				defaults.getConnsPerSecPerServer()), "64");
		ClusterSize clusterSize = merge.resolve("cluster-size", Service::getClusterSize, defaults.getClusterSize())
			.value();
		PingKind ping = merge.resolve("ping", Service::getPing, defaults.getPing()).value();
		String healthPath = healthPath(merge.resolve("health-path", Service::getHealthPath, defaults.getHealthPath()));
		String portKey = requireText(merge.resolve("ping-port-metadata-key", Service::getPingPortMetadataKey,
				defaults.getPingPortMetadataKey()), "management.port");
		String sslBundle = merge.resolve("ssl-bundle", Service::getSslBundle, defaults.getSslBundle()).value();
		Duration pingTimeout = requirePositive(
				merge.resolve("ping-timeout", Service::getPingTimeout, defaults.getPingTimeout()), "1s");
		Set<Integer> failureStatuses = failureStatuses(
				merge.resolve("failure-statuses", Service::getFailureStatuses, defaults.getFailureStatuses()));
		Duration membershipRefresh = requirePositive(
				merge.resolve("membership-refresh", Service::getMembershipRefresh, defaults.getMembershipRefresh()),
				"30s");
		RebalanceSpread spread = merge
			.resolve("rebalance-spread", Service::getRebalanceSpread, defaults.getRebalanceSpread())
			.value();
		boolean rearm = merge
			.resolve("rearm-on-membership-change", Service::getRearmOnMembershipChange,
					defaults.isRearmOnMembershipChange())
			.value();
		Duration offlineRecheck = requirePositive(
				merge.resolve("offline-recheck", Service::getOfflineRecheck, defaults.getOfflineRecheck()), "5s");
		Integer fixedClusterSize = (clusterSize.count() == ClusterSize.Count.FIXED) ? clusterSize.fixed() : null;
		boolean failoverCheck = merge.resolve("failover-check", Service::getFailoverCheck, defaults.isFailoverCheck())
			.value();
		// A ping opens a connection of its own, closed after the answer; the requests
		// that follow open another.
		int connectionsPerRebalance = (ping == PingKind.NONE) ? 1 : 2;
		ServiceSettings settings = new ServiceSettings(minReuse, jitterFraction, connsPerSec, connectionsPerRebalance,
				fixedClusterSize, membershipRefresh, failureStatuses, spread, rearm, offlineRecheck,
				failoverCheck ? pingTimeout : Duration.ZERO);
		FrontSelectionMode frontSelection = merge
			.resolve("front-selection", Service::getFrontSelection, defaults.getFrontSelection())
			.value();
		List<String> zoneFailoverOrder = zoneFailoverOrder(
				merge.resolve("zone-failover-order", Service::getZoneFailoverOrder, defaults.getZoneFailoverOrder()));
		return new ServiceConfiguration(enabled, settings, clusterSize, ping, healthPath, portKey, sslBundle,
				pingTimeout, frontSelection, zoneFailoverOrder);
	}

	/**
	 * Returns the SSL bundles the configuration names, each with the key that names it.
	 * @return the bundle name by key
	 */
	public Map<String, String> sslBundleKeys() {
		Map<String, String> bundles = new LinkedHashMap<>();
		if (this.properties.getSslBundle() != null) {
			bundles.put(ServerManagerProperties.PREFIX + ".ssl-bundle", this.properties.getSslBundle());
		}
		this.properties.getServices().forEach((serviceId, service) -> {
			if (service.getSslBundle() != null) {
				bundles.put(ServerManagerProperties.serviceKey(serviceId, "ssl-bundle"), service.getSslBundle());
			}
		});
		return bundles;
	}

	/**
	 * Returns how long a pooled connection of a client built by Spring Boot's builders
	 * may stay idle: the configured value, else a quarter of the default min-reuse. A
	 * server stays in front for at least min-reuse, so the front's connection stays open
	 * for an application that calls at least that often, while a connection to a former
	 * front closes well before the next rebalance.
	 * @return the bound, {@link Duration#ZERO} to leave each library's own setting
	 */
	public Duration connectionMaxIdleTime() {
		Duration configured = this.properties.getConnectionMaxIdleTime();
		if (configured == null) {
			return this.properties.getMinReuse().dividedBy(4);
		}
		if (configured.isNegative()) {
			throw new InvalidServerManagerPropertyException(
					ServerManagerProperties.PREFIX + ".connection-max-idle-time", describe(configured),
					"a positive duration, or 0 to leave each HTTP client's own setting", "30s");
		}
		return configured;
	}

	private static Duration requirePositive(Resolved<@Nullable Duration> resolved, String example) {
		Duration value = resolved.value();
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidServerManagerPropertyException(resolved.key(), (value != null) ? describe(value) : null,
					"a positive duration", example);
		}
		return value;
	}

	/** Shows a duration the way it is written in configuration, not as ISO-8601. */
	static String describe(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		long nanos = duration.toNanos();
		String[] units = { "d", "h", "m", "s", "ms", "us", "ns" };
		long[] sizes = { 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L,
				1L };
		for (int i = 0; i < units.length; i++) {
			if (nanos % sizes[i] == 0) {
				return (nanos / sizes[i]) + units[i];
			}
		}
		return nanos + "ns";
	}

	private static int requireAtLeastOne(Resolved<Integer> resolved, String example) {
		if (resolved.value() < 1) {
			throw new InvalidServerManagerPropertyException(resolved.key(), resolved.value(),
					"a whole number of at least 1", example);
		}
		return resolved.value();
	}

	private static String requireText(Resolved<@Nullable String> resolved, String example) {
		String value = resolved.value();
		if (value == null || value.isBlank()) {
			throw new InvalidServerManagerPropertyException(resolved.key(), value, "a non-blank text", example);
		}
		return value.trim();
	}

	private static List<String> zoneFailoverOrder(Resolved<@Nullable List<String>> resolved) {
		List<String> zones = (resolved.value() != null) ? resolved.value() : List.of();
		for (String zone : zones) {
			if (zone == null || zone.isBlank()) {
				throw new InvalidServerManagerPropertyException(resolved.key(), String.join(",", zones),
						"a list of zone names without blanks", "zone-b,zone-c");
			}
		}
		return List.copyOf(zones);
	}

	private static String healthPath(Resolved<@Nullable String> resolved) {
		String path = resolved.value();
		if (path == null || !path.startsWith("/")) {
			throw new InvalidServerManagerPropertyException(resolved.key(), path, "a path that starts with '/'",
					"/actuator/health");
		}
		return path;
	}

	private static Set<Integer> failureStatuses(Resolved<@Nullable List<Integer>> resolved) {
		Set<Integer> valid = new LinkedHashSet<>();
		List<Integer> statuses = resolved.value();
		if (statuses != null) {
			for (Integer status : statuses) {
				if (status == null || status < 100 || status > 599) {
					throw new InvalidServerManagerPropertyException(resolved.key(),
							String.join(",", statuses.stream().map(String::valueOf).toList()),
							"a list of HTTP status codes between 100 and 599", "502,503,504");
				}
				valid.add(status);
			}
		}
		return valid;
	}

	/** A merged value and the key it came from. */
	private record Resolved<T>(String key, T value) {

	}

	/** Picks a service's override when set, else the default, and names its key. */
	private static final class Merger {

		private final @Nullable String serviceId;

		private final @Nullable Service service;

		Merger(@Nullable String serviceId, @Nullable Service service) {
			this.serviceId = serviceId;
			this.service = service;
		}

		<T> Resolved<T> resolve(String name, Function<Service, @Nullable T> override, T fallback) {
			T value = (this.service != null) ? override.apply(this.service) : null;
			if (value != null) {
				return new Resolved<>(ServerManagerProperties.serviceKey(this.serviceId, name), value);
			}
			return new Resolved<>(ServerManagerProperties.PREFIX + "." + name, fallback);
		}

	}

}
