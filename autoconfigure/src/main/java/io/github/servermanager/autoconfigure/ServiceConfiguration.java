package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.servermanager.loadbalancer.ServiceSettings;

/**
 * Everything configured for one service, defaults and overrides merged and validated.
 *
 * @param enabled whether the service uses the server manager
 * @param settings what the manager and its schedule need
 * @param ping how a rebalance checks a server
 * @param healthPath the path of the HTTP ping
 * @param pingTimeout the timeout of a ping
 * @param frontSelection how the front server is picked at a rebalance
 * @param zoneFailoverOrder the zones to fail over to, nearest first
 */
public record ServiceConfiguration(boolean enabled, ServiceSettings settings, PingKind ping, String healthPath,
		Duration pingTimeout, FrontSelectionMode frontSelection, List<String> zoneFailoverOrder) {

}
