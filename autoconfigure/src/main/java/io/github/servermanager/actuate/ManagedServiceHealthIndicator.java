package io.github.servermanager.actuate;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.servermanager.core.Aperture;
import io.github.servermanager.core.ServerManager;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import io.github.servermanager.service.ManagedService;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The health of one service as its server manager knows it: UP while a server that
 * answered is in front; when the manager is offline (no servers, or none answered the
 * last rebalance), {@link #OFFLINE} by default and DOWN only when asked to fail.
 * <p>
 * The service is one this application calls, not this application: its outage must not
 * take the caller out of rotation, or restart it, or cascade up the call graph through
 * every health check that reads the caller's health. So by default an offline service
 * reports a status that Spring Boot's status aggregation leaves out (as resilience4j's
 * circuit-breaker indicator does with an open circuit): it shows in the component, and
 * never turns the root, liveness or readiness DOWN.
 * <p>
 * The details name the {@code active} (front) server and the {@code aperture}: the
 * servers that share the requests, each with its {@code share}, the front alone with a
 * share of 1 unless an aperture selection spreads them.
 * <p>
 * It reads the manager's state and never calls the servers, so a health request costs
 * nothing and cannot hang on a dead backend.
 */
public class ManagedServiceHealthIndicator implements HealthIndicator {

	/**
	 * The status of an offline service unless it is asked to fail: not in Spring Boot's
	 * status order, so aggregation skips it, and answered with HTTP 200.
	 */
	public static final Status OFFLINE = new Status("OFFLINE");

	private final ManagedService service;

	private final boolean failWhenOffline;

	/**
	 * Creates an indicator that reports {@link #OFFLINE} for an offline service.
	 * @param service the service
	 */
	public ManagedServiceHealthIndicator(ManagedService service) {
		this(service, false);
	}

	/**
	 * Creates an indicator.
	 * @param service the service
	 * @param failWhenOffline whether an offline service reports DOWN rather than
	 * {@link #OFFLINE}
	 */
	public ManagedServiceHealthIndicator(ManagedService service, boolean failWhenOffline) {
		this.service = Objects.requireNonNull(service, "service must not be null");
		this.failWhenOffline = failWhenOffline;
	}

	@Override
	public Health health() {
		ServerManager.Snapshot<ServiceInstance> snapshot = this.service.manager().snapshot();
		List<ServiceInstance> servers = snapshot.servers();
		boolean offline = servers.isEmpty() || this.service.manager().isOffline();
		Health.Builder builder = !offline ? Health.up() : this.failWhenOffline ? Health.down() : Health.status(OFFLINE);
		if (!servers.isEmpty()) {
			builder.withDetail("active", ServiceInstanceKeys.keyOf(servers.get(0)))
				.withDetail("aperture", sharesOf(snapshot.aperture()));
		}
		SliceDescriptor slice = SliceDescriptor.of(this.service);
		if (slice != null) {
			builder.withDetail("slice", Map.of("index", slice.index(), "clients", slice.clients()));
		}
		ZoneDescriptor zone = ZoneDescriptor.of(this.service, snapshot.front());
		if (zone != null) {
			// Still UP when failed over: requests are served, from another zone.
			builder.withDetail("localZone", zone.localZone()).withDetail("inLocalZone", zone.local());
		}
		return builder.withDetail("numServers", servers.size()).withDetail("offline", offline).build();
	}

	/**
	 * Lists the servers that share the requests as plain maps, which any JSON mapper
	 * writes without hints, in a native image too.
	 */
	private static List<Map<String, Object>> sharesOf(Aperture<ServiceInstance> aperture) {
		return ApertureDescriptor.of(aperture, null)
			.servers()
			.stream()
			.map((server) -> Map.<String, Object>of("server", server.server(), "share", server.share()))
			.toList();
	}

}
