package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

	private static final String SERVICES = ServerManagerProperties.PREFIX + ".services.";

	private final ServerManagerProperties properties;

	/**
	 * Validates the properties.
	 * @param properties the bound properties
	 * @throws InvalidServerManagerPropertyException when a value is invalid
	 */
	public ServerManagerSettings(ServerManagerProperties properties) {
		this.properties = Objects.requireNonNull(properties, "properties must not be null");
		requirePositive(new Resolved<>(ServerManagerProperties.PREFIX + ".tick", properties.getTick()), "1s");
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
		Integer clusterSize = clusterSize(
				merge.resolve("cluster-size", Service::getClusterSize, defaults.getClusterSize()));
		PingKind ping = ping(merge.resolve("ping", Service::getPing, defaults.getPing()));
		String healthPath = healthPath(merge.resolve("health-path", Service::getHealthPath, defaults.getHealthPath()));
		Duration pingTimeout = requirePositive(
				merge.resolve("ping-timeout", Service::getPingTimeout, defaults.getPingTimeout()), "1s");
		Set<Integer> failureStatuses = failureStatuses(
				merge.resolve("failure-statuses", Service::getFailureStatuses, defaults.getFailureStatuses()));
		Duration membershipRefresh = requirePositive(
				merge.resolve("membership-refresh", Service::getMembershipRefresh, defaults.getMembershipRefresh()),
				"30s");
		RebalanceSpread spread = spread(
				merge.resolve("rebalance-spread", Service::getRebalanceSpread, defaults.getRebalanceSpread()));
		boolean rearm = merge
			.resolve("rearm-on-membership-change", Service::getRearmOnMembershipChange,
					defaults.isRearmOnMembershipChange())
			.value();
		ServiceSettings settings = new ServiceSettings(minReuse, jitterFraction, connsPerSec, clusterSize,
				membershipRefresh, failureStatuses, spread, rearm);
		FrontSelectionMode frontSelection = frontSelection(
				merge.resolve("front-selection", Service::getFrontSelection, defaults.getFrontSelection()));
		List<String> zoneFailoverOrder = zoneFailoverOrder(
				merge.resolve("zone-failover-order", Service::getZoneFailoverOrder, defaults.getZoneFailoverOrder()));
		return new ServiceConfiguration(enabled, settings, ping, healthPath, pingTimeout, frontSelection,
				zoneFailoverOrder);
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

	private static @Nullable Integer clusterSize(Resolved<@Nullable String> resolved) {
		String value = resolved.value();
		if (value == null || "auto".equalsIgnoreCase(value.trim())) {
			return null;
		}
		try {
			int size = Integer.parseInt(value.trim());
			if (size >= 1) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below with the valid forms.
		}
		throw new InvalidServerManagerPropertyException(resolved.key(), value, "'auto' or a whole number of at least 1",
				"auto");
	}

	private static PingKind ping(Resolved<@Nullable String> resolved) {
		PingKind kind = (resolved.value() != null) ? PingKind.parse(resolved.value()) : null;
		if (kind == null) {
			throw new InvalidServerManagerPropertyException(resolved.key(), resolved.value(), "one of http, tcp, none",
					"http");
		}
		return kind;
	}

	private static FrontSelectionMode frontSelection(Resolved<@Nullable String> resolved) {
		FrontSelectionMode mode = (resolved.value() != null) ? FrontSelectionMode.parse(resolved.value()) : null;
		if (mode == null) {
			throw new InvalidServerManagerPropertyException(resolved.key(), resolved.value(), "one of random, subset",
					"subset");
		}
		return mode;
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

	private static RebalanceSpread spread(Resolved<@Nullable String> resolved) {
		String value = resolved.value();
		if (value != null) {
			for (RebalanceSpread spread : RebalanceSpread.values()) {
				if (spread.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
					return spread;
				}
			}
		}
		throw new InvalidServerManagerPropertyException(resolved.key(), value, "one of spread, consul", "spread");
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
				return new Resolved<>(SERVICES + this.serviceId + "." + name, value);
			}
			return new Resolved<>(ServerManagerProperties.PREFIX + "." + name, fallback);
		}

	}

}
