package io.github.servermanager.actuate;

import java.util.List;
import java.util.Objects;

import io.github.servermanager.loadbalancer.ManagedService;
import io.github.servermanager.loadbalancer.ServiceInstanceKeys;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The health of one service as its server manager knows it: UP while a server that
 * answered is in front, DOWN when the manager is offline (no servers, or none answered
 * the last rebalance). It reads the manager's state and never calls the servers, so a
 * health request costs nothing and cannot hang on a dead backend.
 */
public class ManagedServiceHealthIndicator implements HealthIndicator {

	private final ManagedService service;

	/**
	 * Creates an indicator.
	 * @param service the service
	 */
	public ManagedServiceHealthIndicator(ManagedService service) {
		this.service = Objects.requireNonNull(service, "service must not be null");
	}

	@Override
	public Health health() {
		List<ServiceInstance> servers = this.service.manager().servers();
		boolean down = servers.isEmpty() || this.service.manager().isOffline();
		Health.Builder builder = down ? Health.down() : Health.up();
		if (!servers.isEmpty()) {
			builder.withDetail("active", ServiceInstanceKeys.keyOf(servers.get(0)));
		}
		ZoneDescriptor zone = ZoneDescriptor.of(this.service);
		if (zone != null) {
			// Still UP when failed over: requests are served, from another zone.
			builder.withDetail("localZone", zone.localZone()).withDetail("inLocalZone", zone.local());
		}
		return builder.withDetail("numServers", servers.size()).build();
	}

}
