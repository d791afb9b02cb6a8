package io.github.servermanager.actuate;

import java.util.ArrayList;
import java.util.List;

import io.github.servermanager.core.Aperture;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The servers a service's requests are spread over, and the slice of the ring of servers
 * that this client covers.
 *
 * @param servers the servers at the head of the list that share the requests, front
 * first, with their shares: the front alone, with a share of 1, unless an aperture
 * spreads the requests; empty when there is no server
 * @param slice this client's slice, {@code null} when the last selection had no rank: the
 * selection is random, the client was not found among its application's instances, or no
 * selection was made yet
 */
public record ApertureDescriptor(List<ShareDescriptor> servers, @Nullable SliceDescriptor slice) {

	/**
	 * Describes an aperture.
	 * @param aperture the aperture
	 * @param slice the slice it was selected for, if any
	 * @return the description
	 */
	static ApertureDescriptor of(Aperture<ServiceInstance> aperture, @Nullable SliceDescriptor slice) {
		List<ShareDescriptor> servers = new ArrayList<>(aperture.size());
		List<Double> shares = aperture.shares();
		for (int i = 0; i < aperture.size(); i++) {
			servers.add(new ShareDescriptor(ServiceInstanceKeys.keyOf(aperture.servers().get(i)), shares.get(i)));
		}
		return new ApertureDescriptor(List.copyOf(servers), slice);
	}

}
