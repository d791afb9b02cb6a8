package io.github.servermanager.actuate;

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
		FrontSelection<ServiceInstance> selection = service.frontSelection();
		if (!(selection instanceof ZoneSelection<ServiceInstance> zones)) {
			return null;
		}
		ServiceInstance front = service.manager().findServer();
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
