package io.github.servermanager.actuate;

import java.util.List;

import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.ZoneSelection;
import io.github.servermanager.service.ManagedService;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Where a service's traffic goes, zone-wise.
 *
 * @param localZone this client's zone
 * @param frontZone the zone of the front server, {@code null} when it has none or there
 * is no server
 * @param local whether the front server is in the local zone: {@code false} means the
 * client has failed over to another zone because no local server answered
 */
public record ZoneDescriptor(String localZone, @Nullable String frontZone, boolean local) {

	/**
	 * Describes the zone state of a service.
	 * @param service the service
	 * @return the state, or {@code null} when the service does not prefer a zone
	 */
	public static @Nullable ZoneDescriptor of(ManagedService service) {
		List<ServiceInstance> servers = service.manager().servers();
		return of(service, servers.isEmpty() ? null : servers.get(0));
	}

	/**
	 * Describes the zone state of a service with a given front. The front is read from
	 * the list, never picked as a request would pick it, so that describing a service
	 * does not move the spread of its requests over an aperture.
	 * @param service the service
	 * @param front its front server, {@code null} when it has none
	 * @return the state, or {@code null} when the service does not prefer a zone
	 */
	static @Nullable ZoneDescriptor of(ManagedService service, @Nullable ServiceInstance front) {
		FrontSelection<ServiceInstance> selection = service.frontSelection();
		if (!(selection instanceof ZoneSelection<ServiceInstance> zones)) {
			return null;
		}
		if (front == null) {
			return new ZoneDescriptor(zones.localZone(), null, false);
		}
		return new ZoneDescriptor(zones.localZone(), zones.zoneOf(front), zones.isLocal(front));
	}

	/**
	 * Returns whether a service's front server is in the client's zone.
	 * @param service the service
	 * @return {@code true} when it prefers a zone and its front is there
	 */
	static boolean inLocalZone(ManagedService service) {
		ZoneDescriptor zone = of(service);
		return zone != null && zone.local();
	}

}
