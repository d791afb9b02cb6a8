package io.github.servermanager.autoconfigure;

import java.util.List;
import java.util.random.RandomGenerator;

import io.github.servermanager.core.ApertureSelection;
import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.ZoneSelection;
import io.github.servermanager.discovery.DiscoveryClientRank;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import io.github.servermanager.discovery.ServiceInstanceZones;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Builds the front selection of each service from its configuration: the client's zone
 * first when it has one, and within a zone the deterministic aperture or the seed's
 * shuffle.
 */
public class ServerManagerFrontSelections {

	private final @Nullable String zone;

	private final DiscoveryClientRank rank;

	/**
	 * Creates the builder.
	 * @param zone this client's zone, or {@code null} to ignore zones
	 * @param rank this client's rank among its application's instances
	 */
	public ServerManagerFrontSelections(@Nullable String zone, DiscoveryClientRank rank) {
		this.zone = zone;
		this.rank = rank;
	}

	/**
	 * Returns this client's zone.
	 * @return the zone, or {@code null} when zones are ignored
	 */
	public @Nullable String zone() {
		return this.zone;
	}

	/**
	 * Returns the rank the aperture selections read.
	 * @return the rank
	 */
	public DiscoveryClientRank rank() {
		return this.rank;
	}

	/**
	 * Builds the selection of a service.
	 * @param service the service's settings
	 * @param random the source of shuffles
	 * @return the selection, or {@code null} for the seed's shuffle alone
	 */
	public @Nullable FrontSelection<ServiceInstance> forService(ServiceProperties service, RandomGenerator random) {
		FrontSelection<ServiceInstance> withinZone = FrontSelection.random(random);
		boolean aperture = service.getFrontSelection() == FrontSelectionMode.APERTURE;
		if (aperture) {
			withinZone = new ApertureSelection<>(ServiceInstanceKeys::keyOf, this.rank, System::currentTimeMillis,
					service.getConnsPerSecPerServer(), withinZone, service.getMinReuse());
		}
		if (this.zone != null) {
			return new ZoneSelection<>(ServiceInstanceZones::zoneOf, this.zone,
					List.copyOf(service.getZoneFailoverOrder()), withinZone);
		}
		return aperture ? withinZone : null;
	}

}
