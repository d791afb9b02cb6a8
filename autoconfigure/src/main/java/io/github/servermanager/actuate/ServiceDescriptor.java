package io.github.servermanager.actuate;

import java.util.ArrayList;
import java.util.List;

import io.github.servermanager.core.ServerManager;
import io.github.servermanager.service.ManagedService;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The state of one service's server manager. Instants and durations are ISO-8601 strings,
 * so that they read the same whatever JSON mapper the application configures.
 *
 * @param serviceId the service
 * @param servers its servers in order, the active one first
 * @param numServers how many servers are known, healthy or not
 * @param offline whether no server is known to answer: none seen yet, or none answered
 * the last rebalance
 * @param clusterSize how many clients the rebalance interval is scaled for
 * @param lastRebalance the last rebalance, {@code null} before the first
 * @param nextRebalanceAt when the next scheduled rebalance is due
 * @param rebalanceInterval the interval that deadline was computed from
 * @param failovers how many failed requests moved the front server away
 * @param lastFailure the last failed request, {@code null} when none was reported
 * @param zone where the traffic goes zone-wise, {@code null} when no zone is preferred
 * @param aperture the servers that share the requests, and the client's slice of the ring
 * when an aperture selection placed them
 */
public record ServiceDescriptor(String serviceId, List<ServerDescriptor> servers, int numServers, boolean offline,
		int clusterSize, @Nullable RebalanceDescriptor lastRebalance, String nextRebalanceAt, String rebalanceInterval,
		long failovers, @Nullable FailureDescriptor lastFailure, @Nullable ZoneDescriptor zone,
		ApertureDescriptor aperture) implements OperationResponseBody {

	/**
	 * Describes a service from one snapshot of its list, so that the servers, their
	 * count, the active flag and the aperture always agree.
	 * @param service the service
	 * @param showMetadata whether instance metadata may be shown
	 * @return the description
	 */
	public static ServiceDescriptor of(ManagedService service, boolean showMetadata) {
		ServerManager.Snapshot<ServiceInstance> snapshot = service.manager().snapshot();
		List<ServiceInstance> instances = snapshot.servers();
		List<ServerDescriptor> servers = new ArrayList<>(instances.size());
		for (int i = 0; i < instances.size(); i++) {
			servers.add(ServerDescriptor.of(instances.get(i), i == 0, showMetadata));
		}
		return new ServiceDescriptor(service.serviceId(), List.copyOf(servers), instances.size(),
				service.manager().isOffline(), service.clusterSize(), RebalanceDescriptor.of(service.lastRebalance()),
				IsoStrings.of(service.nextRebalanceAt()), IsoStrings.of(service.rebalanceInterval()),
				service.failovers(), FailureDescriptor.of(service.lastFailure()),
				ZoneDescriptor.of(service, snapshot.front()),
				ApertureDescriptor.of(snapshot.aperture(), SliceDescriptor.of(service)));
	}

}
