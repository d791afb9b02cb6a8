package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.servermanager.loadbalancer.ServiceSettings;
import org.jspecify.annotations.Nullable;

/**
 * Everything configured for one service, defaults and overrides merged and validated.
 *
 * @param enabled whether the service uses the server manager
 * @param settings what the manager and its schedule need
 * @param clusterSize how the number of clients is found
 * @param ping how a rebalance checks a server
 * @param healthPath the path of the HTTP pings
 * @param pingPortMetadataKey the instance metadata key that names the port of the HTTP
 * pings
 * @param sslBundle the SSL bundle of the HTTP pings, or {@code null} for the JVM's
 * defaults
 * @param pingTimeout the timeout of a ping
 * @param frontSelection how the front server is picked at a rebalance
 * @param zoneFailoverOrder the zones to fail over to, nearest first
 */
public record ServiceConfiguration(boolean enabled, ServiceSettings settings, ClusterSize clusterSize, PingKind ping,
		String healthPath, String pingPortMetadataKey, @Nullable String sslBundle, Duration pingTimeout,
		FrontSelectionMode frontSelection, List<String> zoneFailoverOrder) {

}
