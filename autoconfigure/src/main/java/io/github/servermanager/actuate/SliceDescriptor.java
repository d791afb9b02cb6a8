package io.github.servermanager.actuate;

import io.github.servermanager.core.ApertureSelection;
import io.github.servermanager.core.ClientRank;
import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.ZoneSelection;
import io.github.servermanager.service.ManagedService;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The slice of the ring of servers (sorted by key) that one client covers: the client of
 * rank {@code index} among {@code clients} covers {@code [index / clients, (index + 1) /
 * clients)} of the ring, and spreads its requests over the servers that range overlaps.
 * With at least as many clients as servers it takes the one server its slice starts in.
 * The bounds are those of the ring as it stands in round 0: each round every slice moves
 * one server along the ring, so the servers it covers change while the bounds shown stay.
 *
 * @param index the client's rank, from 0
 * @param clients how many clients share the servers
 * @param start where the slice starts on the ring, a fraction in {@code [0, 1)}
 * @param end where it ends, a fraction in {@code (0, 1]}
 */
public record SliceDescriptor(int index, int clients, double start, double end) {

	/**
	 * Describes the slice of a rank.
	 * @param rank the rank
	 * @return the slice
	 */
	static SliceDescriptor of(ClientRank rank) {
		return new SliceDescriptor(rank.index(), rank.clients(), (double) rank.index() / rank.clients(),
				(double) (rank.index() + 1) / rank.clients());
	}

	/**
	 * Describes the slice a service's last selection was made for.
	 * @param service the service
	 * @return the slice, or {@code null} when the service does not use an aperture or the
	 * client's rank was unknown at the last selection
	 */
	static @Nullable SliceDescriptor of(ManagedService service) {
		FrontSelection<ServiceInstance> selection = service.frontSelection();
		if (selection instanceof ZoneSelection<ServiceInstance> zones) {
			selection = zones.withinZone();
		}
		if (selection instanceof ApertureSelection<ServiceInstance> aperture) {
			ClientRank rank = aperture.rank();
			return (rank != null) ? of(rank) : null;
		}
		return null;
	}

}
